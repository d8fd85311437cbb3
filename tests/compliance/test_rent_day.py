"""Terminations that must end on a rent day (rules with `must_end_on_rent_day`)."""

from datetime import date

import pytest

from batches.analysis.schema import empty_facts
from batches.compliance.checker import check_compliance
from batches.compliance.rent_day import check_rent_day, rent_due_day
from batches.compliance.rules_select import select_rule
from templates_app.defaults.state_rules import STATE_RULES

TODAY = date(2026, 12, 3)
RENT_ON_FIRST = "Your rent of $2,050.00 is due on the first day of each month."


def _ma_at_will(on_rent_day: bool = True) -> dict:
    rule = select_rule(STATE_RULES, state="MA", reason="no-cause", on_date=date(2025, 9, 5))
    return {**rule, "must_end_on_rent_day": on_rent_day}


def _facts(deadline: str) -> dict:
    return empty_facts(
        isEvictionNotice=True, reason="no-cause", reasons=["no-cause"], state="MA", serviceDate="2025-09-05",
        deadlineDate=deadline, noticeDays=30, dayCounting="calendar", serviceMethod="personal",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (RENT_ON_FIRST, 1),
        ("Rent is payable on the 15th day of each month.", 15),
        ("Rent is due on the 1st of every month.", 1),
        ("La renta vence el primer dia de cada mes.", 1),
        ("Rent of $900 was received.", None),
    ],
)
def test_rent_due_day(text, day):
    assert rent_due_day(text) == day


def test_enough_days_but_mid_period_fails():
    result = check_compliance(_facts("2025-10-10"), _ma_at_will(), user_selected_state="MA", text=RENT_ON_FIRST,
                              today=TODAY)  # fmt: skip
    assert result["meetsStatutoryMinimum"] is False
    assert ("RENT_DAY_MISMATCH", "error") in {(i["code"], i["severity"]) for i in result["issues"]}


@pytest.mark.parametrize("deadline", ["2025-10-31", "2025-11-01"])
def test_end_of_period_or_rent_day_passes(deadline):
    result = check_compliance(_facts(deadline), _ma_at_will(), user_selected_state="MA", text=RENT_ON_FIRST,
                              today=TODAY)  # fmt: skip
    assert result["meetsStatutoryMinimum"] is True


def test_rent_day_other_than_the_first():
    issues, verdict = check_rent_day(_facts("2025-10-14"), _ma_at_will(), "Rent is due on the 15th day of each month.")
    assert (issues, verdict) == ([], True)


def test_unknown_rent_day_and_mid_month_needs_review():
    issues, verdict = check_rent_day(_facts("2025-10-10"), _ma_at_will(), "No rent is demanded.")
    assert verdict is None and issues[0]["code"] == "RENT_DAY_MISMATCH"


def test_rules_without_must_end_on_rent_day_are_not_checked():
    result = check_compliance(_facts("2025-10-10"), _ma_at_will(on_rent_day=False), user_selected_state="MA",
                              text=RENT_ON_FIRST, today=TODAY)  # fmt: skip
    assert result["meetsStatutoryMinimum"] is True


def test_shipped_ma_and_fl_termination_rules_must_end_on_a_rent_day():
    for state in ("MA", "FL"):
        rule = select_rule(STATE_RULES, state=state, reason="no-cause", on_date=date(2025, 9, 5))
        assert rule["must_end_on_rent_day"] is True, state
    assert [(r["state"], r["reason"]) for r in STATE_RULES if r["must_end_on_rent_day"]] == [
        ("FL", "no-cause"),
        ("FL", "no-cause"),
        ("MA", "no-cause"),
    ]


RENT_ON_31ST = "Rent is due on the 31st day of each month."


@pytest.mark.parametrize("deadline", ["2025-11-29", "2025-11-30", "2025-12-01"])
def test_rent_day_a_short_month_lacks_needs_review_not_a_mismatch(deadline):
    """November has no 31st: its rent day is the 30th or the 1st after it, depending on the
    lease, so a termination that lines up with either is not a clear failure."""
    issues, verdict = check_rent_day(_facts(deadline), _ma_at_will(), RENT_ON_31ST)
    assert verdict is None
    assert [(i["code"], i["severity"]) for i in issues] == [("RENT_DAY_MISMATCH", "warning")]


@pytest.mark.parametrize(("deadline", "verdict"), [("2025-10-31", True), ("2025-10-30", True), ("2025-11-15", False)])
def test_rent_day_the_month_has_is_still_decided(deadline, verdict):
    assert check_rent_day(_facts(deadline), _ma_at_will(), RENT_ON_31ST)[1] is verdict
