"""Non-notice recognition by evidence (rules_kind + rules_demand): a paper is an eviction notice
only when it makes its own demand to leave, directed at the recipient and not negated,
conditional, reported or the tenant's own. Every document here is fictional and was written
for these tests (not taken from a label file)."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.rules_demand import demands
from batches.analysis.textnorm import normalize

NON_NOTICES = [
    (  # the tenant's own notice to the landlord, with an eviction-looking title
        "November 2, 2026\nTo: Landlord Q. Example\nRE: 30-DAY NOTICE TO VACATE\n\nDear Landlord Q. Example,\n"
        "This letter is my notice that I will vacate and surrender the unit at 12 Sample Row on December 2, "
        "2026. My month-to-month tenancy will end on that date. Please return my security deposit.\n",
        "tenant-notice",
    ),
    (  # a mutual agreement signed by both
        "AGREEMENT TO END TENANCY\nLandlord Owner V. Example and Tenant W. Sample agree that the tenancy at "
        "44 Sample Lane will terminate on March 31, 2027 and that Tenant shall vacate by that date. The "
        "deposit will be returned in full.\nTenant signature: ________  Landlord signature: ________\n",
        "mutual-termination",
    ),
    (  # an offer that is the tenant's choice
        "Dear Tenant X. Sample,\nWe would like to discuss your unit. If you agree to move out by May 31, 2027, "
        "we will pay you $3,000.00 and waive the May rent. If you accept, you will need to vacate and return "
        "the keys by that date. This offer expires on April 15, 2027.\nSample Holdings\n",
        "offer",
    ),
    (  # an acknowledgment signed by the tenant
        "ACKNOWLEDGMENT OF RECEIPT\nI, Tenant Y. Sample, acknowledge that I received a 3-day notice to pay rent "
        "or quit on June 2, 2027 for 8 Sample Court.\nSignature: ________\n",
        "acknowledgment",
    ),
    (  # a ledger that reports a notice
        "RESIDENT LEDGER\nUnit 4B, Tenant Z. Sample\n06/01/2027 Rent $1,200.00\n06/05/2027 Late fee $50.00\n"
        "06/06/2027 3-day notice to pay or vacate served by posting\nBalance forward $1,250.00\n",
        "account-statement",
    ),
    (  # an informational flyer about the law
        "KNOW YOUR RIGHTS AS A RENTER\nA landlord must give a written notice before filing an eviction. After a "
        "court judgment, tenants may be required to vacate within five days. For information only; no action "
        "is required.\n",
        "disclosure",
    ),
    (  # a warning that only threatens a future paper
        "LEASE VIOLATION WARNING\nTo: Tenant A. Sample\nOur staff saw a grill on your balcony on July 3. Please "
        "remove it. If it is not removed, management may serve you with a notice to quit.\n",
        "warning",
    ),
    (  # a denied demand
        "NOTICE OF NEW PAYMENT ADDRESS\nTo: Tenant B. Sample\nThe building has a new bank. You are not required to "
        "move out and your lease continues on the same terms. Send rent to PO Box 1, Sampleton.\n",
        "other",
    ),
    (  # an entry notice
        "NOTICE OF INTENT TO ENTER\nTo: Tenant C. Sample\nMaintenance will enter your unit on August 4, 2027 "
        "between 9 a.m. and noon to replace the smoke detector. You do not need to be home.\n",
        "entry-notice",
    ),
    (  # a Spanish offer
        "Estimado inquilino D. Sample:\nSi usted acepta mudarse antes del 30 de junio de 2027, le ofrecemos "
        "$2,000.00 y la devolucion completa de su deposito. Usted debe desocupar la unidad en esa fecha solo si "
        "acepta esta oferta.\n",
        "offer",
    ),
    (  # a court's order with a caption: reported, not the landlord's own demand
        "IN THE JUSTICE COURT OF SAMPLE COUNTY\nCase No. 27-0042\nOwner E. Example, Plaintiff, v. Tenant F. "
        "Sample, Defendant\nJUDGMENT FOR POSSESSION\nIt is ordered that defendant vacate the premises within "
        "five days.\n",
        "court-summons",
    ),
]

NOTICES = [
    (  # a polite letter with the demand in the third paragraph and no title
        "Sample Homes LLC\n\nMarch 3, 2027\n\nDear Tenant G. Sample,\nThank you for being a resident. Our records "
        "show the March rent of $1,400.00 is unpaid.\nWithin five (5) days after this letter is delivered you "
        "must pay the full $1,400.00 or move out and deliver possession of the home to us.\nSincerely, Owner H.\n",
        5,
    ),
    (  # a conditional on the tenant's failure is still the demand
        "Dear Tenant J. Sample,\nUnless payment of $980.00 is made within three (3) days after service, your "
        "lease will be terminated.\nOwner K. Example\n",
        3,
    ),
    (  # "elects to terminate" with a cure clause
        "To: Tenant L. Sample\nBecause the unauthorised occupant has not left, the Landlord elects to terminate "
        "the rental agreement effective fourteen (14) days from delivery of this letter.\n",
        14,
    ),
    (  # demand made in the passive
        "FINAL NOTICE\nTo: Tenant M. Sample\nDemand is hereby made that you vacate the premises no later than "
        "thirty days from receipt of this letter.\n",
        30,
    ),
    (  # Spanish
        "Estimado inquilino N. Sample:\nSu contrato de arrendamiento queda terminado. Usted debe desocupar la "
        "vivienda en un plazo de tres (3) dias despues de recibir esta carta.\n",
        3,
    ),
    (  # "if you do not pay ..., you must vacate": the negation is the cure clause's
        "To: Tenant P. Sample\nIf you do not pay the $700.00 you owe within 10 days, you must vacate the apartment.\n",
        10,
    ),
]


@pytest.mark.parametrize(("text", "document_type"), NON_NOTICES)
def test_papers_without_their_own_demand_are_not_notices(text, document_type):
    facts = extract_facts(text)
    assert (facts["isEvictionNotice"], facts["reason"], facts["documentType"]) == (
        False,
        "not-a-notice",
        document_type,
    )
    assert facts["noticeDays"] is None


@pytest.mark.parametrize(("text", "days"), NOTICES)
def test_papers_with_their_own_demand_are_notices(text, days):
    facts = extract_facts(text)
    assert (facts["isEvictionNotice"], facts["noticeDays"]) == (True, days)


@pytest.mark.parametrize(
    "sentence",
    [
        "you do not need to vacate.",
        "if you agree to move out by june 1, we will pay you.",
        "management may later serve you with a notice to pay rent or quit.",
        "a 3-day notice to pay or quit was served on the tenant on june 2.",
        "i will vacate and surrender possession on july 1.",
        "my month-to-month tenancy will terminate on july 1.",
        "the court ordered that you vacate within five days.",
        "the landlord has the right to terminate your tenancy for nonpayment.",
    ],
)
def test_negated_conditional_reported_or_own_mentions_are_no_demand(sentence):
    assert demands(normalize(sentence).flat) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "you must vacate the premises by june 30.",
        "your tenancy is hereby terminated effective july 31.",
        "pay the rent of $850.00 within three days or quit.",
        "remove the dog or deliver possession within ten days.",
        "the landlord elects to terminate the lease.",
        "usted debe desocupar la vivienda.",
        "demand is hereby made that you vacate.",
    ],
)
def test_demands_directed_at_the_recipient(sentence):
    assert len(demands(normalize(sentence).flat)) == 1
