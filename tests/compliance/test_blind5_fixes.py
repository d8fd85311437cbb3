"""Compliance fix from blind set 5 (docs/evaluation.md "Blind set 5: compliance"), on fresh
fictional facts: a PA notice that states the lease "ran for two years" reads as a lease longer
than one year, so 250.501(b)'s 30 days apply; a private lease may still shorten the period
(250.501(e)), so the verdict stays with review unless the housing is subsidised."""

import pytest

from .blind_helpers import issue_codes, notice_facts, run_notice


def _run(text, days):
    facts = notice_facts(reason="holdover", state="PA", noticeDate="2026-03-02", noticeDays=days)
    return run_notice(facts, text)


@pytest.mark.parametrize(
    "text",
    [
        "Your lease for the flat ran for three years and ends on March 31, 2026.",
        "The lease on this unit was for a term of two years.",
    ],
)
def test_lease_that_ran_for_years_needs_thirty_days(text):
    result = _run(text, 15)
    assert {("PERIOD_TOO_SHORT", "error"), ("LEASE_MAY_SHORTEN", "warning")} <= issue_codes(result)
    assert result["meetsStatutoryMinimum"] is False


def test_lease_that_ran_for_years_in_public_housing_fails():
    result = _run("Your public housing lease ran for two years.", 15)
    assert ("PERIOD_TOO_SHORT", "error") in issue_codes(result)
    assert result["meetsStatutoryMinimum"] is False


def test_tenancy_duration_is_not_a_lease_term():
    result = _run("You have lived here for two years. Your lease ends on March 31, 2026.", 15)
    assert not any(i["code"] == "PERIOD_TOO_SHORT" for i in result["issues"])
    assert result["meetsStatutoryMinimum"] is None


def test_long_lease_with_thirty_days_passes():
    assert _run("Your lease ran for two years.", 30)["meetsStatutoryMinimum"] is True
