"""`longer-period-possible` (PA 250.501: 15 days for a lease of a year or less, 30 for a
longer one) reads the lease term when the notice states it."""

from datetime import date

import pytest

from batches.analysis.schema import empty_facts
from batches.compliance.checker import compliance_for_notice
from templates_app.defaults.state_rules import STATE_RULES

TODAY = date(2026, 12, 3)


def _run(text: str) -> dict:
    facts = empty_facts(
        isEvictionNotice=True, reason="lease-violation", reasons=["lease-violation"], state="PA",
        serviceDate="2025-07-14", deadlineDate="2025-07-31", noticeDays=15, dayCounting="calendar",
        serviceMethod="personal",
    )  # fmt: skip
    return compliance_for_notice(facts, STATE_RULES, user_selected_state="PA", text=text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    ["Your one-year lease began on January 1, 2025.", "Your month-to-month tenancy", "your 12-month lease"],
)
def test_stated_short_lease_passes_on_fifteen_days(text):
    assert _run(text)["meetsStatutoryMinimum"] is True


def test_stated_long_lease_is_short_unless_the_notice_relies_on_the_lease():
    result = _run("Your two-year lease began on January 1, 2025.")
    assert result["meetsStatutoryMinimum"] is False
    codes = {(i["code"], i["severity"]) for i in result["issues"]}
    assert {("PERIOD_TOO_SHORT", "error"), ("LEASE_MAY_SHORTEN", "warning")} <= codes
    waived = _run("Your two-year lease began on January 1, 2025. In it you waived notice to quit.")
    assert waived["meetsStatutoryMinimum"] is None


@pytest.mark.parametrize("text", ["", "Your one-year lease was renewed; the lease is now more than one year."])
def test_unknown_or_contradictory_term_needs_review(text):
    assert _run(text)["meetsStatutoryMinimum"] is None
