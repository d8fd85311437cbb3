"""Generic extractor behaviours added after the second blind set's first contact
(docs/evaluation.md, "Blind set 2, after hardening"). Each case is fresh fictional wording,
not a blind notice."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.textnorm import normalize, undouble_spaces

# --- line wraps ----------------------------------------------------------------------------


def test_flat_copy_reads_line_breaks_as_spaces_with_the_same_offsets():
    norm = normalize("Line one does\nnot end here.\n\nNext")
    assert norm.flat == "line one does not end here.  next"
    assert len(norm.flat) == len(norm.low) == len(norm.fixed)


def test_a_disclaimer_wrapped_across_lines_still_makes_a_non_notice():
    text = (
        "INFORMATION ABOUT YOUR BUILDING\n\nTo all residents of 9 Example Row, Sampleford, OH 43000\n\n"
        "Tenants of buildings like this one get at least 30 days after a notice to vacate. This page is "
        "shared for information. It does\nnot end your lease and asks for no money.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_it_is_not_a_notice_to_vacate_is_a_disclaimer():
    text = (
        "RESIDENT BULLETIN - INSURANCE\n\nTo: Tenant Q. Example, 4 Sample Court, Exampleton, IL 60000\n\n"
        "Please keep renter's insurance. This bulletin is informational; it is not a notice to vacate, "
        "and you will never be asked to move out because of it.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


# --- reasons -------------------------------------------------------------------------------


def test_holdover_proceedings_named_as_the_court_action_are_not_a_holdover_ground():
    text = (
        "NOTICE OF TERMINATION OF MONTH-TO-MONTH TENANCY\n\nTo: Tenant Q. Example, 7 Sample Lane, Exampleburg, "
        "NY 12000\n\nYour month to month tenancy, which started on March 1, 2024, is terminated effective "
        "August 31, 2025. If you stay, the landlord will begin summary holdover proceedings against you.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


def test_an_expired_lease_is_still_holdover():
    text = (
        "NOTICE TO QUIT\n\nTo: Tenant Q. Example\n\nYour lease expired on June 30, 2025 and will not be renewed. "
        "Vacate within thirty (30) days or face a holdover proceeding.\n"
    )
    assert extract_facts(text)["reason"] == "holdover"


def test_spanish_disorderly_conduct_is_nuisance_even_after_a_notice_to_cease():
    text = (
        "AVISO DE DESALOJO POR CONDUCTA DESORDENADA\n\nPara: Inquilino Q. Ejemplo\n\nDespues del aviso para "
        "cesar (notice to cease) de agosto, siguio la musica a todo volumen y los gritos de madrugada. "
        "Debe desocupar dentro de tres (3) dias.\n"
    )
    assert extract_facts(text)["reason"] == "nuisance"


def test_spanish_no_cause_notice_that_claims_no_rent_is_no_cause():
    text = (
        "AVISO DE TERMINACION DE ARRENDAMIENTO MES A MES\n\nPara: Inquilina Q. Ejemplo\n\nSu arrendamiento de "
        "mes a mes terminara el 31 de octubre de 2025. Este aviso no reclama renta atrasada ni otros cargos.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "no-cause"
    assert facts["amountDue"] is None


def test_a_deposit_statement_that_mentions_the_old_notice_to_quit_is_not_a_notice():
    text = (
        "SECURITY DEPOSIT ACCOUNTING\n\nDate: May 2, 2025\nFormer resident: Tenant Q. Example\n\n"
        "You moved out on April 30, 2025 after our notice to quit. Deposit held: $1,000.00. Carpet cleaning: "
        "$150.00. Refund enclosed: $850.00.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_notice_to_quit_that_mentions_the_deposit_stays_a_notice():
    text = (
        "NOTICE TO QUIT\n\nTo: Tenant Q. Example\n\nYour tenancy at will is terminated on June 30, 2025. "
        "Your security deposit will be returned as the law requires.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


# --- numbers in words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("AVISO DE DESALOJO\nPara: Inquilino Q. Ejemplo\n\nDebe desocupar dentro de doce (12) dias.", 12),
        ("AVISO DE TERMINACION\nPara: Inquilino Q. Ejemplo\n\nDebe desocupar dentro de ciento veinte dias.", 120),
        ("AVISO DE TERMINACION\nPara: Inquilino Q. Ejemplo\n\nDebe desocupar dentro de cuarenta y cinco dias.", 45),
    ],
)
def test_spanish_period_words(text, days):
    assert extract_facts(text)["noticeDays"] == days


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("AVISO PARA PAGAR O DESOCUPAR\n\nUsted debe la suma de MIL SEISCIENTOS VEINTE DOLARES ($1,620.00).", 1620.0),
        ("AVISO PARA PAGAR O DESOCUPAR\n\nUsted debe la suma de mil doscientos dolares por la renta.", 1200.0),
        ("NOTICE TO PAY RENT OR QUIT\n\nRent due: $1,340.00\n(one thousand three hundred forty dollars)", 1340.0),
    ],
)
def test_worded_amounts_next_to_a_figure_are_not_counted_twice(text, due):
    assert extract_facts(text)["amountDue"] == due


# --- informational papers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["TENANT RIGHTS DISCLOSURE", "NOTICE OF CHANGE OF OWNERSHIP", "NOTICE OF RIGHT TO RECLAIM ABANDONED PROPERTY"],
)
def test_informational_titles_are_not_notices(title):
    text = (
        f"{title}\n\nTo: Tenant Q. Example, 2 Sample Street, Exampleville, CA 90000\n\nIf a tenant must vacate, "
        "the law gives at least 30 days. Questions: call the office.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_cares_act_notice_to_vacate_is_still_a_notice():
    text = (
        "30-DAY NOTICE TO VACATE (CARES ACT)\n\nTo: Tenant Q. Example\n\nThis disclosure is part of the notice: "
        "you must vacate the premises within thirty (30) days after service of this notice.\n"
    )
    facts = extract_facts(text)
    assert (facts["isEvictionNotice"], facts["noticeDays"]) == (True, 30)


# --- partly double-spaced OCR, amounts inside a cue -----------------------------------------


def test_a_line_with_doubled_gaps_is_collapsed_in_a_single_spaced_document():
    text = (
        "An ordinary line with single spaces.\nYOU  MUST  PAY  OR  QUIT  NOW.\n"
        "Owner:      R. Example\nRent  ......  $900.00\n"
    )
    out = undouble_spaces(text)
    assert "YOU MUST PAY OR QUIT NOW." in out
    assert "Owner:      R. Example" in out  # a column gap (3+ spaces) is kept
    assert "Rent  ......  $900.00" in out  # two doubled gaps on a line are not enough


def test_pay_the_rent_of_an_amount_or_quit_is_non_payment_with_a_cure():
    text = (
        "NOTICE TO TENANT\nTo: Tenant Q. Example\n\nUnless you pay the rent of $850.00 or quit the premises "
        "within five (5) days, the landlord will file an eviction case.\n"
    )
    facts = extract_facts(text)
    assert (facts["reason"], facts["amountDue"], facts["cureOffered"]) == ("non-payment", 850.0, True)


# --- informational papers that mention a notice to vacate (probe round 3) --------------------


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("NOTICE OF RESIDENT RIGHTS", "If your landlord serves you a notice to quit, you may call legal aid."),
        ("NOTICE OF NEW PROPERTY MANAGER", "Late rent could result in a notice to pay or quit."),
        ("WELCOME LETTER", "If you ever receive a notice to vacate, read it carefully and call us."),
    ],
)
def test_conditional_mentions_of_a_notice_do_not_make_a_notice(title, sentence):
    text = f"{title}\n\nTo: Tenant Q. Example, 3 Sample Row, Exampleton, WA 98000\n\n{sentence}\n"
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_spanish_affixed_service_date_and_method():
    text = (
        "AVISO PARA DESOCUPAR\n\nDebe desocupar en tres (3) dias.\nFijado en la puerta principal el 4 de mayo de 2025."
    )
    facts = extract_facts(text)
    assert (facts["serviceDate"], facts["serviceMethod"]) == ("2025-05-04", "posting")


@pytest.mark.parametrize(
    "sentence",
    [
        "The tenant vacated on May 31 and the keys were returned.",
        "The music was quite loud; please keep it down. Thank you for building equity in our community.",
    ],
)
def test_past_tense_or_look_alike_words_are_no_demand_to_leave(sentence):
    text = f"RESIDENT LETTER\n\nTo: Tenant Q. Example, 1 Sample Way, Exampleton, NJ 07000\n\n{sentence}\n"
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_passive_demand_to_vacate_is_still_a_notice():
    text = "LETTER TO RESIDENT\n\nTo: Tenant Q. Example\n\nThe premises must be vacated by June 30, 2025.\n"
    assert extract_facts(text)["isEvictionNotice"] is True


# --- probe round 4 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Your lease continues and you do not need to vacate or move out.",
        "You are not required to move out; only the rent address changes.",
        "Su contrato sigue vigente y no tiene que desocupar la vivienda.",
    ],
)
def test_a_denied_demand_to_leave_is_no_demand(sentence):
    text = f"LETTER ABOUT YOUR BUILDING\n\nTo: Tenant Q. Example, 6 Sample Row, Exampleton, NJ 07000\n\n{sentence}\n"
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_notice_to_vacate_with_a_denial_elsewhere_stays_a_notice():
    text = (
        "NOTICE TO VACATE\n\nTo: Tenant Q. Example\n\nYour other unit is not affected and you do not need to "
        "vacate it. You must vacate Unit 2 within three (3) days.\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is True


def test_spanish_expired_lease_is_holdover():
    text = (
        "AVISO PARA DESOCUPAR\n\nPara: Inquilina Q. Ejemplo\n\nSu contrato de arrendamiento vencio el 30 de abril "
        "de 2025 y no sera renovado. Debe desocupar dentro de tres (3) dias.\n"
    )
    assert extract_facts(text)["reason"] == "holdover"
