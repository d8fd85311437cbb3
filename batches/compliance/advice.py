"""Plain next steps for staff and tenants, derived deterministically from the facts and the
compliance section. Information only: it points to legal help rather than deciding a case."""

from __future__ import annotations

from datetime import date, timedelta

from batches.compliance.calendar import next_court_day
from batches.compliance.issues import ERROR, parse_date

DISCLAIMER = "General information about this notice, not legal advice. A lawyer or legal aid office can advise."
LEVELS = ("low", "medium", "high", "critical")
NO_CURE_REASONS = frozenset({"illegal-activity", "nuisance"})
NO_FAULT_REASONS = frozenset({"no-cause", "holdover", "owner-move-in", "demolition", "withdrawal-from-market", "sale"})

DEFENSES = {
    "PERIOD_TOO_SHORT": "The notice gives fewer days than {statute} requires.",
    "WRONG_DAY_COUNTING": "The notice counts its days differently from {statute}, so it may end too early.",
    "DEADLINE_MISMATCH": "The deadline date in the notice is earlier than {statute} allows.",
    "NON_RENT_CHARGES": "The notice demands fees or charges other than rent, which {statute} does not allow.",
    "NOTICE_TYPE_NOT_ALLOWED": "This kind of notice may not be allowed at all under {statute}.",
    "MISSING_REQUIRED_ELEMENT": "The notice may be missing wording or information that {statute} requires.",
    "SERVICE_NOT_ALLOWED": "The notice was not delivered in a way {statute} allows.",
    "LOCAL_ORDINANCE": "A city ordinance may require more notice than {statute} gives.",
    "LOCAL_PERIOD_TOO_SHORT": "For a tenancy this long, the city's ordinance requires more notice than this one gives.",
    "CURE_NOT_OFFERED": "The notice does not offer the chance to pay or fix the problem that {statute} gives.",
}


def _deadline(facts: dict, compliance: dict) -> date | None:
    return parse_date(facts.get("deadlineDate")) or parse_date(compliance.get("earliestLawfulDeadline"))


def urgency_for(facts: dict, compliance: dict, today: date) -> str:
    """critical/high/medium/low from days left, one level up for no-cure notices, and
    'none' for documents that are not eviction notices."""
    if not facts.get("isEvictionNotice") or facts.get("reason") == "not-a-notice":
        return "none"
    deadline = _deadline(facts, compliance)
    if deadline is None:
        return "high"  # an eviction notice with no readable deadline: assume it is soon
    days_left = (deadline - today).days
    level = 3 if days_left <= 3 else 2 if days_left <= 7 else 1 if days_left <= 21 else 0
    if facts.get("reason") in NO_CURE_REASONS:
        level = min(level + 1, 3)
    if facts.get("reason") in NO_FAULT_REASONS and days_left > 30:
        level = 0
    return LEVELS[level]


def _filing_date(facts: dict, compliance: dict, state: str) -> date | None:
    """The first court day after the later of the stated and the lawful deadline."""
    dates = [parse_date(facts.get("deadlineDate")), parse_date(compliance.get("earliestLawfulDeadline"))]
    known = [d for d in dates if d]
    return next_court_day(max(known) + timedelta(days=1), state) if known else None


def key_dates(facts: dict, compliance: dict) -> list[dict]:
    """The dates staff need, in date order; missing ones are left out."""
    state = compliance.get("ruleState") or facts.get("state") or ""
    candidates = [
        (parse_date(facts.get("noticeDate")), "Notice dated"),
        (parse_date(facts.get("serviceDate")), "Notice served"),
        (parse_date(facts.get("deadlineDate")), "Deadline stated in the notice"),
        (parse_date(compliance.get("earliestLawfulDeadline")), "Earliest lawful deadline (computed)"),
        (_filing_date(facts, compliance, state), "Earliest day the landlord could file in court"),
    ]
    return [{"date": d.isoformat(), "label": label} for d, label in sorted(c for c in candidates if c[0])]


def defenses_for(compliance: dict) -> list[str]:
    """One short line per distinct problem code (errors, and type/content warnings)."""
    statute = compliance.get("statute") or "state law"
    lines: list[str] = []
    for found in compliance.get("issues", []):
        template = DEFENSES.get(found["code"])
        relevant = found["severity"] == ERROR or found["code"] in (
            "NOTICE_TYPE_NOT_ALLOWED",
            "MISSING_REQUIRED_ELEMENT",
            "LOCAL_ORDINANCE",
        )
        line = template.format(statute=statute) if template and relevant else None
        if line and line not in lines:
            lines.append(line)
    return lines


def _pay_step(facts: dict, compliance: dict) -> list[str]:
    deadline = _deadline(facts, compliance)
    if facts.get("reason") != "non-payment" or not facts.get("cureOffered") or deadline is None:
        return []
    amount = facts.get("amountDue")
    what = f"the full amount demanded (${amount:,.2f})" if amount else "the full amount demanded"
    return [f"Paying {what} by {deadline.isoformat()} may stop this notice; pay in a way that leaves a receipt."]


def immediate_actions(facts: dict, compliance: dict) -> list[str]:
    """Plain, safe steps; never tells anyone to move out."""
    if not facts.get("isEvictionNotice") or facts.get("reason") == "not-a-notice":
        return ["This document does not look like an eviction notice; keep it with your tenancy papers."]
    steps = ["Contact a legal aid office or tenant hotline as soon as possible and bring this notice."]
    steps += _pay_step(facts, compliance)
    steps.append("Gather the lease, rent receipts or bank records, and every letter from the landlord.")
    steps.append("A notice alone does not evict anyone; only a court order can.")
    steps.append("Do not ignore court papers: if a summons or complaint arrives, respond by its deadline.")
    if any(i["code"] == "MAIL_SERVICE_EXTENSION" for i in compliance.get("issues", [])):
        steps.append("Write down the date the notice actually arrived and keep the envelope.")
    if compliance.get("needsReview"):
        steps.append("Part of this check needs a person: ask legal aid to review the notice.")
    return steps


def derive_advice(facts: dict, compliance: dict, *, today: date | None = None) -> dict:
    """`urgency`, `keyDates`, `defenses`, `immediateActions` and a disclaimer."""
    today = today or date.today()
    return {
        "urgency": urgency_for(facts, compliance, today),
        "keyDates": key_dates(facts, compliance),
        "defenses": defenses_for(compliance),
        "immediateActions": immediate_actions(facts, compliance),
        "disclaimer": DISCLAIMER,
    }
