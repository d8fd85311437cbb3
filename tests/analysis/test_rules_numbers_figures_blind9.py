"""Figure parsing after blind sets 9 and 10 (rules_numbers): a form blank between the dollar sign
and the figure, and a decimal-comma figure. Fresh fictional wording; guards for the opposite case."""

from __future__ import annotations

from batches.analysis.rules import extract_facts
from batches.analysis.rules_numbers import find_amounts


def _values(text: str) -> list[float]:
    return [a.value for a in find_amounts(text, text.lower())]


def test_form_blank_between_sign_and_figure_is_read():
    assert _values("TOTAL RENT DUE:   $_____ 2,085.00") == [2085.0]
    assert _values("Less payment ($  175.00)") == [175.0]


def test_an_empty_form_blank_is_no_amount():
    assert _values("Amount due: $__________\n   Period from 3/1/2026") == []


def test_decimal_comma_figure_with_thousands_dots_is_read():
    assert _values("TOTAL ADEUDADO: $4.120,00") == [4120.0]
    assert _values("Renta de abril ..... $1.060,50, y nada mas") == [1060.5]


def test_a_dollar_figure_with_cents_stays_as_written():
    assert _values("a fee of $1.50, payable now") == [1.5]
    assert _values("rent of $1,060.50") == [1060.5]


def test_fill_in_rent_form_gives_the_total():
    text = (
        "THREE-DAY NOTICE TO PAY RENT OR QUIT\n\nTO: Perpetua Hollingsworth-Dane\n\n"
        "Rent past due for 02/01/2026 to 02/28/2026   Amount: $____ 1,735.00\n"
        "TOTAL RENT DUE:                                $____ 1,735.00\n\n"
        "Pay the total rent due or move out within three (3) days after service.\n"
    )
    assert extract_facts(text)["amountDue"] == 1735.0


def test_spanish_demand_in_decimal_comma_figures_gives_the_total():
    text = (
        "DEMANDA DE RENTA DE CATORCE (14) DIAS\n\nA: Casilda Ormaechea Pringle\n\n"
        "Se le exige el pago de la renta atrasada o la entrega de la posesion dentro de catorce (14) dias:\n"
        "   Renta de enero de 2026 ........ $2.040,00\n"
        "   Renta de febrero de 2026 ...... $2.040,00\n"
        "   TOTAL ADEUDADO: $4.080,00\n"
    )
    assert extract_facts(text)["amountDue"] == 4080.0
