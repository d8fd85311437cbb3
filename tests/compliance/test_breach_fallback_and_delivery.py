"""A nuisance or illegal activity in a state with one breach notice is checked against that
notice, a no-fault ground without a rule of its own against the no-cause rule
(rules_select.FALLBACK); GA 44-7-50(c)'s unsure delivery methods ask for review only when the
notice was not handed to the tenant."""

from datetime import date

from batches.compliance.rules_select import select_rule
from templates_app.defaults.state_rules import STATE_RULES
from tests.compliance.blind_helpers import issue_codes, notice_facts, run_notice

ON = date(2025, 6, 1)


def test_a_nuisance_without_its_own_rule_uses_the_breach_rule_without_a_cure():
    oh = select_rule(STATE_RULES, state="OH", reason="nuisance", on_date=ON)
    assert oh["reason"] == "lease-violation" and oh["appliedForReason"] == "nuisance"
    tx = select_rule(STATE_RULES, state="TX", reason="illegal-activity", on_date=ON)
    assert tx["reason"] == "lease-violation" and tx["appliedForReason"] == "illegal-activity"
    # The state's own rule wins; a cure-based breach rule (AZ 33-1368(A)) is no stand-in.
    assert "appliedForReason" not in select_rule(STATE_RULES, state="CA", reason="nuisance", on_date=ON)
    assert select_rule(STATE_RULES, state="AZ", reason="nuisance", on_date=ON) is None
    # Holdover is not a breach: no fallback.
    assert select_rule(STATE_RULES, state="CA", reason="holdover", on_date=ON) is None
    # The shipped table itself is not changed by the copy.
    assert not any("appliedForReason" in r for r in STATE_RULES)


def test_the_fallback_is_reported_and_decides_the_verdict():
    facts = notice_facts(
        reason="nuisance", state="OH", serviceDate="2025-06-10", noticeDays=1, deadlineDate="2025-06-11"
    )
    result = run_notice(facts, "Loud parties every night. Leave within one day.")
    assert ("RULE_FALLBACK", "info") in issue_codes(result)
    assert result["ruleReason"] == "lease-violation" and result["meetsStatutoryMinimum"] is False
    unknown = run_notice(notice_facts(reason="nuisance", state="AZ", serviceDate="2025-06-10", noticeDays=3))
    assert ("UNKNOWN_RULE", "warning") in issue_codes(unknown) and unknown["meetsStatutoryMinimum"] is None


def _ga(method):
    return notice_facts(reason="non-payment", state="GA", serviceDate="2025-11-13", serviceMethod=method, noticeDays=3,
                        dayCounting="business", deadlineDate="2025-11-18", amountDue=900.0)  # fmt: skip


GA_TEXT = "Lease renewed on August 1, 2025. Pay or vacate within 3 business days."


def test_ga_hand_delivered_notice_is_judged_on_its_period():
    result = run_notice(_ga("personal"), GA_TEXT)
    assert result["meetsStatutoryMinimum"] is True and not result["needsReview"]


def test_ga_notice_delivered_otherwise_needs_review():
    for method in ("posting", "mail", None):
        result = run_notice(_ga(method), GA_TEXT)
        assert result["meetsStatutoryMinimum"] is None
        assert any("not handed to the tenant" in i["message"] for i in result["issues"])


def test_ga_short_notice_fails_whatever_the_delivery():
    short = {**_ga("posting"), "deadlineDate": "2025-11-17"}
    assert run_notice(short, GA_TEXT)["meetsStatutoryMinimum"] is False


def test_a_no_fault_ground_without_its_own_rule_uses_the_no_cause_rule():
    ga = select_rule(STATE_RULES, state="GA", reason="sale", on_date=ON)
    assert ga["reason"] == "no-cause" and ga["appliedForReason"] == "sale"
    # WA names the sale ground itself; NJ forbids no-cause notices but has its own no-fault grounds.
    assert select_rule(STATE_RULES, state="WA", reason="sale", on_date=ON)["reason"] == "sale"
    assert select_rule(STATE_RULES, state="NJ", reason="demolition", on_date=ON) is None
    short = notice_facts(reason="sale", state="GA", serviceDate="2025-01-15", noticeDays=30, deadlineDate="2025-02-14")
    result = run_notice(short, "I am selling the land. Please vacate within thirty (30) days.")
    assert result["meetsStatutoryMinimum"] is False and ("RULE_FALLBACK", "info") in issue_codes(result)


def test_an_ocr_d_first_of_the_month_is_a_rent_day():
    facts = notice_facts(reason="no-cause", state="MA", serviceDate="2025-07-10", noticeDays=30,
                         deadlineDate="2025-08-09", serviceMethod="personal")  # fmt: skip
    result = run_notice(facts, "Rent is payable on the lst day of each month. Your tenancy at will is terminated.")
    assert ("RENT_DAY_MISMATCH", "error") in issue_codes(result) and result["meetsStatutoryMinimum"] is False


def test_an_owner_move_in_where_the_state_names_none_is_a_no_cause_termination():
    ma = select_rule(STATE_RULES, state="MA", reason="owner-move-in", on_date=ON)
    assert ma["reason"] == "no-cause" and ma["appliedForReason"] == "owner-move-in"
    assert select_rule(STATE_RULES, state="CA", reason="owner-move-in", on_date=ON)["reason"] == "owner-move-in"


def test_ocr_damage_in_the_text_does_not_hide_the_rent_day():
    facts = notice_facts(reason="no-cause", state="MA", serviceDate="2025-04-14", noticeDays=30,
                         deadlineDate="2025-05-14", serviceMethod="personal")  # fmt: skip
    text = "Your tenancy at wi1l, for which rent is payab1e monthly on the FIRST day of each month, is terminated."
    result = run_notice(facts, text)
    assert ("RENT_DAY_MISMATCH", "error") in issue_codes(result) and result["meetsStatutoryMinimum"] is False


def test_a_month_period_reads_as_months_in_the_message():
    facts = notice_facts(reason="no-cause", state="TX", serviceDate="2025-07-15", noticeDays=30, dayCounting="calendar")
    messages = " ".join(i["message"] for i in run_notice(facts)["issues"])
    assert "counted in months" in messages and "1 month)" in messages and "months days" not in messages


def test_ga_notice_posted_in_a_sealed_envelope_is_judged_on_its_period():
    text = GA_TEXT + " Delivered in a sealed envelope posted on the front door."
    assert run_notice(_ga("posting"), text)["meetsStatutoryMinimum"] is True


def test_a_spanish_lease_term_of_twelve_months_needs_fifteen_days():
    facts = notice_facts(reason="lease-violation", state="PA", serviceDate="2025-04-01", noticeDays=15,
                         deadlineDate="2025-04-16", serviceMethod="personal")  # fmt: skip
    short = "Usted ocupa el inmueble bajo un contrato de arrendamiento por un plazo de doce (12) meses."
    assert run_notice(facts, short)["meetsStatutoryMinimum"] is True
    long = "Usted ocupa el inmueble bajo un contrato de arrendamiento por un plazo de dos (2) años."
    assert run_notice(facts, long)["meetsStatutoryMinimum"] is False
