"""Shared by the blind-set fix tests: a fictional notice's facts, the checker run on them as of a
fixed day, and the (code, severity) pairs it raised."""

from datetime import date

from batches.analysis.schema import empty_facts
from batches.compliance.checker import compliance_for_notice
from templates_app.defaults.state_rules import STATE_RULES

TODAY = date(2026, 12, 3)


def notice_facts(**kw):
    base = {"isEvictionNotice": True, "reasons": [kw["reason"]], "serviceMethod": "personal", "dayCounting": "calendar"}
    return empty_facts(**{**base, **kw})


def run_notice(facts, text=""):
    return compliance_for_notice(facts, STATE_RULES, user_selected_state=facts["state"], text=text, today=TODAY)


def issue_codes(result):
    return {(i["code"], i["severity"]) for i in result["issues"]}
