import re
from collections import Counter
from datetime import date

import pytest

from batches.analysis.schema import DAY_COUNTING, REASONS
from templates_app.defaults.state_rules import STATE_RULES
from templates_app.forms import required_content_problems, tenancy_tiers_problems
from templates_app.models import StateNoticeRule, rule_inconsistencies

STATES = "CA NY TX FL IL WA GA OH PA AZ NJ MA".split()
MODEL_FIELDS = {
    f.name
    for f in StateNoticeRule._meta.get_fields()
    if f.concrete and f.name not in ("id", "updated_at", "default_checksum")
}


@pytest.mark.parametrize("rule", STATE_RULES, ids=lambda r: f"{r['state']}-{r['reason']}-{r['effective_date']}")
def test_rule_shape(rule):
    assert set(rule) == MODEL_FIELDS
    assert rule["statute"].strip()
    assert date.fromisoformat(rule["effective_date"])
    assert rule["day_unit"] in DAY_COUNTING
    assert rule["reason"] in REASONS
    assert rule["notes"].strip()
    assert "not legal advice" not in rule["notes"].lower()
    assert rule["min_days"] is None or rule["min_days"] >= 0
    assert "[flag:" not in rule["notes"]  # what the checker reads lives in fields staff can see
    if not rule["type_allowed"]:
        assert rule["type_not_allowed_reason"]


@pytest.mark.parametrize("rule", STATE_RULES, ids=lambda r: f"{r['state']}-{r['reason']}-{r['effective_date']}")
def test_required_content_patterns_compile(rule):
    for element in rule["required_content"]:
        assert {"code", "description", "patterns"} <= set(element)
        assert element["patterns"]
        for pattern in element["patterns"]:
            re.compile(pattern)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("reason", ["non-payment", "lease-violation", "no-cause"])
def test_core_reasons_present(state, reason):
    assert any(r["state"] == state and r["reason"] == reason for r in STATE_RULES)


def test_unique_state_reason_effective_date():
    keys = Counter((r["state"], r["reason"], r["effective_date"]) for r in STATE_RULES)
    assert [k for k, n in keys.items() if n > 1] == []


def _rules(state, reason):
    return [r for r in STATE_RULES if r["state"] == state and r["reason"] == reason]


def test_key_rules_match_reference():
    (ca_np,) = _rules("CA", "non-payment")
    assert (ca_np["min_days"], ca_np["day_unit"], ca_np["rent_only"]) == (3, "court", True)
    (ca_nc,) = _rules("CA", "no-cause")
    assert ca_nc["tenancy_tiers"] == [{"minTenancyMonths": 12, "minDays": 60}]
    ny_nc = _rules("NY", "no-cause")[0]
    assert [t["minDays"] for t in ny_nc["tenancy_tiers"]] == [60, 90]
    assert not _rules("WA", "no-cause")[0]["type_allowed"]
    assert not _rules("NJ", "no-cause")[0]["type_allowed"]
    assert not _rules("NJ", "non-payment")[0]["notice_required"]
    az_np = _rules("AZ", "non-payment")[0]  # 33-1313(B): receipt, or 5 days after mailing if earlier
    assert (az_np["mail_extension_days"], az_np["mail_extension_uncertain_days"]) == (0, 5)
    tx_2026 = [r for r in _rules("TX", "non-payment") if r["effective_date"] == "2026-01-01"]
    assert tx_2026 and tx_2026[0]["needs_review"]


def test_unsure_items_are_flagged():
    assert _rules("FL", "non-payment")[0]["mail_extension_uncertain_days"] == 5
    assert _rules("WA", "non-payment")[0]["mail_extension_uncertain_days"] == 5
    assert all(r["mail_extension_uncertain_days"] == 0 for r in _rules("IL", "non-payment") + _rules("MA", "no-cause"))
    assert [r["alt_day_unit"] for r in _rules("OH", "non-payment")] == ["weekdays"]
    assert {r["long_lease_min_days"] for r in _rules("PA", "lease-violation") + _rules("PA", "holdover")} == {30}
    assert _rules("CA", "no-cause")[0]["just_cause_after_months"] == 12
    assert _rules("NY", "lease-violation")[0]["needs_review"]
    assert all(r["delivery_uncertain"] for r in _rules("GA", "non-payment") if r["effective_date"] == "2024-07-01")


def test_every_state_counts_reasonably():
    counts = Counter(r["state"] for r in STATE_RULES)
    assert set(counts) == set(STATES)
    assert all(n >= 3 for n in counts.values())


def _as_model(spec: dict) -> StateNoticeRule:
    dates = {
        k: date.fromisoformat(v) for k in ("effective_date", "lease_from_date") if isinstance(v := spec.get(k), str)
    }
    return StateNoticeRule(**{**spec, **dates})


@pytest.mark.parametrize("rule", STATE_RULES, ids=lambda r: f"{r['state']}-{r['reason']}-{r['effective_date']}")
def test_shipped_rule_passes_the_checks_the_admin_form_applies(rule):
    """A shipped rule the admin would refuse could not be saved by staff without first fixing
    what they did not write (and the checker would silently ignore the contradiction)."""
    model = _as_model(rule)
    model.clean_fields(exclude=["id"])
    assert rule_inconsistencies(model) == {}
    assert tenancy_tiers_problems(model.tenancy_tiers) == []
    assert required_content_problems(model.required_content) == []
