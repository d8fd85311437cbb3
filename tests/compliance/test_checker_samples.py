"""Every shared sample's verdict must equal its label; key issue codes are asserted too."""

from datetime import date

import pytest

from batches.compliance.checker import compliance_for_notice
from templates_app.defaults.state_rules import STATE_RULES
from tests.compliance.sample_facts import FACTS, SAMPLES

TODAY = date(2026, 12, 3)


def _check(sample_id):
    sample = SAMPLES[sample_id]
    return compliance_for_notice(
        FACTS[sample_id], STATE_RULES, user_selected_state=sample["user_selected_state"],
        text=sample["extracted_text"], today=TODAY,
    )  # fmt: skip


def _codes(result, severity=None):
    return {i["code"] for i in result["issues"] if severity in (None, i["severity"])}


def test_every_sample_has_facts():
    assert set(FACTS) == set(SAMPLES)


@pytest.mark.parametrize("sample_id", sorted(SAMPLES))
def test_verdict_matches_label(sample_id):
    assert _check(sample_id)["meetsStatutoryMinimum"] is SAMPLES[sample_id]["expected"]["meets_statutory_minimum"]


def test_s01_clean_ca_expires_friday():
    result = _check("s01-ca-nonpay-clean")
    assert result["earliestLawfulDeadline"] == "2025-03-07"
    assert result["issues"] == [] and result["needsReview"] is False
    assert result["statute"] == "Cal. Code Civ. Proc. § 1161(2)"


def test_s03_sixty_day_tier_and_sb567_elements_found():
    result = _check("s03-ca-owner-move-in-long")
    assert result["requiredDays"] == 60
    assert "MISSING_REQUIRED_ELEMENT" not in _codes(result)


def test_s04_thirty_days_for_two_year_tenancy():
    result = _check("s04-ca-30day-nocause-ocr")
    assert "PERIOD_TOO_SHORT" in _codes(result, "error")
    assert "NOTICE_TYPE_NOT_ALLOWED" in _codes(result, "warning")  # AB 1482 coverage unknown
    assert result["requiredDays"] == 60 and result["earliestLawfulDeadline"] == "2025-11-30"
    assert result["needsReview"] is True


def test_s07_ny_three_day_demand_fails_on_period():
    result = _check("s07-ny-3day-demand-ocr")
    assert "PERIOD_TOO_SHORT" in _codes(result, "error")
    assert "MISSING_REQUIRED_ELEMENT" in _codes(result)  # no RPL 231-c Good Cause notice
    assert result["requiredDays"] == 14


def test_s06_good_cause_notice_found():
    assert _codes(_check("s06-ny-14day-demand-clean")) == set()


def test_s08_not_a_notice_has_no_eviction_issues():
    result = _check("s08-ny-renewal-offer-not-notice")
    assert result["meetsStatutoryMinimum"] is None
    assert result["issues"] == [] and result["earliestLawfulDeadline"] is None


def test_s13_paraphrased_full_payment_clause_is_flagged():
    result = _check("s13-il-5day-allcaps")
    assert _codes(result) == {"MISSING_REQUIRED_ELEMENT"}
    assert result["earliestLawfulDeadline"] == "2025-01-11"


def test_s14_certified_mail_warns():
    result = _check("s14-il-10day-lease-violation")
    assert "MAIL_SERVICE_EXTENSION" in _codes(result, "warning")


def test_s16_wa_no_cause_fails_on_type():
    result = _check("s16-wa-20day-no-cause")
    assert _codes(result, "error") == {"NOTICE_TYPE_NOT_ALLOWED"}
    assert "RCW 59.18.650" in result["issues"][0]["message"]


def test_s18_paraphrased_ohio_warning_is_probable_defect_only():
    result = _check("s18-oh-3day-leave-premises-no-amount")
    missing = [i for i in result["issues"] if i["code"] == "MISSING_REQUIRED_ELEMENT"]
    assert [i["severity"] for i in missing] == ["warning"]
    assert result["meetsStatutoryMinimum"] is True


def test_s22_two_months_counted_as_months():
    result = _check("s22-nj-owner-occupancy")
    assert result["earliestLawfulDeadline"] == "2026-01-17" and result["dayCounting"] == "months"
