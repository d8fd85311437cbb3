from datetime import date

from batches.compliance.advice import DISCLAIMER, derive_advice, urgency_for
from batches.compliance.checker import compliance_for_notice
from templates_app.defaults.state_rules import STATE_RULES
from tests.compliance.sample_facts import FACTS, SAMPLES


def _advice(sample_id, today):
    sample = SAMPLES[sample_id]
    compliance = compliance_for_notice(FACTS[sample_id], STATE_RULES, user_selected_state=sample["state"],
                                       text=sample["extracted_text"], today=today)  # fmt: skip
    return derive_advice(FACTS[sample_id], compliance, today=today)


def test_ca_pay_or_quit_key_dates_and_actions():
    advice = _advice("s01-ca-nonpay-clean", date(2025, 3, 5))
    assert advice["urgency"] == "critical"
    assert {"date": "2025-03-10", "label": "Earliest day the landlord could file in court"} in advice["keyDates"]
    assert {"date": "2025-03-07", "label": "Earliest lawful deadline (computed)"} in advice["keyDates"]
    assert any("($2,150.00) by 2025-03-07" in step for step in advice["immediateActions"])
    assert advice["defenses"] == [] and advice["disclaimer"] == DISCLAIMER


def test_short_notice_yields_defense_citing_statute():
    advice = _advice("s07-ny-3day-demand-ocr", date(2025, 11, 4))
    assert "The notice gives fewer days than N.Y. RPAPL § 711(2); RPL § 231-c requires." in advice["defenses"]
    assert any("legal aid" in step for step in advice["immediateActions"])


def test_wa_no_cause_defense():
    advice = _advice("s16-wa-20day-no-cause", date(2025, 11, 4))
    assert advice["defenses"] == ["This kind of notice may not be allowed at all under RCW 59.18.650 (HB 1236)."]
    assert advice["urgency"] == "low"  # 26 days left
    assert _advice("s16-wa-20day-no-cause", date(2025, 11, 25))["urgency"] == "high"


def test_not_a_notice_has_no_urgency():
    advice = _advice("s08-ny-renewal-offer-not-notice", date(2025, 4, 3))
    assert advice["urgency"] == "none" and advice["defenses"] == []
    assert advice["keyDates"] == [{"date": "2025-04-02", "label": "Notice dated"}]


def test_urgency_levels():
    facts = {"isEvictionNotice": True, "reason": "non-payment", "deadlineDate": "2025-03-20"}
    assert urgency_for(facts, {}, date(2025, 3, 19)) == "critical"
    assert urgency_for(facts, {}, date(2025, 3, 14)) == "high"
    assert urgency_for(facts, {}, date(2025, 3, 1)) == "medium"
    assert urgency_for(facts, {}, date(2025, 1, 1)) == "low"
    assert urgency_for(facts, {}, date(2025, 3, 25)) == "critical"  # deadline passed
    assert urgency_for({**facts, "reason": "illegal-activity"}, {}, date(2025, 3, 14)) == "critical"
    assert urgency_for({**facts, "reason": "no-cause"}, {}, date(2025, 1, 1)) == "low"
    assert urgency_for({**facts, "deadlineDate": None}, {}, date(2025, 1, 1)) == "high"


def test_mail_service_adds_arrival_step():
    advice = _advice("s14-il-10day-lease-violation", date(2025, 2, 26))
    assert any("actually arrived" in step for step in advice["immediateActions"])
    assert not any(step.startswith("Paying") for step in advice["immediateActions"])
