from datetime import date

from batches.compliance.rules_select import PREDATES_NOTE, select_rule
from templates_app.defaults.state_rules import STATE_RULES


def test_texas_2025_notice_gets_pre_sb38_rule():
    rule = select_rule(STATE_RULES, state="TX", reason="non-payment", on_date=date(2025, 7, 7))
    assert rule["effective_date"] != "2026-01-01"
    assert rule["needs_review"] is False


def test_texas_2026_notice_gets_sb38_rule():
    rule = select_rule(STATE_RULES, state="tx", reason="non-payment", on_date=date(2026, 1, 1))
    assert rule["effective_date"] == "2026-01-01"
    assert rule["needs_review"] is True


def test_ny_demand_before_and_after_good_cause():
    before = select_rule(STATE_RULES, state="NY", reason="non-payment", on_date=date(2023, 5, 1))
    after = select_rule(STATE_RULES, state="NY", reason="non-payment", on_date=date(2024, 4, 20))
    old = select_rule(STATE_RULES, state="NY", reason="non-payment", on_date=date(2018, 5, 1))
    assert (before["min_days"], before["required_content"]) == (14, [])
    assert after["required_content"][0]["code"] == "good-cause-notice"
    assert old["min_days"] == 3


def test_no_date_means_today():
    rule = select_rule(STATE_RULES, state="TX", reason="non-payment", on_date=None)
    assert rule["effective_date"] == "2026-01-01"  # today is after 2026-01-01


def test_notice_before_every_rule_gets_earliest_marked_for_review():
    rules = [
        {"state": "ZZ", "reason": "no-cause", "effective_date": "2020-01-01", "needs_review": False, "notes": "a"},
        {"state": "ZZ", "reason": "no-cause", "effective_date": "2022-01-01", "needs_review": False, "notes": "b"},
    ]
    rule = select_rule(rules, state="ZZ", reason="no-cause", on_date=date(2019, 1, 1))
    assert rule["effective_date"] == "2020-01-01"
    assert rule["needs_review"] is True and rule["notes"].startswith(PREDATES_NOTE)
    assert rules[0]["needs_review"] is False  # the seed data is not mutated


def test_unknown_state_or_reason():
    assert select_rule(STATE_RULES, state="VT", reason="non-payment", on_date=date(2025, 1, 1)) is None
    assert select_rule(STATE_RULES, state="CA", reason="other", on_date=date(2025, 1, 1)) is None
    # A no-fault ground CA does not name is checked as a no-cause termination (rules_select.FALLBACK).
    assert select_rule(STATE_RULES, state="CA", reason="sale", on_date=date(2025, 1, 1))["reason"] == "no-cause"
