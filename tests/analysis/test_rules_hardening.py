"""Generic extractor behaviours added after the held-out set's first contact
(docs/evaluation.md). Each case is a short synthetic snippet, not a held-out notice."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.rules_money import extract_money
from batches.analysis.textnorm import normalize, undouble_spaces


def _money(text: str):
    norm = normalize(text)
    return extract_money(norm.fixed, norm.low)


# --- spacing -----------------------------------------------------------------------------


def test_double_spaced_extraction_is_collapsed_but_columns_stay():
    text = "You  must  pay  rent  or  quit  within  five  (5)  days.  " * 4 + "Owner:      R. Example"
    out = undouble_spaces(text)
    assert "pay rent or quit" in out
    assert "Owner:      R. Example" in out  # a column gap (3+ spaces) is not touched


def test_ordinary_text_with_a_few_double_spaces_is_unchanged():
    text = "Rent for March  2025 is past due. You must pay the rent or move out.  " * 3
    assert undouble_spaces(text) == text


def test_double_spaced_pay_or_quit_is_non_payment():
    body = (
        "FIVE  (5)  DAY  NOTICE  TO  PAY  RENT  OR  QUIT\n\nUnless  you  pay  the  sum  of  $900.00,  "
        "being  rent  for  May  2025,  within  five  (5)  days  after  you  receive  this  notice,  "
        "your  rental  agreement  will  be  terminated.\n"
    )
    facts = extract_facts(body)
    assert (facts["reason"], facts["noticeDays"], facts["amountDue"]) == ("non-payment", 5, 900.0)


# --- money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Rent March 2025 .... $1,400.00\nPaid on March 3 .... - $500.00\nBALANCE NOW DUE .... $900.00\n", 900.0),
        ("Rent March 2025 .... $1,400.00\nLess payment received ($500.00)\n", 900.0),
        ("Renta de marzo .... $1,000.00\nMenos pago parcial .... -$250.00\n", 750.0),
        ("Balance owed: $1,210.00 (rent $1,100.00 and late charge $110.00)\n", 1210.0),
        ("You owe the sum of $1,225.00, consisting of rent of $1,150.00 and a late fee of $75.00.\n", 1225.0),
        ("Rent for June 2025:     $1,500.00\nCredit (overpayment):      $200.00\nAmount Due:     $1,300.00\n", 1300.0),
        ("You owe $3,100.00 in rent for October, after a payment of $300.00\nreceived on October 4.\n", 3100.0),
        ("Rent for May 2025 $1,000.00\nA payment of $250.00 was received on May 3.\n", 750.0),
    ],
)
def test_credits_and_balance_totals(text, due):
    assert _money(text).amount_due == due


def test_a_credit_is_not_a_charge():
    money = _money("Rent April 2025 .... $1,850.00\nLess payment received ($700.00)\nTOTAL RENT DUE $1,150.00\n")
    assert [c["kind"] for c in money.charges] == ["rent"]


def test_previous_balance_is_a_charge_not_the_total():
    money = _money("Rent .... $1,000.00\nPrevious balance due .... $200.00\nLate fee .... $50.00\n")
    assert money.amount_due == 1250.0


def test_utility_line_with_a_month_is_not_rent():
    money = _money("Rent for August 2025 .... $1,650.00\nWater/sewer due for August 2025 .... $48.25\n")
    assert [c["kind"] for c in money.charges] == ["rent", "utilities"]


def test_wrapped_label_after_the_amount_is_read():
    money = _money("the rent now due is $1,600 for the rental\nperiod May 1, 2025 to May 31, 2025.\n")
    assert [c["kind"] for c in money.charges] == ["rent"]


# --- reasons and non-notices ------------------------------------------------------------


def test_does_not_demand_rent_is_a_negation():
    text = (
        "NOTICE TO VACATE\n\nYou are keeping a dog in violation of paragraph 12 (Animals) of your lease.\n"
        "You must vacate within three (3) days. This notice does not demand payment of rent. Your rent of "
        "$1,000.00 has been received.\n"
    )
    facts = extract_facts(text)
    assert (facts["reason"], facts["amountDue"]) == ("lease-violation", None)


def test_first_person_owner_move_in():
    text = (
        "NOTICE OF TERMINATION OF TENANCY\n\nYour tenancy will end on May 31, 2025, thirty (30) days after "
        "service. I intend to move back into the unit and live there myself.\n"
    )
    assert extract_facts(text)["reason"] == "owner-move-in"


def test_incurable_notice_takes_the_conduct_as_reason():
    text = (
        "SEVEN-DAY NOTICE - NONCOMPLIANCE WITHOUT OPPORTUNITY TO CURE\nTO: Tenant Q. Sample\n\nAfter our notice to cure, the "
        "unreasonable disturbance of your neighbors was repeated in violation of paragraph 18 of your lease. "
        "You must vacate within seven (7) days.\n"
    )
    assert extract_facts(text)["reason"] == "nuisance"


def test_court_caption_is_a_summons():
    text = (
        "IN THE JUSTICE COURT OF EXAMPLE COUNTY\nSTATE OF EXAMPLE\n\nOwner R. Example, Plaintiff,\nv.\n"
        "Tenant Q. Sample, Defendant.\n\nPETITION FOR EVICTION AND CITATION\nThe plaintiff gave a notice "
        "to vacate. Rent owed: $900.00. You must answer within seven (7) days.\n"
    )
    facts = extract_facts(text)
    assert (facts["reason"], facts["isEvictionNotice"]) == ("not-a-notice", False)


def test_a_notice_naming_a_court_in_its_body_stays_a_notice():
    text = (
        "NOTICE TO PAY OR VACATE\n\nTenant Q. Sample: pay $900.00 in rent within three (3) days or a "
        "case may be filed in the Magistrate Court of Example County.\n"
    )
    assert extract_facts(text)["reason"] == "non-payment"


def test_payment_plan_letter_is_not_a_notice():
    text = (
        "Example Management\n100 Example St\n\nRE: Repayment Agreement\n\nDear Tenant Q. Sample,\nThis "
        "confirms the plan for the balance of $600.00 from the 5-day notice: $300.00 on May 1 and $300.00 "
        "on May 15.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_letter_title_after_the_address_block():
    text = (
        "Owner R. Example\n1 Example St\nSampletown, CA 90000\n\nMay 1, 2025\n\nTenant Q. Sample\n"
        "2 Example St\n\n        SIXTY (60) DAY NOTICE OF TERMINATION OF TENANCY\n\nDear Tenant Q. Sample:\n"
        "Your tenancy ends sixty (60) days after service.\n"
    )
    facts = extract_facts(text)
    assert facts["noticeType"].startswith("SIXTY (60) DAY NOTICE")
    assert facts["noticeDate"] == "2025-05-01"  # the letter's date line


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "iso"),
    [
        ("Your lease for the unit, which began September 1, 2021, ends soon.", "tenancyStartDate", "2021-09-01"),
        ("Your tenancy of the house at 1 Example St began on February 1, 2025.", "tenancyStartDate", "2025-02-01"),
        ("Counting from service, the third court day is Monday, July 21, 2025.", "deadlineDate", "2025-07-21"),
        ("CERTIFICADO DE ENTREGA: Certifico que el lunes 9 de junio de 2025 entregue este aviso.", "serviceDate",
         "2025-06-09"),
        ("Usted ha estacionado en el espacio para visitantes del edificio desde el 5 de agosto de 2025.",
         "deadlineDate", None),
        ("LEASE DATE: Lease renewed August 1, 2025\nNOTICE DATE: November 3, 2025", "noticeDate", "2025-11-03"),
        ("You received a rent reminder dated February 4, 2026.", "noticeDate", None),
    ],
)  # fmt: skip
def test_date_roles(text, role, iso):
    assert extract_facts(text)[role] == iso


def test_spanish_rent_demand_is_non_payment():
    text = (
        "DEMANDA DE RENTA DE CATORCE (14) DIAS\n\nPara: Inquilina Q. Sample\n\nUsted adeuda al arrendador la "
        "renta de octubre de 2025: $1,225.00. Se le exige pagar o entregar la posesion dentro de los catorce "
        "(14) dias siguientes a la entrega de esta demanda.\n"
    )
    facts = extract_facts(text)
    assert (facts["reason"], facts["noticeDays"], facts["amountDue"]) == ("non-payment", 14, 1225.0)


def test_reminder_that_only_mentions_a_future_notice_is_not_a_notice():
    text = (
        "FINAL NOTICE - PAST DUE RENT\n\nResident: Tenant Q. Sample\n\nYour rent of $900.00 is past due. "
        "Please pay by May 8. If it is not paid, management may deliver a notice to vacate.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_notice_that_also_mentions_a_later_notice_stays_a_notice():
    text = (
        "NOTICE TO PAY RENT OR VACATE\n\nTo: Tenant Q. Sample\n\nPay $900.00 or vacate within three (3) days. "
        "If you do not, the landlord may serve a notice to quit as well.\n"
    )
    assert extract_facts(text)["reason"] == "non-payment"


def test_move_out_instructions_are_not_a_notice():
    text = (
        "MOVE-OUT INSTRUCTIONS\n\nDear Tenant Q. Sample,\nThank you for your notice that you will vacate on "
        "June 30. Please return the keys and move out by noon.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"
