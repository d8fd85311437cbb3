"""Issue records and small fact helpers shared by the compliance modules."""

from __future__ import annotations

from datetime import date

ERROR, WARNING, INFO = "error", "warning", "info"

# Service methods whose delivery includes a mailing (reference §4: the mail column).
MAILED_METHODS = frozenset({"mail", "certified-mail", "posting-and-mail"})


def issue(code: str, severity: str, message: str) -> dict:
    """One finding for staff; `code` is stable, `message` is plain English."""
    return {"code": code, "severity": severity, "message": message}


def parse_date(value) -> date | None:
    """An ISO date string (or date) from the facts; None when missing or unreadable."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def period_start(facts: dict) -> date | None:
    """The day the notice period runs from: the service date, else the notice's own date."""
    return parse_date(facts.get("serviceDate")) or parse_date(facts.get("noticeDate"))


def combine(verdicts: list[bool | None]) -> bool | None:
    """False wins over None, None over True: one clear failure fails the notice, one open
    question makes it 'needs review'."""
    if any(v is False for v in verdicts):
        return False
    if any(v is None for v in verdicts):
        return None
    return True
