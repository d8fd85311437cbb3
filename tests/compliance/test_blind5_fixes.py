"""Compliance fix from blind set 5 (docs/evaluation.md "Blind set 5: compliance"), on fresh
fictional facts: a PA notice that states the lease "ran for two years" reads as a lease longer
than one year, so 250.501(b)'s 30 days apply; a private lease may still shorten the period
(250.501(e)), so the verdict stays with review unless the housing is subsidised."""

from datetime import date

import pytest

from batches.analysis.schema import empty_facts
from batches.compliance.checker import compliance_for_notice
from templates_app.defaults.state_rules import STATE_RULES

TODAY = date(2026, 12, 3)


def _run(text, days):
    facts = empty_facts(
        isEvictionNotice=True,
        reasons=["holdover"],
        reason="holdover",
        state="PA",
        serviceMethod="personal",
        dayCounting="calendar",
        noticeDate="2026-03-02",
        noticeDays=days,
    )
    return compliance_for_notice(facts, STATE_RULES, user_selected_state="PA", text=text, today=TODAY)


def _codes(result):
    return {(i["code"], i["severity"]) for i in result["issues"]}


@pytest.mark.parametrize(
    "text",
    [
        "Your lease for the flat ran for three years and ends on March 31, 2026.",
        "The lease on this unit was for a term of two years.",
    ],
)
def test_lease_that_ran_for_years_needs_thirty_days(text):
    result = _run(text, 15)
    assert ("PERIOD_TOO_SHORT", "warning") in _codes(result)
    assert result["meetsStatutoryMinimum"] is None


def test_lease_that_ran_for_years_in_public_housing_fails():
    result = _run("Your public housing lease ran for two years.", 15)
    assert ("PERIOD_TOO_SHORT", "error") in _codes(result)
    assert result["meetsStatutoryMinimum"] is False


def test_tenancy_duration_is_not_a_lease_term():
    result = _run("You have lived here for two years. Your lease ends on March 31, 2026.", 15)
    assert not any(i["code"] == "PERIOD_TOO_SHORT" for i in result["issues"])
    assert result["meetsStatutoryMinimum"] is None


def test_long_lease_with_thirty_days_passes():
    assert _run("Your lease ran for two years.", 30)["meetsStatutoryMinimum"] is True
