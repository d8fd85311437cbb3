"""Reason cues added after blind set 4's first contact (docs/evaluation.md, "Non-notice recognition
by evidence"). Fresh fictional wording, not the blind set's: each names the ground the way a
letter-form notice does instead of with a title phrase."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Dear Tenant Q. Sample,\nWithin three (3) days after service you must pay the total $1,210.00 or "
            "deliver possession of the unit.\n",
            "non-payment",
        ),
        (
            "To: Tenant R. Sample\nYour right of occupancy is terminated. You must move out within three (3) days, "
            "unless the full $990.00 is paid before then.\n",
            "non-payment",
        ),
        (
            "To: Tenant S. Sample\nThe March rent has not been received. Your tenancy will terminate in five (5) "
            "days after delivery of this letter.\n",
            "non-payment",
        ),
        (
            "To: Tenant T. Sample\nYou are not complying with your rental agreement: a second car is parked on "
            "the lawn. Remedy the noncompliance within seven (7) days or the lease will be terminated.\n",
            "lease-violation",
        ),
        (
            "To: Tenant U. Sample\nYou were served with a notice to cease on May 1. Since then police were "
            "called twice and neighbours have filed complaints about shouting in the stairwell. Your tenancy is "
            "terminated and you must vacate within three (3) days after service.\n",
            "nuisance",
        ),
    ],
)
def test_letter_form_grounds(text, reason):
    facts = extract_facts(text)
    assert (facts["isEvictionNotice"], facts["reason"]) == (True, reason)


def test_a_rent_amount_in_the_cure_clause_is_the_amount_due():
    facts = extract_facts(
        "Dear Tenant V. Sample,\nWithin three (3) days after service you must pay the total $1,210.00 or "
        "deliver possession of the unit.\n"
    )
    assert facts["amountDue"] == 1210.0
