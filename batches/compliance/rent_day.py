"""Terminations that must end on a rent day.

Some periodic-tenancy rules count more than days: a Massachusetts at-will notice must end
on a rent day (G.L. c.186 §12), a Florida month-to-month notice must be given before the
end of a monthly period (83.57). A notice can give enough days and still fail because its
termination date falls mid-period (reference §0.2 `anchor`, §2.4). Rules opt in with
`must_end_on_rent_day`; the rent day is read from the notice text
("rent ... is due on the first day of each month"), else assumed to be the 1st only for
the purpose of recognising a month-end or 1st-of-month date as plainly aligned.
"""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from batches.compliance.issues import ERROR, WARNING, issue, parse_date

_ORDINALS = {"first": 1, "1st": 1, "primer": 1, "primero": 1, "l": 1, "i": 1}
# "rent ... is due on the 1st of each month", "paying rent of $2,300.00 in advance on the
# first day of each month" (the words between "rent" and the day may hold an amount).
_DUE_DAY = re.compile(
    r"\b(?:due|payable|paid|vence|se paga|pa(?:y|ys|ying|id)\s+(?:the\s+|your\s+)?rent\b(?:[^.\n]|\.\d){0,60}?)"
    r"\s+(?:in\s+advance\s+)?(?:monthly\s+|mensualmente\s+)?(?:on\s+|el\s+)?(?:the\s+)?(first|primer|primero|\d{1,2}|[lI](?=st\b))(?:st|nd|rd|th)?"
    r"\s+(?:day\s+|dia\s+|día\s+)?(?:of|de)\s+(?:each|every|the|cada)\s+(?:calendar\s+)?(?:month|mes)",
    re.IGNORECASE,
)


def rent_due_day(text: str) -> int | None:
    """The day of the month rent falls due, when the notice says so ("the lst" is an OCR'd 1st)."""
    m = _DUE_DAY.search(text or "")
    if not m:
        return None
    word = m.group(1).lower()
    day = _ORDINALS.get(word) or (int(word) if word.isdigit() else None)
    return day if day and 1 <= day <= 31 else None


def _aligned(deadline: date, due_day: int) -> bool:
    """The termination date is a rent day or the last day of a rental period."""
    return deadline.day == due_day or (deadline + timedelta(days=1)).day == due_day


def _aligned_in_short_month(deadline: date, due_day: int) -> bool:
    """Rent due on the 29th-31st falls in a shorter month on a day the notice does not name
    (its last day, or the 1st after it: leases and courts differ), so a date that lines up
    only that way is not a clear mismatch."""
    return any(_short_month_rent_day(day, due_day) for day in (deadline, deadline + timedelta(days=1)))


def _short_month_rent_day(day: date, due_day: int) -> bool:
    """`day` is the last day of a month without `due_day`, or the 1st after one."""
    last = _cal.monthrange(day.year, day.month)[1]
    if day.day == last:
        return last < due_day
    before = day - timedelta(days=1)
    return day.day == 1 and _cal.monthrange(before.year, before.month)[1] < due_day


def check_rent_day(facts: dict, rule: dict, text: str) -> tuple[list[dict], bool | None]:
    """RENT_DAY_MISMATCH (error) when the termination date is not a rent day, or a
    review warning when the rent day is not stated and the date is not plainly aligned."""
    if not rule.get("must_end_on_rent_day"):
        return [], True
    deadline = parse_date(facts.get("deadlineDate"))
    if deadline is None:
        return [], True  # nothing to align; the period check reports a missing deadline
    due_day = rent_due_day(text)
    if due_day is not None:
        return _check_stated_rent_day(deadline, due_day, rule)
    if _aligned(deadline, 1):
        return [], True
    msg = (
        f"Under {rule['statute']} the notice must end on a rent day; the termination date "
        f"{deadline.isoformat()} is mid-month and the notice does not say when rent is due. Needs review."
    )
    return [issue("RENT_DAY_MISMATCH", WARNING, msg)], None


def _check_stated_rent_day(deadline: date, due_day: int, rule: dict) -> tuple[list[dict], bool | None]:
    if _aligned(deadline, due_day):
        return [], True
    if _aligned_in_short_month(deadline, due_day):
        msg = (
            f"Rent is due on day {due_day}, which some months do not have; whether the termination date "
            f"{deadline.isoformat()} is a rent day under {rule['statute']} depends on the lease. Needs review."
        )
        return [issue("RENT_DAY_MISMATCH", WARNING, msg)], None
    msg = (
        f"The termination date {deadline.isoformat()} is not a rent day: rent is due on day {due_day} of "
        f"the month, and under {rule['statute']} the notice must end on a rent day (the end of a rental "
        "period), whatever the number of days."
    )
    return [issue("RENT_DAY_MISMATCH", ERROR, msg)], False
