"""Text normalisation for OCR'd and PDF-extracted notice text.

Two copies come out of `normalize`:

* `fixed` keeps case and line structure (names, addresses and the line-oriented
  extractors read it) but repairs the OCR confusions that break parsing: digit/letter
  swaps inside numbers ("$l,425.OO", "2O25") and inside words ("Samp1e", "N0TICE"),
  and end-of-line hyphenation ("PREM-\\nISES").
* `low` is lowercased, accent-free and has split keywords re-joined ("vaca te"); the
  classifiers match against it. It has the same length and offsets as `fixed`.
* `flat` is `low` with every line break read as a space, for phrase cues that a line wrap
  would otherwise split ("does\nnot end your lease"). Same length and offsets again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# OCR puts l/I for 1 and O/o for 0 inside numbers, amounts and ZIP codes, and 0/1 for
# O/l inside words. Both fixes start from a cheap two-character seed (a confusable next
# to a digit, a 0/1 next to a letter, an "l" touching a capital) and widen it to the
# whole run in Python: regexes that test every word were the extractor's hottest loop.
# Each seed is matched from its digit (a look-behind finds a confusable before it): a
# pattern starting with [lIOo] would stop at every "o" and "l" of the prose. `_fix_runs`
# widens any seed to its whole run, so where inside the run a seed starts never matters.
_NUMBER_SEED = re.compile(r"[0-9][,./]?[lIOo]|[0-9](?<=[lIOo][0-9])|[0-9](?<=[lIOo][,./][0-9])")
_NUMBER_CHARS = frozenset("0123456789lIOo,./")
_DIGIT_MAP = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
# Same trick: start at the 0/1/l, not at every letter.
_WORD_SEED = re.compile(r"[01](?<=[A-Za-z][01])|[01][A-Za-z]|l(?<=[A-Z]l)|l[A-Z]")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|ST|ND|RD|TH)")
# Hyphen at end of line followed by a lowercase continuation, or an all-caps split.
# Matched from the "-" (the letter is a look-behind) so that `re` skips straight to hyphens.
_HYPHEN_BREAK = re.compile(r"-(?<=[A-Za-z]-)[ \t]*\n[ \t]*(?=[a-z]|[A-Z]{2})")
_ACCENTS = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")

# Keywords that OCR sometimes splits with a stray space ("vaca te", "possess ion").
# Re-joined in the lowercase copy only, where a false join costs nothing visible.
_SPLIT_KEYWORDS = (
    "vacate",
    "possession",
    "premises",
    "terminate",
    "terminated",
    "termination",
    "tenancy",
    "notice",
    "landlord",
    "tenant",
    "quit",
    "demand",
    "eviction",
    "nonpayment",
    "proceedings",
    "covenant",
    "surrender",
)


def _split_word_pattern(words: tuple[str, ...]) -> str:
    """`\b(?:v ?a ?c ?a ?t ?e|...)\b`, written so that `re` can skip ahead: each alternative
    starts at its first letter (the leading `\b` is a look-behind after it) and the keywords
    sharing that letter are one group, in their original order. A leading `\b` would make
    `re` try every keyword at every position of the text."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word)
    alternatives = (
        rf"{first}(?<!\w{first})(?:" + "|".join("".join(" ?" + ch for ch in word[1:]) for word in group) + ")"
        for first, group in groups.items()
    )
    return "(?:" + "|".join(alternatives) + r")\b"


_SPLIT_WORD = re.compile(_split_word_pattern(_SPLIT_KEYWORDS))


# Two-character tokens where a 0/1/l swap is unambiguous and the word matters
# ("T0:" starts the tenant line).
_SHORT_FIXES = {
    "T0": "TO",
    "t0": "to",
    "N0": "NO",
    "0F": "OF",
    "0f": "of",
    "0N": "ON",
    "0n": "on",
    "0R": "OR",
    "0r": "or",
    "1N": "IN",
    "1F": "IF",
    "1S": "IS",
    "1T": "IT",
}


@dataclass(frozen=True)
class NormalizedText:
    """The working copies of one notice text (fixed, low, and low read flat)."""

    fixed: str
    low: str
    flat: str


def _fix_runs(text: str, seed: re.Pattern, chars: frozenset, fix) -> str:
    """Apply `fix(run, before, after)` to every maximal run of `chars` holding a seed."""
    out, last = [], 0
    for m in seed.finditer(text):
        if m.start() < last:
            continue
        start, end = m.start(), m.end()
        while start > last and text[start - 1] in chars:
            start -= 1
        while end < len(text) and text[end] in chars:
            end += 1
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        out.append(text[last:start])
        out.append(fix(text[start:end], before, after))
        last = end
    out.append(text[last:])
    return "".join(out)


def _fix_number_run(run: str, before: str, after: str) -> str:
    # A run glued to letters is part of a word ("Samp1e"), not a number.
    if before in _LETTERS or after in _LETTERS or not any(ch.isdigit() for ch in run):
        return run
    return run.translate(_DIGIT_MAP)


def _fix_word(word: str, before: str = "", after: str = "") -> str:
    if word in _SHORT_FIXES:
        return _SHORT_FIXES[word]
    letters = sum(ch.isalpha() for ch in word)
    # Unit numbers ("10B", "Apt 1A") have one letter: leave those alone, except a
    # lowercase word such as "a11" (all) that no address would contain.
    one_letter_word = letters == 1 and len(word) >= 3 and word[0].islower()
    if (letters < 2 and not one_letter_word) or _ORDINAL.fullmatch(word):
        return word
    upper = sum(ch.isupper() for ch in word) * 2 > letters
    if word.translate(str.maketrans("", "", "01")).isalpha():
        initial_zero = word[0] == "0"
        if upper and "11" in word:
            word = word.replace("11", "LL")  # "A11" is far more often ALL than AII
        word = word.replace("0", "O" if upper else "o").replace("1", "I" if upper else "l")
        if initial_zero:
            word = "O" + word[1:]  # "0ctober", "0wner": a leading 0 is a capital O
    if upper and "l" in word:
        word = word.replace("l", "I")  # "NOTlCE": a lowercase l inside caps is an I
    return word


def fix_ocr(text: str) -> str:
    """Repair hyphenation and digit/letter confusions; keeps case and line breaks."""
    text = _HYPHEN_BREAK.sub("", text)
    text = _fix_runs(text, _NUMBER_SEED, _NUMBER_CHARS, _fix_number_run)
    text = _PERIOD_FIGURE.sub(lambda m: m.group().translate(_DIGIT_MAP), text)
    return _fix_runs(text, _WORD_SEED, _WORD_CHARS, _fix_word)


# A period's figure with no true digit left: "TEN (lO) DAYS", "(l4) days" is a number run already.
# Only before a day word: "(II)" alone is a roman numeral.
_PERIOD_FIGURE = re.compile(r"\((?:[lI][lIOo])\)(?=\s*(?i:days?|dias|business|court|calendar|judicial)\b)")


def fold(text: str) -> str:
    """Lowercase, strip Spanish accents and re-join split keywords.

    Keeps every character offset of `text` (a re-joined word is padded with a trailing
    space), so a match position in the folded copy is valid in the fixed copy too.
    """
    low = text.translate(_ACCENTS).lower()
    if len(low) != len(text):  # rare Unicode case mappings that change length
        low = "".join(ch.lower()[:1] for ch in text.translate(_ACCENTS))
    return _SPLIT_WORD.sub(_join_split, low)


def _join_split(match: re.Match) -> str:
    word = match.group(0)
    joined = word.replace(" ", "")
    return joined + " " * (len(word) - len(joined))


# Some PDF extractions put two spaces between every word ("pay  rent  or  quit"), which
# defeats every multi-word cue. Column gaps (3+ spaces) are left alone.
_DOUBLE_GAP = re.compile(r"(?<=\S)  (?=\S)")
_GAPS = re.compile(r"(?<=\S) {1,2}(?=\S)")
_MIN_DOUBLE_GAPS = 20
_SPACING_SAMPLE = 1500


_MIN_LINE_DOUBLE_GAPS = 3


def undouble_spaces(text: str) -> str:
    """Collapse exactly-two-space word gaps when they outnumber single spaces: in the whole
    document, else line by line (OCR often doubles the gaps of some lines only)."""
    count = text.count("  ")
    if count < _MIN_LINE_DOUBLE_GAPS:  # cheap exit for many notices
        return text
    if count >= _MIN_DOUBLE_GAPS:
        gaps = _GAPS.findall(text, 0, _SPACING_SAMPLE)  # the spacing style shows early on
        doubled = sum(len(gap) == 2 for gap in gaps)
        if doubled >= _MIN_DOUBLE_GAPS and doubled * 2 > len(gaps):
            return _DOUBLE_GAP.sub(" ", text)
    return "\n".join(_undouble_line(line) for line in text.split("\n"))


def _undouble_line(line: str) -> str:
    if line.count("  ") < _MIN_LINE_DOUBLE_GAPS:
        return line
    gaps = _GAPS.findall(line)
    doubled = sum(len(gap) == 2 for gap in gaps)
    if doubled < _MIN_LINE_DOUBLE_GAPS or doubled * 2 <= len(gaps):
        return line
    return _DOUBLE_GAP.sub(" ", line)


def normalize(text: str) -> NormalizedText:
    """Both working copies of `text` (see the module docstring)."""
    fixed = fix_ocr(undouble_spaces(text.replace("\r\n", "\n").replace("\r", "\n")))
    low = fold(fixed)
    return NormalizedText(fixed=fixed, low=low, flat=low.replace("\n", " "))
