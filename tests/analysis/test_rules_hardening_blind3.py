"""Extractor fixes after blind set 3 was unsealed (docs/evaluation.md, "Blind set 3, after fixes").
Each test is one class of document the blind set showed, in fresh fictional wording written for
these tests (not the blind set's)."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.rules_demand import demands
from batches.analysis.textnorm import normalize


def test_a_notice_to_cure_that_says_it_does_not_end_the_tenancy_is_a_notice():
    # A cure notice says so because the tenancy goes on if the breach is cured.
    text = (
        "NOTICE TO CURE\n(Lease Breach - Seven (7) Days)\n\nMay 2, 2027\n\nDear Ms. Sample:\n"
        "Our records show a motorcycle stored in the living room of Unit 3C, against Paragraph 9 of your lease. "
        "You must correct this breach by removing it on or before May 10, 2027. If the breach is not corrected, "
        "the owner will end your tenancy and begin a holdover case.\n"
        "This letter does not terminate your lease.\nSample Towers LLC\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["reason"] == "lease-violation"
    assert facts["noticeDays"] == 7


def test_a_cure_demand_without_a_title_also_keeps_the_notice():
    text = (
        "To: Tenant G. Sample, 5 Sample Row\n"
        "Tenants are required to remedy the unapproved sublet within ten (10) days after delivery of this letter. "
        "If it is not remedied, your tenancy will end on June 30, 2027.\n"
        "This letter does not end your tenancy.\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is True


def test_does_not_end_your_tenancy_still_settles_a_paper_with_no_cure_demand():
    text = (
        "RENT ADJUSTMENT\nTo: Tenant H. Sample\nFrom September 1, 2027 the monthly rent will be $1,310.00. "
        "This letter does not end your tenancy; your lease continues on its other terms.\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (  # "is given N days before": the notice's own period, stated outside the demand sentence
            "NOTICE OF TERMINATION\nTo: Tenant J. Sample\nYour lease will not be renewed and you must move out on "
            "March 31, 2027. This notice is hereby given ninety (90) days prior to that date.\n",
            90,
        ),
        (  # "N days after the date of this notice"
            "NOTICE OF TERMINATION OF TENANCY\nTo: Tenant K. Sample\nThe owner will occupy the home. You must move "
            "out by August 15, 2027. That date is forty-five (45) days after the date of this notice.\n",
            45,
        ),
        (  # Spanish "le concedemos N dias para desocupar"
            "AVISO PARA DESOCUPAR\nPara: Inquilina L. Ejemplo\nUsted no ha pagado la renta de marzo. Le concedemos "
            "cinco (5) dias para desocupar la vivienda.\n",
            5,
        ),
    ],
)
def test_stated_period_phrasings(text, days):
    assert extract_facts(text)["noticeDays"] == days


@pytest.mark.parametrize(
    "sentence",
    [
        "Your periodic tenancy is accordingly terminated as of June 30, 2027.",
        "Les otorgamos tres (3) dias para desalojar el apartamento.",
    ],
)
def test_demand_forms(sentence):
    assert demands(normalize(sentence).flat)


def test_contraband_named_in_the_body_decides_between_two_conduct_grounds():
    text = (
        "THREE-DAY NOTICE TO QUIT - UNLAWFUL USE / NUISANCE\nTo: Tenant M. Sample\n"
        "On June 3, 2027 officers found an unregistered firearm and stolen goods in the unit, and neighbours "
        "were kept awake. You must vacate within three (3) days after service.\n"
    )
    assert extract_facts(text)["reason"] == "illegal-activity"


@pytest.mark.parametrize(
    ("breaches", "first"),
    [
        (
            "1. A cat is kept without consent, a breach of the lease.\n2. The May rent of $800.00 has not been paid.\n",
            "lease-violation",
        ),
        (
            "1. The May rent of $800.00 has not been paid.\n2. A cat is kept without consent, a breach of the lease.\n",
            "non-payment",
        ),
    ],
)
def test_a_tie_between_two_grounds_goes_to_the_one_listed_first(breaches, first):
    text = (
        "NOTICE TO QUIT\nTo: Tenant N. Sample\nYou are in default as follows:\n"
        f"{breaches}You must deliver possession within fifteen (15) days of service.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == first


def test_a_chat_that_threatens_a_future_notice_is_not_a_notice():
    # A wrapped, indented message line goes on with its sentence: the demand is the future paper's.
    text = (
        "[Text messages, copied by the tenant]\n        Owner Pat  (555) 010-2020\n"
        "Pat: The rent for May is late, it is $1,275\n"
        "Pat: If I dont have it Monday I will      have the office send you a 5 day notice and then you\n"
        "     will need to pay or move out. Last chance\n"
        "Me:  can I pay half on Monday?\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False
    assert facts["noticeDays"] is None


def test_an_indented_notice_line_still_makes_its_demand():
    # Guard: the continuation rule must not swallow a real demand after an indented line.
    text = (
        "FIVE-DAY NOTICE\nTo: Tenant P. Sample\n"
        "Rent of $900.00 is past due.      You must pay the rent\n"
        "      within five (5) days or vacate the premises.\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 5


STRUCTURED_NOTICE = (
    "To: Tenant Q. Sample, 18 Sample Crescent\n"
    "A dog has been seen in your unit against Paragraph 4 of the lease. The dog has to go within ten (10) days "
    "after service of this letter. If you do not comply, we will ask the court for possession of the unit.\n"
    "Sample Crescent Homes\nCERTIFICATE OF SERVICE: handed to the tenant on May 3, 2027.\n"
)


def test_a_paper_built_like_a_notice_without_a_known_demand_form_leans_to_notice():
    # No title and no demand form the rules know ("has to go"); a cure order with a period from
    # service, an "or else" and a proof of service: a notice, flagged with a low confidence.
    facts = extract_facts(STRUCTURED_NOTICE)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 10
    assert facts["confidence"] <= 0.45


def test_one_notice_like_cue_alone_does_not_make_a_notice():
    text = (
        "To: Tenant R. Sample\nThank you for renting with us. Repairs to the hallway will be finished within "
        "five (5) days after delivery of the new parts. Call the office with any questions.\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is False


def test_a_structured_paper_that_names_itself_another_paper_stays_a_non_notice():
    facts = extract_facts("LEASE VIOLATION WARNING\n" + STRUCTURED_NOTICE)
    assert facts["isEvictionNotice"] is False


def test_a_spanish_worded_date_that_wraps_before_its_year_is_found():
    text = (
        "AVISO PARA DESOCUPAR\nPara: Inquilino S. Ejemplo\nLe damos tres (3) dias para desocupar. Usted debe "
        "desocupar la vivienda a mas tardar el lunes 6 de septiembre de\n2027.\n"
    )
    assert extract_facts(text)["deadlineDate"] == "2027-09-06"


def test_a_worded_date_with_a_two_digit_year_and_a_lease_start_line():
    text = (
        "NOTICE TO PAY OR VACATE\nLease start: March 3, 2026\nNotice date: Feb. 9, '27\n"
        "You must pay $700.00 within three (3) days or vacate.\n"
    )
    facts = extract_facts(text)
    assert facts["noticeDate"] == "2027-02-09"
    assert facts["tenancyStartDate"] == "2026-03-03"


def test_a_spanish_rental_period_line_is_rent():
    text = (
        "AVISO DE 3 DIAS PARA PAGAR LA RENTA O DESOCUPAR\nPara: Inquilino T. Ejemplo\nLa cantidad que se debe:\n"
        "     Periodo del 1 de julio de 2027 al 31 de julio de 2027 ..... $1,120.00\n"
        "Usted debe pagar la cantidad completa o desocupar dentro de tres (3) dias.\n"
    )
    facts = extract_facts(text)
    assert facts["rentAmount"] == 1120.0
    assert [c["kind"] for c in facts["charges"]] == ["rent"]


def test_a_spanish_pay_to_cancel_clause_is_a_cure_offer():
    text = (
        "AVISO DE TERMINACION POR FALTA DE PAGO\nPara: Inquilina U. Ejemplo\nUsted debe $980.00 de renta. Su "
        "arrendamiento queda terminado y usted debe desocupar dentro de catorce (14) dias. Puede cancelar esta "
        "terminacion pagando toda la renta adeudada dentro de los diez (10) dias.\n"
    )
    assert extract_facts(text)["cureOffered"] is True
