"""Fixes after blind set 5's first contact (docs/evaluation.md, "Blind set 5, after fixes").
Fresh fictional wording, not the blind set's."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.rules_demand import demands
from batches.analysis.rules_kind import document_kind
from batches.analysis.rules_terms import period_from_dates


@pytest.mark.parametrize(
    "sentence",
    [
        "se requiere el pago de la renta atrasada o la entrega de la propiedad dentro de cinco (5) dias",
        "exigimos el pago total de $700.00 o bien la entrega del apartamento en un plazo de diez dias",
    ],
)
def test_spanish_noun_demand_pay_or_deliver_the_home(sentence):
    """A Spanish demand in noun form ("el pago ... o la entrega de la vivienda") is a demand to leave."""
    assert demands(sentence)


def test_spanish_rent_demand_title_without_aviso_is_a_notice():
    text = (
        "DEMANDA DE PAGO DE RENTA - DIEZ (10) DIAS\n\nA: Inquilina PQ. Ficticia\n"
        "Se requiere el pago de la renta de abril, $980.00, o la entrega de la unidad dentro de diez (10) dias "
        "a partir de hoy.\nFecha: 2 de abril de 2026.\n"
    )
    low = text.lower()
    head = "\n".join(low.splitlines()[:2])
    assert document_kind(head, low, low.replace("\n", " ")).document_type is None
    facts = extract_facts(text, state_hint="NY")
    assert facts["isEvictionNotice"] is True and facts["noticeDays"] == 10


def test_spanish_payment_receipt_is_still_no_notice():
    """The noun form alone ("el pago ... fue recibido") is no demand: no "o la entrega"."""
    assert not demands("confirmamos que el pago de la renta de abril fue recibido y la entrega de llaves fue el lunes")


def test_period_from_the_notice_date_and_the_stated_last_day():
    """No period in words, but the notice is dated and names the day to leave: the days between."""
    text = (
        "NOTICE TO LEAVE THE PREMISES\n\nTO: TENANT WV. FICTION\nDATE: MAY 4 2026\n\n"
        "YOU ARE HEREBY NOTIFIED TO LEAVE THE PREMISES ON OR BEFORE MAY 7 2026 FOR NONPAYMENT OF RENT FOR MAY "
        "2026 IN THE AMOUNT OF $640.00.\n"
    )
    facts = extract_facts(text, state_hint="OH")
    assert (facts["noticeDays"], facts["dayCounting"]) == (3, "calendar")


def test_a_stated_period_wins_over_the_dates():
    text = (
        "NOTICE TO VACATE\nDATE: MAY 4 2026\nYou must vacate within ten (10) days after service, on or before "
        "MAY 20 2026.\n"
    )
    assert extract_facts(text)["noticeDays"] == 10


@pytest.mark.parametrize(
    ("start", "deadline", "days"),
    [
        ("2026-05-04", "2026-05-07", 3),
        ("2026-05-07", "2026-05-04", None),
        ("2026-01-01", "2026-12-31", None),
        (None, "2026-05-07", None),
    ],
)
def test_period_from_dates_bounds(start, deadline, days):
    assert period_from_dates(start, deadline).days == days
