"""One scenario per issue code, on hand-built facts."""

from datetime import date

from batches.analysis.schema import empty_facts
from batches.compliance.checker import check_compliance, compliance_for_notice, governing_state
from batches.compliance.rules_select import select_rule
from templates_app.defaults.state_rules import STATE_RULES

TODAY = date(2026, 12, 3)
CA_PAYEE_TEXT = "Payment must be made to: Owner, 1 Main St, (555) 010-0000, Monday-Friday 9 a.m."


def _facts(**kw):
    base = {"isEvictionNotice": True, "reasons": [kw.get("reason", "non-payment")], "serviceMethod": "personal"}
    return empty_facts(**{**base, **kw})


def _run(facts, *, user_state=None, text=""):
    return compliance_for_notice(
        facts, STATE_RULES, user_selected_state=user_state or facts["state"], text=text, today=TODAY
    )


def _codes(result):
    return {(i["code"], i["severity"]) for i in result["issues"]}


def test_non_rent_charges_fail_ca_demand():
    facts = _facts(
        reason="non-payment", state="CA", serviceDate="2025-03-04", noticeDays=3, dayCounting="court",
        amountDue=2225.0, rentAmount=2150.0, cureOffered=True,
        charges=[{"kind": "rent", "amount": 2150.0, "period": "March"},
                 {"kind": "late-fee", "amount": 75.0, "period": None}],
    )  # fmt: skip
    result = _run(facts, text=CA_PAYEE_TEXT)
    assert result["meetsStatutoryMinimum"] is False
    assert ("NON_RENT_CHARGES", "error") in _codes(result)


def test_amount_above_rent_counts_as_non_rent_even_without_itemised_charges():
    facts = _facts(reason="non-payment", state="CA", serviceDate="2025-03-04", noticeDays=3,
                   dayCounting="court", amountDue=2200.0, rentAmount=2150.0)  # fmt: skip
    assert ("NON_RENT_CHARGES", "error") in _codes(_run(facts, text=CA_PAYEE_TEXT))


def test_missing_ca_payee_info_is_a_warning():
    facts = _facts(reason="non-payment", state="CA", serviceDate="2025-03-04", noticeDays=3, dayCounting="court")
    result = _run(facts, text="THREE-DAY NOTICE TO PAY RENT OR QUIT")
    assert {c for c, s in _codes(result)} == {"MISSING_REQUIRED_ELEMENT"}
    assert result["meetsStatutoryMinimum"] is True


def test_wrong_day_counting_ca_calendar_days_over_weekend():
    # Served Friday: 3 calendar days end Monday; 3 court days end Wednesday.
    facts = _facts(reason="non-payment", state="CA", serviceDate="2025-03-07", noticeDays=3, dayCounting="calendar")
    result = _run(facts, text=CA_PAYEE_TEXT)
    assert ("WRONG_DAY_COUNTING", "error") in _codes(result)
    assert result["meetsStatutoryMinimum"] is False
    assert result["earliestLawfulDeadline"] == "2025-03-12"


def test_deadline_date_earlier_than_lawful():
    facts = _facts(reason="non-payment", state="FL", serviceDate="2025-05-08", noticeDays=3,
                   dayCounting="court", deadlineDate="2025-05-11", cureOffered=True)  # fmt: skip
    result = _run(facts, text="Example County")
    assert ("DEADLINE_MISMATCH", "error") in _codes(result)
    assert ("DEADLINE_MISMATCH", "warning") in _codes(result)  # 3 court days != May 11
    assert result["meetsStatutoryMinimum"] is False


def test_state_mismatch_uses_text_state():
    facts = _facts(reason="non-payment", state="NY", serviceDate="2025-02-03", noticeDays=14,
                   dayCounting="calendar")  # fmt: skip
    result = _run(facts, user_state="NJ", text="good cause eviction")
    assert ("STATE_MISMATCH", "warning") in _codes(result)
    assert "NY" in result["issues"][0]["message"] and "NJ" in result["issues"][0]["message"]
    assert result["ruleState"] == "NY" and result["meetsStatutoryMinimum"] is True
    assert governing_state({"state": None}, "nj") == "NJ"


def test_rule_for_other_state_is_unknown():
    facts = _facts(reason="non-payment", state="NY", serviceDate="2025-02-03", noticeDays=14)
    nj_rule = select_rule(STATE_RULES, state="NJ", reason="non-payment", on_date=TODAY)
    result = check_compliance(facts, nj_rule, user_selected_state="NJ", text="", today=TODAY)
    assert ("UNKNOWN_RULE", "warning") in _codes(result) and result["meetsStatutoryMinimum"] is None


def test_unknown_rule():
    facts = _facts(reason="non-payment", state="VT", serviceDate="2025-02-03", noticeDays=14)
    result = _run(facts)
    assert ("UNKNOWN_RULE", "warning") in _codes(result)
    assert result["meetsStatutoryMinimum"] is None and result["needsReview"] is True


def test_needs_review_rule_turns_pass_into_none():
    facts = _facts(reason="non-payment", state="TX", serviceDate="2026-02-02", noticeDays=3, dayCounting="calendar")
    result = _run(facts)
    assert ("NEEDS_REVIEW", "warning") in _codes(result)
    assert result["meetsStatutoryMinimum"] is None and result["ruleEffectiveDate"] == "2026-01-01"


def test_needs_review_rule_keeps_clear_failure():
    facts = _facts(reason="lease-violation", state="NY", serviceDate="2025-02-03", noticeDays=3)
    result = _run(facts)
    assert result["meetsStatutoryMinimum"] is False and result["needsReview"] is True


def test_no_notice_required_nj_non_payment():
    facts = _facts(reason="non-payment", state="NJ", noticeDate="2025-02-03")
    result = _run(facts)
    assert _codes(result) == {("NO_NOTICE_REQUIRED", "info")}
    assert result["meetsStatutoryMinimum"] is True


def test_arizona_mail_adds_up_to_five_days_depending_on_receipt():
    """A.R.S. 33-1313(B): received on actual receipt or 5 days after mailing, whichever is
    earlier, and the period runs from receipt, so mailing adds 1 (received the next day) to 5 days."""
    facts = _facts(reason="non-payment", state="AZ", serviceDate="2025-03-03", serviceMethod="certified-mail",
                   noticeDays=5, dayCounting="calendar")  # fmt: skip
    result = _run(facts)
    assert ("MAIL_SERVICE_EXTENSION", "warning") in _codes(result)
    assert result["earliestLawfulDeadline"] == "2025-03-09"  # if received the day after mailing
    assert result["meetsStatutoryMinimum"] is True  # "5 days" runs from receipt, whenever that is
    mailing_day = _run({**facts, "deadlineDate": "2025-03-08"})  # 5 days from mailing: short whenever received
    assert ("DEADLINE_MISMATCH", "error") in _codes(mailing_day) and mailing_day["meetsStatutoryMinimum"] is False
    early = _run({**facts, "deadlineDate": "2025-03-07"})  # short whatever the day of receipt
    assert ("DEADLINE_MISMATCH", "error") in _codes(early) and early["meetsStatutoryMinimum"] is False
    window = _run({**facts, "deadlineDate": "2025-03-10"})  # lawful only if received by 3/5
    assert ("NEEDS_REVIEW", "warning") in _codes(window) and window["meetsStatutoryMinimum"] is None
    late = _run({**facts, "deadlineDate": "2025-03-13"})  # 5 days after the latest deemed receipt
    assert late["meetsStatutoryMinimum"] is True


def test_unsure_mail_extension_makes_borderline_notice_need_review():
    facts = _facts(reason="non-payment", state="FL", serviceDate="2025-05-08", serviceMethod="mail",
                   noticeDays=3, dayCounting="court", deadlineDate="2025-05-13")  # fmt: skip
    result = _run(facts, text="Example County")
    assert ("MAIL_SERVICE_EXTENSION", "warning") in _codes(result)
    assert result["meetsStatutoryMinimum"] is None


def test_lease_may_shorten_texas_period():
    facts = _facts(reason="non-payment", state="TX", serviceDate="2025-07-07", noticeDays=1, dayCounting="calendar")
    result = _run(facts)  # no lease term cited: the statute's 3 days apply
    assert {("PERIOD_TOO_SHORT", "error"), ("LEASE_MAY_SHORTEN", "warning")} <= _codes(result)
    assert result["meetsStatutoryMinimum"] is False
    cited = _run(facts, text="As permitted by paragraph 11 of your lease, you have one (1) day to vacate.")
    assert ("PERIOD_TOO_SHORT", "warning") in _codes(cited)
    assert cited["meetsStatutoryMinimum"] is None


def test_unknown_tenancy_length_needs_review_below_top_tier():
    facts = _facts(reason="no-cause", state="NY", serviceDate="2025-02-03", noticeDays=30, dayCounting="calendar")
    assert _run(facts)["meetsStatutoryMinimum"] is None


def test_ny_ninety_day_tier():
    facts = _facts(reason="no-cause", state="NY", serviceDate="2025-02-03", noticeDays=60,
                   dayCounting="calendar", tenancyStartDate="2022-01-01")  # fmt: skip
    result = _run(facts)
    assert result["requiredDays"] == 90 and result["meetsStatutoryMinimum"] is False


def test_ca_no_cause_short_tenancy_passes():
    facts = _facts(reason="no-cause", state="CA", serviceDate="2025-02-03", noticeDays=30,
                   dayCounting="calendar", tenancyStartDate="2024-06-01")  # fmt: skip
    result = _run(facts, text="you may reclaim abandoned property")
    assert result["meetsStatutoryMinimum"] is True and result["requiredDays"] == 30


def test_ca_no_cause_long_tenancy_with_enough_days_needs_review():
    facts = _facts(reason="no-cause", state="CA", serviceDate="2025-02-03", noticeDays=60,
                   dayCounting="calendar", tenancyStartDate="2020-06-01")  # fmt: skip
    result = _run(facts, text="you may reclaim abandoned property")
    assert ("NOTICE_TYPE_NOT_ALLOWED", "warning") in _codes(result)
    assert result["meetsStatutoryMinimum"] is None


def test_nj_no_cause_not_allowed():
    facts = _facts(reason="no-cause", state="NJ", serviceDate="2025-02-03", noticeDays=90)
    result = _run(facts)
    assert ("NOTICE_TYPE_NOT_ALLOWED", "error") in _codes(result) and result["meetsStatutoryMinimum"] is False


def test_ohio_alternative_counting_over_weekend_needs_review():
    # Served Thursday: 3 calendar days end Sunday, 3 court days end Tuesday.
    facts = _facts(reason="non-payment", state="OH", serviceDate="2025-11-06", noticeDays=3, dayCounting="calendar")
    assert _run(facts)["meetsStatutoryMinimum"] is None


def test_no_date_but_clearly_short():
    facts = _facts(reason="non-payment", state="WA", noticeDays=3)
    assert _run(facts)["meetsStatutoryMinimum"] is False
    facts = _facts(reason="non-payment", state="WA", noticeDays=14)
    assert _run(facts)["meetsStatutoryMinimum"] is None


def test_future_service_date_needs_review():
    facts = _facts(reason="non-payment", state="IL", serviceDate="2027-01-04", noticeDays=5)
    assert _run(facts)["meetsStatutoryMinimum"] is None


def test_cure_not_offered_warning():
    facts = _facts(reason="non-payment", state="WA", serviceDate="2025-02-03", noticeDays=14, cureOffered=False)
    result = _run(facts, text="attorney general ... 2-1-1")
    assert ("CURE_NOT_OFFERED", "warning") in _codes(result)
    assert result["meetsStatutoryMinimum"] is True


OHIO_VERBATIM = (
    "You are being asked to leave the premises. If you do not leave, an eviction action may be initiated "
    "against you. If you are in doubt regarding your legal rights and obligations as a tenant, it is "
    "recommended that you seek legal assistance."
)


def test_ohio_verbatim_warning_is_found():
    facts = _facts(reason="non-payment", state="OH", serviceDate="2025-11-03", noticeDays=3, dayCounting="calendar")
    assert _run(facts, text=OHIO_VERBATIM.upper().replace(" ", "\n"))["issues"] == []


def test_illinois_statutory_full_payment_clause_is_found():
    facts = _facts(reason="non-payment", state="IL", serviceDate="2025-01-06", noticeDays=5, cureOffered=True)
    text = "Only FULL PAYMENT of the rent demanded in this notice will waive the landlord's right to terminate"
    assert _run(facts, text=text)["issues"] == []
