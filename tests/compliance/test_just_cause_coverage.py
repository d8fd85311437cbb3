"""CA AB 1482 coverage read from the notice (`just_cause.shows_coverage`) and its effect on a
no-cause notice after 12 months of tenancy."""

from datetime import date

import pytest

from batches.compliance.just_cause import shows_coverage
from tests.compliance.blind_helpers import issue_codes, notice_facts, run_notice

ON = date(2025, 7, 14)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("", None),
        ("This unit is subject to California Civil Code Section 1946.2.", True),
        ("The premises are covered by the Tenant Protection Act.", True),
        ("This property is not subject to the just cause requirements of Section 1946.2 of the Civil Code.", False),
        ("Building: 18-unit apartment building built in 1971.", True),
        ("The house was built in 1988 and is owned by Ridgecrest Homes LLC.", True),
        ("The house was built in 1988.", None),  # a family may own it: the SFR exemption is open
        ("Building: 18-unit apartment building built in 2016.", None),  # under 15 years old
        ("A 2-unit building built in 1950.", None),  # could be an owner-occupied duplex
    ],
)
def test_coverage_is_read_only_from_what_the_text_shows(text, covered):
    assert shows_coverage(text, ON) is covered


def _ca(start="2022-03-01"):
    return notice_facts(reason="no-cause", state="CA", serviceDate="2025-07-14", noticeDays=60,
                        deadlineDate="2025-09-15", tenancyStartDate=start, serviceMethod="personal")  # fmt: skip


ABANDONED = " You may reclaim abandoned personal property."


def test_a_covered_unit_fails_a_no_cause_notice_after_twelve_months():
    result = run_notice(_ca(), "A 24-unit apartment building built in 1964." + ABANDONED)
    assert ("NOTICE_TYPE_NOT_ALLOWED", "error") in issue_codes(result) and result["meetsStatutoryMinimum"] is False


def test_coverage_unknown_needs_review_and_a_claimed_exemption_is_noted():
    assert run_notice(_ca(), ABANDONED)["meetsStatutoryMinimum"] is None
    exempt = run_notice(
        _ca(), "This property is not subject to the just cause requirements of Section 1946.2." + ABANDONED
    )
    assert ("JUST_CAUSE_EXEMPTION_CLAIMED", "info") in issue_codes(exempt) and exempt["meetsStatutoryMinimum"] is True


def test_a_short_tenancy_needs_no_cause_even_in_a_covered_building():
    result = run_notice(_ca(start="2025-01-01"), "A 24-unit apartment building built in 1964." + ABANDONED)
    assert not any(i["code"] == "NOTICE_TYPE_NOT_ALLOWED" for i in result["issues"])
