"""The notice-period check: required days (with tenancy tiers), earliest lawful deadline,
and the comparison with what the notice gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from batches.compliance.calendar import add_period, earliest_lawful_deadline
from batches.compliance.housing import shows_subsidised_housing
from batches.compliance.issues import ERROR, INFO, MAILED_METHODS, WARNING, issue, parse_date, period_start
from batches.compliance.lease_date import lease_date
from batches.compliance.lease_waiver import cites_lease_period
from batches.compliance.mail import certain_mail_days, mail_doubt_message


@dataclass
class Period:
    """What the period check found; `verdict` is True/False/None (needs review)."""

    required: int | None = None
    lawful: date | None = None
    stated: date | None = None
    start: date | None = None
    issues: list[dict] = field(default_factory=list)
    verdict: bool | None = True


def tenancy_months(start: date | None, on: date | None) -> int | None:
    """Whole months of tenancy from `start` to `on`."""
    if start is None or on is None:
        return None
    months = (on.year - start.year) * 12 + on.month - start.month
    return months - 1 if on.day < start.day else months


def required_days(rule: dict, months: int | None) -> int:
    """min_days, raised by the highest tenancy tier reached (unknown tenancy: min_days)."""
    days = rule["min_days"]
    for tier in sorted(rule.get("tenancy_tiers") or [], key=lambda t: t["minTenancyMonths"]):
        if months is not None and months >= tier["minTenancyMonths"]:
            days = tier["minDays"]
    return days


def _mailed(facts: dict) -> bool:
    return facts.get("serviceMethod") in MAILED_METHODS


def _same_unit(facts: dict, rule: dict) -> bool:
    return facts.get("dayCounting") in (None, rule["day_unit"])


def _stated_deadline(facts: dict, rule: dict, start: date, state: str, extra: int) -> date | None:
    """The deadline the notice gives: its date, else its day count in its own unit. A bare
    day count runs from (deemed) receipt, so a certain mail extension is added to it."""
    deadline = parse_date(facts.get("deadlineDate"))
    if deadline or facts.get("noticeDays") is None:
        return deadline
    unit = facts.get("dayCounting") or rule["day_unit"]
    return add_period(start + timedelta(days=extra), facts["noticeDays"], unit, state)


def _lawful(rule: dict, start: date, state: str, days: int, *, unit: str | None = None, extra: int = 0):
    return earliest_lawful_deadline(
        start, days=days, unit=unit or rule["day_unit"], state=state, mail_extension_days=extra
    )


def check_period(facts: dict, rule: dict, state: str, text: str = "") -> Period:
    """Compare the notice's period with the rule; see the module docstring. `text` lets
    the longer-period variant read a lease term the notice states."""
    period = Period(start=period_start(facts))
    if rule.get("min_days") is None:
        msg = f"{rule['statute']} sets no fixed notice period for this reason; nothing to count."
        period.issues.append(issue("NO_FIXED_PERIOD", INFO, msg))
        return period
    months = tenancy_months(parse_date(facts.get("tenancyStartDate")), period.start)
    period.required = required_days(rule, months)
    if period.start is None:
        return _without_start(facts, rule, period)
    extra, msg = certain_mail_days(facts, rule)
    if extra:
        period.issues.append(issue("MAIL_SERVICE_EXTENSION", WARNING, msg))
    period.lawful = _lawful(rule, period.start, state, period.required, extra=extra)
    period.stated = _stated_deadline(facts, rule, period.start, state, extra)
    _compare(facts, rule, period)
    _check_days_vs_date(facts, rule, state, period)
    if period.verdict is False and rule.get("lease_can_shorten"):
        _lease_may_shorten(rule, period, text)
    if period.verdict is False and rule.get("lease_from_date"):
        _older_lease_may_apply(rule, period, text)
    if period.verdict is True:
        _check_uncertain_variants(facts, rule, state, months, period, text)
    return period


def _without_start(facts: dict, rule: dict, period: Period) -> Period:
    days = facts.get("noticeDays")
    if days is not None and _same_unit(facts, rule) and days < period.required:
        _too_short(rule, period, days)
        return period
    msg = "The notice shows no notice or service date, so the deadline cannot be checked."
    period.issues.append(issue("NEEDS_REVIEW", WARNING, msg))
    period.verdict = None
    return period


def _counted(n: int | None, unit: str) -> str:
    """ "3 court days", "1 month", "72 hours": a count in a rule's unit, for messages."""
    if unit == "months":
        return f"{n} month" + ("" if n == 1 else "s")
    if unit == "hours":
        return f"{n} hours"
    return f"{n} {unit} day" + ("" if n == 1 else "s")


def _too_short(rule: dict, period: Period, days: int) -> None:
    msg = (
        f"The notice gives {_counted(days, rule['day_unit'])}, but {rule['statute']} requires at least "
        f"{_counted(period.required, rule['day_unit'])}."
    )
    period.issues.append(issue("PERIOD_TOO_SHORT", ERROR, msg))
    period.verdict = False


def _compare(facts: dict, rule: dict, period: Period) -> None:
    days = facts.get("noticeDays")
    if days is not None and _same_unit(facts, rule) and days < period.required:
        _too_short(rule, period, days)
    elif period.stated is not None and period.stated < period.lawful:
        _deadline_too_early(facts, rule, period)
    elif period.stated is None:
        msg = "The notice states neither a number of days nor a deadline date."
        period.issues.append(issue("NEEDS_REVIEW", WARNING, msg))
        period.verdict = None
    elif facts.get("dayCounting") == "calendar" and rule["day_unit"] in ("court", "business"):
        msg = f"The notice counts calendar days; {rule['statute']} counts {rule['day_unit']} days."
        period.issues.append(issue("WRONG_DAY_COUNTING", WARNING, msg))


def _deadline_too_early(facts: dict, rule: dict, period: Period) -> None:
    lawful, stated = period.lawful.isoformat(), period.stated.isoformat()
    if facts.get("deadlineDate"):
        code = "DEADLINE_MISMATCH"
        msg = f"The notice's deadline {stated} is earlier than the earliest lawful deadline {lawful}"
    else:
        code = "WRONG_DAY_COUNTING"
        msg = (
            f"The notice counts {facts.get('dayCounting')} days, which ends on {stated}; counted in "
            f"{'months' if rule['day_unit'] == 'months' else rule['day_unit'] + ' days'} the period ends on {lawful}"
        )
    required = _counted(period.required, rule["day_unit"])
    period.issues.append(issue(code, ERROR, f"{msg} ({rule['statute']}, {required})."))
    period.verdict = False


def _check_days_vs_date(facts: dict, rule: dict, state: str, period: Period) -> None:
    """Flag a stated date that gives less time than the notice's own day count."""
    deadline, days = parse_date(facts.get("deadlineDate")), facts.get("noticeDays")
    if deadline is None or days is None:
        return
    by_days = add_period(period.start, days, facts.get("dayCounting") or rule["day_unit"], state)
    if deadline < by_days:
        msg = (
            f"The notice says {days} days but its deadline date {deadline.isoformat()} comes before "
            f"{by_days.isoformat()}, the end of {days} days from {period.start.isoformat()}."
        )
        period.issues.append(issue("DEADLINE_MISMATCH", WARNING, msg))


def _lease_may_shorten(rule: dict, period: Period, text: str) -> None:
    """TX 24.005(a) / PA 250.501(e): a written lease may shorten or waive the period. A short
    notice that invokes such a lease term needs review (the lease decides); one that cites none
    fails against the statute, with the lease named as the exception to check. Not in public or
    subsidised housing where the rule says so (PA): there the failure stands whatever the lease."""
    if rule.get("lease_shortening_not_subsidised") and shows_subsidised_housing(text):
        msg = (
            f"The notice shows public or subsidised housing, where a lease may not shorten or waive the "
            f"period of {rule['statute']}."
        )
        period.issues.append(issue("LEASE_CANNOT_SHORTEN", INFO, msg))
        return
    if cites_lease_period(text):
        _soften(period, " The notice relies on the lease for its period; check the lease.")
        return
    msg = (
        f"{rule['statute']} lets a written lease set a shorter period, but the notice cites no such lease term, "
        "so the statutory period applies. If the lease sets a shorter period, check it."
    )
    period.issues.append(issue("LEASE_MAY_SHORTEN", WARNING, msg))


def _older_lease_may_apply(rule: dict, period: Period, text: str) -> None:
    """A rule for leases entered or renewed from a date fails a notice only when the notice
    shows such a lease; otherwise an older lease may fall under an older rule (GA 44-7-50(a)
    sets no period), so the failure becomes a warning and needs review."""
    since = parse_date(rule["lease_from_date"])
    lease = lease_date(text)
    if since is None or (lease is not None and lease >= since):
        return
    shown = f"shows a lease date of {lease.isoformat()}" if lease else "shows no lease or renewal date"
    _soften(
        period, f" {rule['statute']} covers leases entered or renewed from {since.isoformat()}; the notice {shown}."
    )


def _soften(period: Period, note: str) -> None:
    """The failure may not apply: its errors become warnings that say why, and it needs review."""
    for found in period.issues:
        if found["severity"] == ERROR:
            found["severity"] = WARNING
            found["message"] += note
    period.verdict = None


def _needs_review(period: Period, message: str) -> None:
    period.issues.append(issue("NEEDS_REVIEW", WARNING, message))
    period.verdict = None


# The lease term a notice states, for `long_lease_min_days` (PA 250.501: 15 days for a
# lease of one year or less or indefinite, 30 for a longer one).
_SHORT_TERM = re.compile(
    r"\b(?:one|1)[- ]year (?:lease|term|rental agreement)|\b(?:lease|term) of (?:one|1) year\b|"
    r"\b(?:twelve|12)[- ](?:\(12\)[- ])?month (?:lease|term)|\b(?:six|6)[- ]month (?:lease|term)|"
    r"\b(?:lease|term) of (?:(?:six|twelve)(?:\s*\((?:6|12)\))?|(?:6|12))\s*months\b|"
    r"month[- ]to[- ]month|not more than one year|one year or less|"
    # "un contrato de arrendamiento por un plazo de doce (12) meses", "mes a mes", "por un año"
    r"\bplazo de (?:doce|seis|12|6)(?:\s*\((?:12|6)\))?\s*meses\b|\bmes a mes\b|\b(?:por|de) un (?:año|ano)\b",
    re.IGNORECASE,
)
_LONG_TERM = re.compile(
    r"\b(?:two|three|four|five|2|3|4|5)[- ]year (?:lease|term|rental agreement)|"
    r"\b(?:lease|term) of (?:two|three|four|five|2|3|4|5)(?:\s*\([2-5]\))? years\b|"
    r"\b(?:18|24|36)[- ]month (?:lease|term)|"
    r"\b(?:lease|term) of (?:(?:eighteen|twenty-four|thirty-six)(?:\s*\((?:18|24|36)\))?|(?:18|24|36))\s*months\b|"
    r"more than one year|\bplazo de (?:dos|tres|2|3)(?:\s*\([23]\))?\s*(?:años|anos)\b|"
    r"\bplazo de (?:veinticuatro|treinta y seis|24|36)(?:\s*\((?:24|36)\))?\s*meses\b|"
    # "Your lease ... ran for two years": the term stated as a duration of the lease itself
    r"\blease\b[^.]{0,40}?\b(?:ran|runs|run|was|is) for (?:a term of )?(?:two|three|four|five|[2-5]) years\b",
    re.IGNORECASE,
)


def _lease_term_longer(text: str) -> bool | None:
    """True/False when the notice states a lease longer / not longer than one year."""
    long_term, short_term = bool(_LONG_TERM.search(text or "")), bool(_SHORT_TERM.search(text or ""))
    if long_term == short_term:
        return None
    return long_term


def _check_uncertain_variants(facts: dict, rule: dict, state: str, months, period: Period, text: str = "") -> None:
    """A notice that passes under the base reading but might fail under an uncertain one."""
    tiers = rule.get("tenancy_tiers") or []
    if tiers and months is None:
        top = max(t["minDays"] for t in tiers)
        if period.stated < _lawful(rule, period.start, state, top):
            _needs_review(period, f"Tenancy length unknown; {rule['statute']} requires up to {top} days.")
    _check_mail(facts, rule, state, period)
    alt_unit = rule.get("alt_day_unit")
    if alt_unit and period.stated < _lawful(rule, period.start, state, period.required, unit=alt_unit):
        counted = "excluding weekends" if alt_unit == "weekdays" else f"in {alt_unit} days"
        _needs_review(period, f"Some courts count {rule['statute']} {counted}; then it is short.")
    longer = rule.get("long_lease_min_days")
    if longer and period.stated < _lawful(rule, period.start, state, longer):
        term = _lease_term_longer(text)
        if term is True:
            msg = f"The notice states a lease longer than one year: {rule['statute']} requires {longer} days."
            period.issues.append(issue("PERIOD_TOO_SHORT", ERROR, msg))
            period.verdict = False
            if rule.get("lease_can_shorten"):
                _lease_may_shorten(rule, period, text)
        elif term is None:
            _needs_review(period, f"{longer} days may be required under {rule['statute']} (e.g. longer lease).")


def _check_mail(facts: dict, rule: dict, state: str, period: Period) -> None:
    """Mailing may add up to `mail_extension_uncertain_days` (unsettled law, or the receipt
    date decides, A.R.S. 33-1313(B)). Only a stated deadline date can end too early: a bare
    day count ("within 14 days after service") runs from (deemed) service, whenever that is."""
    if not _mailed(facts):
        return
    unsure = rule.get("mail_extension_uncertain_days")
    if unsure is None:
        return
    msg = mail_doubt_message(rule, unsure)
    if not any(i["code"] == "MAIL_SERVICE_EXTENSION" for i in period.issues):  # one mail warning is enough
        period.issues.append(issue("MAIL_SERVICE_EXTENSION", WARNING, msg))
    if not unsure or parse_date(facts.get("deadlineDate")) is None:
        return
    if period.stated < _lawful(rule, period.start, state, period.required, extra=unsure):
        _needs_review(period, f"With {unsure} extra days for mailing, the notice's deadline date would be too early.")
