"""Find dates in every common US (and Spanish) format and return them as ISO strings.

All patterns run on the lowercase, accent-free copy (`NormalizedText.low`), where OCR
digit swaps are already repaired ("0ct 1, 2O25" -> "oct 1, 2025"). What textnorm cannot
repair without context is read here, where a month name and a year bound the guess: a day
made of look-alike letters ("Ju1y l, 2021", "Dec. l5th"), an I/L swap inside a capitalised
month ("JUIY") and a space before the month's period ("Sept . 2 , 2025"). Numbers with
no month and year around them (ZIP codes, amounts, unit numbers) are never read as days.
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
# OCR confuses i and l in either direction ("JU1Y" is fixed to "JUIY", "Aprll"): the month
# pattern accepts either letter and the lookup folds both to "l".
_MONTH_KEYS = {name.replace("i", "l"): number for name, number in _MONTHS.items()}
assert len(_MONTH_KEYS) == len(_MONTHS), "two month names differ only by i/l"
_MONTH_NAMES = "|".join(key.replace("l", "[il]") for key in sorted(_MONTH_KEYS, key=len, reverse=True))
_MONTH = "(" + _MONTH_NAMES + r")(?:[ \t]?\.)?"  # "Sept." and OCR's "Sept ."
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# A day may hold look-alike letters for digits ("July l", "Dec. lo", "l5th day of"). After
# its month nearly any mix is read: the month before and the year after keep words out.
# `_day_ok` has the details.
_LOOKALIKE_DIGITS = str.maketrans("lio", "110")
_DAY_AFTER_MONTH = r"([\dlio]{1,2})(?:st|nd|rd|th)?"
# The "no digit before" look-behind sits after the first character, not before it, so that
# `re` can still skip quickly to the next candidate character (twice as fast here).
_DAY_BEFORE_MONTH = r"([\dlio](?<!\d.)[\dlio]?)(?:st|nd|rd|th)?"
_GAP = r"[ \t]*(?:\n[ \t]*)?"  # a date may wrap onto the next line
_WRAP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"  # at least one space, or a line break, before the year

# Worded dates are found from their year: scanning the text once for four digits and
# then matching the few characters before each year is several times faster than
# scanning the whole text with every month-name alternation.
_YEAR_RE = re.compile(r"\d{4,}")
_WORD_LOOKBACK = 40
_BEFORE_YEAR = (
    # March 4, 2025 / Mar. 4 2025 / March 4th, 2025
    ("mdy", re.compile(rf"(?<![a-z]){_MONTH}[ \t]+{_DAY_AFTER_MONTH}[ \t]*,?{_GAP}$")),
    # 4 de marzo de 2025 / 4 de marzo del 2025
    ("dmy", re.compile(rf"{_DAY_BEFORE_MONTH}{_GAP}de{_GAP}{_MONTH}{_GAP}(?:de|del)[ \t]*(?:\n[ \t]*)?(?<=\s)$")),
    # 4 March 2025
    ("dmy", re.compile(rf"{_DAY_BEFORE_MONTH}[ \t]+{_MONTH}[ \t]*,?{_WRAP}$")),
    # this 4th day of March, 2025 (legal style)
    ("dmy", re.compile(rf"{_DAY_BEFORE_MONTH}[ \t]+day[ \t]+of[ \t]+{_MONTH}[ \t]*,?{_WRAP}$")),
)
_NUMERIC = (
    # 2025-03-04 (the character before is checked in code: a leading look-behind would
    # stop `re` from skipping quickly to the next digit)
    ("iso", re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    # 03/04/2025, 3/4/25, 03-04-2025
    ("num", re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")),
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


def _month_number(name: str) -> int:
    return _MONTH_KEYS[name.replace("i", "l")]


def _day_number(day: str) -> int:
    return int(day.translate(_LOOKALIKE_DIGITS))


def _from_numeric(kind: str, m: re.Match, day_first: bool) -> str | None:
    if kind == "iso":
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    year = int(m.group(4))
    if year < 100:
        year += 2000  # "3/4/25": notices are recent; no 19xx two-digit years expected
    first, second = int(m.group(1)), int(m.group(3))
    if day_first or first > 12:  # "14/03/2025" can only be day-first
        first, second = second, first
    return _iso(year, first, second)


# Spanish dates are written day first ("6 de octubre de 2025", so "6/10/2025" is 6 October).
_SPANISH_DATE = re.compile(rf"\d{{1,2}} de {_MONTH} (?:de|del) \d{{4}}")


def _day_first(low: str, numeric: list[re.Match]) -> bool:
    """Whether this document writes numeric dates day first: a date that can only be read
    day first ("14/03/2025") says so, one that can only be month first ("03/14/2025") says
    not, and otherwise a Spanish worded date decides."""
    # Evidence only from full dates: "44-7-50" in a statute citation is no date.
    firsts = [(int(m.group(1)), int(m.group(3))) for m in numeric if len(m.group(4)) == 4]
    firsts = [(a, b) for a, b in firsts if a <= 31 and b <= 31]
    if any(a <= 12 < b for a, b in firsts):
        return False
    if any(b <= 12 < a for a, b in firsts):
        return True
    return " de " in low and _SPANISH_DATE.search(low) is not None


def _day_ok(kind: str, window: str, m: re.Match) -> bool:
    """Whether the day of a worded-date match reads as a day, not as a word."""
    day = m.group(2) if kind == "mdy" else m.group(1)
    if day.isdigit():
        return True
    if kind == "mdy":
        # Look-alikes only ("July l, 2021") need the comma: "In March I 2025" is words.
        return not day.isalpha() or "," in window[m.end(2) :]
    # Before a month, one real digit and no letter glued in front: "el de marzo" and
    # "lo de marzo" are words.
    before = window[m.start() - 1] if m.start() else ""
    return not day.isalpha() and not before.isalpha()


def _search_before_year(kind: str, pattern: re.Pattern, window: str) -> re.Match | None:
    m = pattern.search(window)
    while m and not _day_ok(kind, window, m):
        m = pattern.search(window, m.start() + 1)
    return m


def _worded_dates(low: str) -> list[FoundDate]:
    found = []
    for year in _YEAR_RE.finditer(low):
        if len(year.group(0)) != 4:
            continue
        start = max(0, year.start() - _WORD_LOOKBACK)
        window = low[start : year.start()]
        for kind, pattern in _BEFORE_YEAR:
            m = _search_before_year(kind, pattern, window)
            if m:
                month, day = (m.group(1), m.group(2)) if kind == "mdy" else (m.group(2), m.group(1))
                iso = _iso(int(year.group(0)), _month_number(month), _day_number(day))
                if iso:
                    found.append(FoundDate(iso, start + m.start(), year.end()))
                break
    return found


def _numeric_dates(low: str) -> list[FoundDate]:
    matches = [
        (kind, m)
        for kind, pattern in _NUMERIC
        for m in pattern.finditer(low)
        if not (m.start() and low[m.start() - 1] in "0123456789/.-")
    ]
    day_first = _day_first(low, [m for kind, m in matches if kind == "num"])
    found = []
    for kind, m in matches:
        iso = _from_numeric(kind, m, day_first)
        if iso:
            found.append(FoundDate(iso, m.start(), m.end()))
    return found


# "Aug. 29, '25": a worded date with an apostrophe and a two-digit year (this century).
_SHORT_YEAR = re.compile(rf"(?<![a-z]){_MONTH}[ \t]+{_DAY}[ \t]*,?[ \t]*['\u2019](\d{{2}})\b")


def _short_year_dates(low: str) -> list[FoundDate]:
    if "'" not in low and "\u2019" not in low:
        return []
    found = []
    for m in _SHORT_YEAR.finditer(low):
        iso = _iso(2000 + int(m.group(3)), _month_number(m.group(1)), int(m.group(2)))
        if iso:
            found.append(FoundDate(iso, m.start(), m.end()))
    return found


def find_dates(low: str) -> list[FoundDate]:
    """Every parseable date, in text order, without overlaps."""
    found: list[FoundDate] = []
    for date in _worded_dates(low) + _numeric_dates(low) + _short_year_dates(low):
        if not any(date.start < other.end and other.start < date.end for other in found):
            found.append(date)
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> str | None:
    """The first date in a short string, as ISO, or None (used by tests and callers)."""
    dates = find_dates(normalize(text).low)
    return dates[0].iso if dates else None
