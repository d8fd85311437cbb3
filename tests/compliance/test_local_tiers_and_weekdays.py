"""Rule data made countable in session 3: the OH 1923.04 counting doubt is about weekends only
(reference §1.2 Ohio), and local override tiers are validated like tenancy tiers."""

from datetime import date

import pytest

from batches.compliance.calendar import add_period, add_weekdays
from templates_app.models import StateNoticeRule, rule_inconsistencies, tiers_problem
from tests.compliance.blind_helpers import issue_codes, notice_facts, run_notice

OH_WARNING = (
    "You are being asked to leave the premises. If you do not leave, an eviction action may be initiated "
    "against you. If you are in doubt regarding your legal rights and obligations as a tenant, it is "
    "recommended that you seek legal assistance."
)


def test_weekdays_skip_weekends_but_count_holidays():
    # Mon 2025-11-10; Tue 11-11 is Veterans Day and still counts.
    assert add_weekdays(date(2025, 11, 10), 3) == date(2025, 11, 13)
    assert add_period(date(2025, 11, 10), 3, "court", "OH") == date(2025, 11, 14)
    # Thu 2025-11-13: Fri, (Sat, Sun), Mon, Tue.
    assert add_weekdays(date(2025, 11, 13), 3) == date(2025, 11, 18)


def _oh(served, deadline):
    return notice_facts(reason="non-payment", state="OH", serviceDate=served, noticeDays=3, deadlineDate=deadline,
                        serviceMethod="personal")  # fmt: skip


def test_oh_notice_over_a_weekday_holiday_is_not_in_doubt():
    result = run_notice(_oh("2025-11-10", "2025-11-13"), OH_WARNING)
    assert result["meetsStatutoryMinimum"] is True


def test_oh_notice_over_a_weekend_needs_review():
    result = run_notice(_oh("2025-11-13", "2025-11-16"), OH_WARNING)
    assert result["meetsStatutoryMinimum"] is None
    assert any("excluding weekends" in i["message"] for i in result["issues"])
    assert ("NEEDS_REVIEW", "warning") in issue_codes(result)


@pytest.mark.parametrize(
    ("tiers", "ok"),
    [
        ([], True),
        ([{"minTenancyMonths": 6, "minDays": 60}, {"minTenancyMonths": 36, "minDays": 120}], True),
        ([{"minTenancyMonths": 0, "minDays": 30}], True),
        ({"minTenancyMonths": 6}, False),
        ([{"minTenancyMonths": "6", "minDays": 60}], False),
        ([{"minTenancyMonths": 6, "minDays": 0}], False),
        ([{"minTenancyMonths": -1, "minDays": 60}], False),
        ([{"minTenancyMonths": 6, "minDays": True}], False),
    ],
)
def test_tiers_are_validated_in_both_places(tiers, ok):
    assert (tiers_problem(tiers) is None) is ok
    rule = StateNoticeRule(state="IL", reason="no-cause", min_days=30, statute="s", effective_date=date(2000, 1, 1))
    rule.tenancy_tiers = tiers
    rule.local_overrides = [{"city": "Chicago", "upToDays": 120, "tiers": tiers}]
    problems = rule_inconsistencies(rule)
    assert ("tenancy_tiers" not in problems) is ok
    assert ("local_overrides" not in problems) is ok
