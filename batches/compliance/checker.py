"""The deterministic compliance check: facts + rule -> the `compliance` result section.

Code decides compliance, never an LLM. Verdict precedence:
1. not an eviction notice -> `meetsStatutoryMinimum: None`, no issues;
2. no rule for the governing state/reason -> None (UNKNOWN_RULE); a related rule may stand in
   (a nuisance against the state's breach rule, an unnamed no-fault ground against its no-cause
   rule: RULE_FALLBACK, info; see rules_select);
3. no notice required (NJ non-payment) -> True (NO_NOTICE_REQUIRED, info);
4. notice type not allowed (WA / NJ no-cause) -> False whatever the period;
5. period, rent-day alignment (rules with `must_end_on_rent_day`), delivery (rules with
   `outside_posting_needs_mail`), local ordinances (`local_overrides`), content and
   type-coverage checks combine: any clear failure -> False, any open question -> None, else True;
6. a rule marked `needs_review` turns True into None (a clear failure stays False).

Governing state: when the text invokes a state (`facts.state`) that differs from the state
the user picked, the text wins, because the statute the notice relies on is the one it
names; STATE_MISMATCH reports both so staff can correct either side. Callers should select
the rule with `governing_state()` (or use `compliance_for_notice`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from batches.analysis.textnorm import fix_ocr
from batches.compliance.content import check_cure, check_rent_only, check_required_content
from batches.compliance.issues import ERROR, INFO, WARNING, combine, issue, parse_date, period_start
from batches.compliance.just_cause import shows_coverage
from batches.compliance.local import check_local
from batches.compliance.period import Period, check_period, tenancy_months
from batches.compliance.rent_day import check_rent_day
from batches.compliance.rules_select import select_rule
from batches.compliance.service import check_service


def governing_state(facts: dict, user_selected_state: str | None) -> str | None:
    """The text's state when it names one, else the user's choice."""
    return (facts.get("state") or user_selected_state or "").upper() or None


def is_eviction_notice(facts: dict) -> bool:
    return bool(facts.get("isEvictionNotice")) and facts.get("reason") != "not-a-notice"


def _base(rule: dict | None) -> dict:
    rule = rule or {}
    effective = rule.get("effective_date")
    return {
        "statute": rule.get("statute"),
        "ruleState": rule.get("state"),
        "ruleReason": rule.get("reason"),
        "ruleEffectiveDate": effective.isoformat() if isinstance(effective, date) else effective,
        "requiredDays": rule.get("min_days"),
        "dayCounting": rule.get("day_unit"),
        "earliestLawfulDeadline": None,
        "meetsStatutoryMinimum": None,
        "needsReview": False,
        "issues": [],
    }


def _state_issues(facts: dict, user_selected_state: str | None) -> list[dict]:
    text_state, chosen = (facts.get("state") or "").upper(), (user_selected_state or "").upper()
    if text_state and chosen and text_state != chosen:
        msg = (
            f"The notice invokes {text_state} law but {chosen} was selected; the {text_state} "
            "rule was applied. Check which state the premises are in."
        )
        return [issue("STATE_MISMATCH", WARNING, msg)]
    return []


def _unknown_rule(state: str | None, reason: str | None) -> dict:
    msg = f"No statutory rule on file for {state or 'an unknown state'} / {reason}; review by hand."
    return issue("UNKNOWN_RULE", WARNING, msg)


def _type_check(facts: dict, rule: dict, text: str) -> tuple[list[dict], bool | None]:
    """Type trumps period (reference §0.4)."""
    if not rule.get("type_allowed", True):
        reason = rule.get("type_not_allowed_reason") or f"This notice type is not allowed ({rule['statute']})."
        return [issue("NOTICE_TYPE_NOT_ALLOWED", ERROR, reason)], False
    after = rule.get("just_cause_after_months")
    if after is None:
        return [], True
    start = period_start(facts)
    months = tenancy_months(parse_date(facts.get("tenancyStartDate")), start)
    if months is not None and months < after:
        return [], True
    covered = shows_coverage(text, start)
    if covered is False:
        msg = f"The notice states that the unit is exempt from {rule['statute']}'s just-cause rule; not verified."
        return [issue("JUST_CAUSE_EXEMPTION_CLAIMED", INFO, msg)], True
    if covered and months is not None:
        msg = (
            f"The tenancy has lasted {after} months or more and the notice shows the unit is covered by "
            f"{rule['statute']}: a notice without a just cause is not allowed."
        )
        return [issue("NOTICE_TYPE_NOT_ALLOWED", ERROR, msg)], False
    msg = (
        f"The tenancy has lasted {after} months or more (or its length is unknown): under "
        f"{rule['statute']} a no-cause notice is not allowed unless the unit is exempt, and the "
        "notice text cannot show the exemption. Needs review."
    )
    return [issue("NOTICE_TYPE_NOT_ALLOWED", WARNING, msg)], None


def _no_notice_required(result: dict, rule: dict) -> dict:
    msg = f"No pre-filing notice is required for this reason ({rule['statute']})."
    result.update(meetsStatutoryMinimum=True)
    result["issues"].append(issue("NO_NOTICE_REQUIRED", INFO, msg))
    return result


def check_compliance(
    facts: dict, rule: dict | None, *, user_selected_state: str | None, text: str, today: date | None = None
) -> dict:
    """The `compliance` section for one notice (see the module docstring for precedence).
    `today` is used only to flag service dates in the future (likely misread dates). The text
    checks read it with OCR confusions repaired ("payab1e", "2O25"), as the extractor does."""
    result = _base(rule)
    if not is_eviction_notice(facts):
        return result
    text = fix_ocr(text or "")
    result["issues"] = _state_issues(facts, user_selected_state)
    state = governing_state(facts, user_selected_state)
    if rule is None or rule["state"] != state:
        result["issues"].append(_unknown_rule(state, facts.get("reason")))
        result.update(_base(None), issues=result["issues"], needsReview=True)
        return result
    if rule.get("appliedForReason"):
        msg = (
            f"{state} has no separate notice for {rule['appliedForReason']}; its {rule['reason']} rule "
            f"({rule['statute']}) was applied."
        )
        result["issues"].append(issue("RULE_FALLBACK", INFO, msg))
    if not rule.get("notice_required", True):
        return _no_notice_required(result, rule)
    return _evaluate(facts, rule, state, text, today or date.today(), result)


def _side_checks(facts: dict, rule: dict, state: str, text: str, period: Period) -> tuple[list[dict], list]:
    """The checks beside the period: rent only, rent day, delivery, local ordinances. A
    forbidden type skips those that read the termination or delivery."""
    allowed = rule.get("type_allowed", True)
    checks = [
        check_rent_only(facts, rule),
        check_rent_day(facts, rule, text) if allowed else ([], True),
        check_service(facts, rule, text) if allowed else ([], True),
        check_local(facts, rule, state, text, period.start, period.stated),
    ]
    return [found for issues, _ in checks for found in issues], [verdict for _, verdict in checks]


def _evaluate(facts: dict, rule: dict, state: str, text: str, today: date, result: dict) -> dict:
    type_issues, type_verdict = _type_check(facts, rule, text)
    # A forbidden type has nothing to count (WA no-cause has no period at all).
    period = check_period(facts, rule, state, text) if rule.get("type_allowed", True) else Period()
    side_issues, side_verdicts = _side_checks(facts, rule, state, text, period)
    issues = result["issues"] + type_issues + period.issues + side_issues
    issues += check_required_content(rule, text) + check_cure(facts, rule)
    verdict = combine([type_verdict, period.verdict, *side_verdicts])
    if period.start and period.start > today:
        issues.append(issue("NEEDS_REVIEW", WARNING, "The service date is in the future; check it."))
        verdict = combine([verdict, None])
    if rule.get("needs_review"):
        notes = " ".join((rule.get("notes") or "").split())  # one line, as every issue message is
        issues.append(issue("NEEDS_REVIEW", WARNING, f"Uncertain rule: {notes}"))
        verdict = combine([verdict, None])
    result.update(
        requiredDays=period.required,
        earliestLawfulDeadline=period.lawful.isoformat() if period.lawful else None,
        meetsStatutoryMinimum=verdict,
        # Open questions stay visible even when a clear failure already decides the verdict.
        needsReview=verdict is None or type_verdict is None or bool(rule.get("needs_review")),
        issues=issues,
    )
    return result


def compliance_for_notice(
    facts: dict,
    rules: Iterable[dict],
    *,
    user_selected_state: str | None,
    text: str,
    today: date | None = None,
) -> dict:
    """Select the rule for the governing state, the primary reason and the notice's date,
    then check. Combined notices are checked against their primary `reason` only."""
    on_date = period_start(facts) or today
    rule = select_rule(
        rules, state=governing_state(facts, user_selected_state), reason=facts.get("reason"), on_date=on_date
    )
    return check_compliance(facts, rule, user_selected_state=user_selected_state, text=text, today=today)
