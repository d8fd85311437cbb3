"""Find dates in every common US (and Spanish) format and return them as ISO strings.

All patterns run on the lowercase, accent-free copy (`NormalizedText.low`), where OCR
digit swaps are already repaired ("0ct 1, 2O25" -> "oct 1, 2025").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from batches.analysis.textnorm import normalize

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"
_GAP = r"[ \t]*(?:\n[ \t]*)?"  # a date may wrap onto the next line

_PATTERNS = (
    # March 4, 2025 / Mar. 4 2025 / March 4th, 2025
    ("mdy", re.compile(rf"\b{_MONTH}[ \t]+{_DAY}[ \t]*,?{_GAP}{_YEAR}\b")),
    # 4 de marzo de 2025 / 4 de marzo del 2025
    ("dmy", re.compile(rf"\b{_DAY}[ \t]+de[ \t]+{_MONTH}[ \t]+(?:de|del)[ \t]+{_YEAR}\b")),
    # 4 March 2025
    ("dmy", re.compile(rf"\b{_DAY}[ \t]+{_MONTH}[ \t]*,?[ \t]+{_YEAR}\b")),
    # 2025-03-04
    ("iso", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    # 03/04/2025, 3/4/25, 03-04-2025
    ("num", re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")),
)


@dataclass(frozen=True)
class FoundDate:
    """One date in the text: ISO value and the span it covers."""

    iso: str
    start: int
    end: int


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(kind: str, m: re.Match) -> str | None:
    if kind == "mdy":
        return _iso(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    if kind == "dmy":
        return _iso(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    if kind == "iso":
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    year = int(m.group(4))
    if year < 100:
        year += 2000  # "3/4/25": notices are recent; no 19xx two-digit years expected
    return _iso(year, int(m.group(1)), int(m.group(3)))


def find_dates(low: str) -> list[FoundDate]:
    """Every parseable date, in text order, without overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(low):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            iso = _from_match(kind, m)
            if iso:
                found.append(FoundDate(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> str | None:
    """The first date in a short string, as ISO, or None (used by tests and callers)."""
    dates = find_dates(normalize(text).low)
    return dates[0].iso if dates else None
