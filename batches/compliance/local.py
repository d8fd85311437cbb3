"""City ordinances layered on a state rule (reference §1.3 "Local ordinances").

A rule's `local_overrides` names cities with their own notice terms, e.g. Chicago's Fair
Notice ordinance (30/60/120 days by tenancy length). An override with `tiers` is counted: when
the premises are in the city and the tenancy length is known, a deadline before the local
period fails. Otherwise (no tiers, or the tenancy start unknown) a notice that gives less than
the longest local period (`upToDays`) needs review, never the state rule's confident True.
The city is read from the premises address; when the extractor found no address, a
"City, ST" mention in the text is enough to ask for review.
"""

from __future__ import annotations

import re
from datetime import date

from batches.compliance.calendar import add_period
from batches.compliance.issues import ERROR, WARNING, issue, parse_date
from batches.compliance.period import required_days, tenancy_months

# Trailing "IL 60618", "Illinois 60618", "60618" on the city part of an address.
_STATE_ZIP = re.compile(r"\s+(?:[A-Z]{2}|[A-Za-z]+)?\s*\d{5}(?:-\d{4})?\s*$|\s+[A-Z]{2}\s*$")


def _parts(address: str) -> list[str]:
    return [_STATE_ZIP.sub("", p).strip().casefold() for p in re.split(r"[,\n]", address or "")]


def in_city(city: str, address: str | None, text: str, state: str) -> bool | None:
    """True/False when the premises address shows whether it is in `city` (a whole address
    part, so "Chicago Heights" is not Chicago); from the text only when no address was found
    (True or None)."""
    wanted = city.strip().casefold()
    if address:
        return wanted in _parts(address)
    # "…, Chicago, IL 60618" / "Chicago, Cook County, Illinois 60618"; not "North Chicago, IL".
    pattern = rf"(?<![A-Za-z] )(?<![\w-]){re.escape(city.strip())}\s*,[^\n]{{0,40}}?(?:\b{state}\b|\b\d{{5}}\b)"
    return True if re.search(pattern, text or "", re.IGNORECASE) else None


def check_local(facts: dict, rule: dict, state: str, text: str, start: date | None, stated: date | None):
    """(issues, verdict) for the rule's local overrides; verdict None means needs review."""
    issues, verdict = [], True
    months = tenancy_months(parse_date(facts.get("tenancyStartDate")), start)
    for override in rule.get("local_overrides") or []:
        if not in_city(override["city"], facts.get("premisesAddress"), text, state):
            continue
        # Counted only on the premises address: a "Chicago, IL" elsewhere in the text may be an office.
        known = months is not None and start is not None and stated is not None and facts.get("premisesAddress")
        if override.get("tiers") and known:
            found = _tiered(override, rule, state, months, start, stated)
            if found:
                issues.append(found)
                verdict = False
            continue
        days = override["upToDays"]
        long_enough = (
            start is not None and stated is not None and stated >= add_period(start, days, rule["day_unit"], state)
        )
        if long_enough:
            continue
        msg = (
            f"The premises appear to be in {override['city']}: a local ordinance may require up to {days} days "
            f"on top of {rule['statute']}. {override.get('note', '')}".strip()
        )
        issues.append(issue("LOCAL_ORDINANCE", WARNING, msg + " Needs review."))
        verdict = None
    return issues, verdict


def _tiered(override: dict, rule: dict, state: str, months: int, start: date, stated: date) -> dict | None:
    """The local period for this tenancy length; an issue when the notice's deadline is earlier."""
    days = required_days({"min_days": rule["min_days"], "tenancy_tiers": override["tiers"]}, months)
    lawful = add_period(start, days, rule["day_unit"], state)
    if stated >= lawful:
        return None
    statute = override.get("statute") or f"{override['city']} ordinance"
    msg = (
        f"The premises are in {override['city']} and the tenancy had lasted {months} months: {statute} requires "
        f"{days} days, to {lawful.isoformat()}; the notice ends on {stated.isoformat()}."
    )
    return issue("LOCAL_PERIOD_TOO_SHORT", ERROR, msg)
