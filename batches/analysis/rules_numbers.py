"""Numbers written in words, money amounts and notice periods ("THREE (3) DAYS")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
    # Spanish, accent-free (the lowercase copy has accents stripped).
    "uno": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21,
    "veintiuno": 21, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
    "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
    # "once" (11) is left out: it is an English word ("vacate at once").
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "cien": 100, "ciento": 100, "mil": 1000}
_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True))
_WORDS_RUN = rf"(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+|y\s+)?(?:{_NUMBER_WORD}))*"

# "$1,425.00", "$ 900", "1,050.00 dollars"; amounts are read from the OCR-fixed text.
_FIGURE = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?"
# "$3.750,00": thousands dots and decimal comma (a Spanish-language notice); only with both,
# so "$1.50" stays a dollar and a half.
_FIGURE_DECIMAL_COMMA = r"(\d{1,3}(?:\.\d{3})+),(\d{2})(?!\d|,\d)"
# A form's blank may sit between the sign and the figure ("$____ 1,450.00", "($  220.00)").
_SIGN = r"\$(?:[ \t_]{0,12}|\s)"
AMOUNT_RE = re.compile(
    rf"{_SIGN}(?:{_FIGURE_DECIMAL_COMMA}|{_FIGURE})|(?<![/\d.,])\b{_FIGURE}\s?(?:dollars|dolares|usd)\b",
    re.IGNORECASE,
)
# "one thousand fifty and 00/100 dollars" (matched against the lowercase copy).
WORDS_AMOUNT_RE = re.compile(rf"\b({_WORDS_RUN})(?:\s+and\s+(\d{{2}})/100)?\s+(?:dollars|dolares)\b")

_UNIT_WORD = (
    r"(?:(?:calendar|court|business|judicial|working|full|clear|consecutive|entire|natural(?:es)?|habiles)[\s-]+)?"
)
_PERIOD_UNIT = r"(days?|day's|days'|dias?|months?|meses|mes|hours?|horas?)"
# "three (3) days", "fourteen-day", "30-day", "3 dias", "two (2) months", "3 (three) days",
# "(30) days" after an OCR-mangled word, "thirty (30) full days".
PERIOD_RE = re.compile(
    rf"\b(?:({_WORDS_RUN})[\s-]*(?:\(\s*(\d{{1,3}})\s*\))?|(\d{{1,3}})(?:\s*\(\s*(?:{_WORDS_RUN})\s*\)|\s*\))?)"
    rf"[\s-]*{_UNIT_WORD}{_PERIOD_UNIT}(?![a-z])"
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "thirtieth": 30, "sixtieth": 60, "ninetieth": 90,
}  # fmt: skip
# "on or before the 14th day after service", "by the fourteenth day after you receive it".
ORDINAL_DAY_RE = re.compile(
    rf"\bthe (?:(\d{{1,3}})(?:st|nd|rd|th)|({'|'.join(sorted(_ORDINALS, key=len, reverse=True))}))"
    rf" {_UNIT_WORD}day (?=after|from|following|of (?:service|delivery|receipt))"
)


_WORD_GAP = re.compile(r"[\s-]+")  # compiled once: words_to_int runs for every period and worded amount


def words_to_int(words: str) -> int | None:
    """'one thousand fifty' -> 1050; None when a word is not a number word."""
    total, current = 0, 0
    for token in _WORD_GAP.split(words.strip()):
        if token in ("and", "y", ""):
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _SCALES:
            scale = _SCALES[token]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def figure_value(whole: str, cents: str | None) -> float:
    """'1,425' + '00' -> 1425.0."""
    return float(whole.replace(",", "")) + (int(cents) / 100 if cents else 0.0)


@dataclass(frozen=True)
class Amount:
    """One money amount with its position in the fixed text."""

    value: float
    start: int
    end: int


def find_amounts(fixed: str, low: str) -> list[Amount]:
    """Every amount in figures, plus amounts written only in words."""
    found = []
    for m in AMOUNT_RE.finditer(fixed):
        if m.group(1):
            whole, cents = m.group(1).replace(".", ""), m.group(2)
        else:
            whole, cents = (m.group(3), m.group(4)) if m.group(3) else (m.group(5), m.group(6))
        found.append(Amount(figure_value(whole, cents), m.start(), m.end()))
    # Worded amounts always end in "dollars"/"dolares"; skip the costly scan otherwise.
    worded = WORDS_AMOUNT_RE.finditer(low) if "dol" in low else ()
    for m in worded:
        value = words_to_int(m.group(1))
        # A worded amount usually restates the figure next to it ("FIFTY DOLLARS ($50.00)",
        # "$1,470.00 (mil cuatrocientos setenta dolares)"): the figure is the amount then,
        # even when the words were read only in part.
        if value and not _figure_next_to(found, m.start(), m.end()):
            cents = int(m.group(2)) / 100 if m.group(2) else 0.0
            found.append(Amount(value + cents, m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def _figure_next_to(found: list[Amount], start: int, end: int) -> bool:
    return any(0 <= a.start - end <= 6 or 0 <= start - a.end <= 8 for a in found)


@dataclass(frozen=True)
class Period:
    """A stated period: count and unit ('day', 'month', 'hour'), with position."""

    count: int
    unit: str
    start: int
    end: int


def find_periods(low: str) -> list[Period]:
    """All "N days/months/hours" phrases in the lowercase text."""
    periods = []
    for m in PERIOD_RE.finditer(low):
        count = _period_count(m)
        if count:
            periods.append(Period(count, _unit(m.group(4)), m.start(), m.end()))
    if "day " in low and "the " in low:
        for m in ORDINAL_DAY_RE.finditer(low):
            count = int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2)]
            periods.append(Period(count, "day", m.start(), m.end()))
        periods.sort(key=lambda p: p.start)
    return periods


def _period_count(m: re.Match) -> int | None:
    if m.group(3):
        return int(m.group(3))
    if m.group(2):
        return int(m.group(2))
    return words_to_int(m.group(1)) if m.group(1) else None


def _unit(word: str) -> str:
    if word.startswith(("month", "mes")):
        return "month"
    if word.startswith(("hour", "hora")):
        return "hour"
    return "day"
