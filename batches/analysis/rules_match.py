"""Regexes with a literal prefilter, to keep the extractor above 500 notices/second.

Python's `re` scans a 1.5 KB notice in ~10 µs per pattern even when nothing matches,
and the classifiers run dozens of cue patterns. Most cues are alternations of phrases
that start with a literal ("pay or quit|rent demand"), so a plain substring test
(`"pay or" in text`, implemented in C with fast search) can prove "no match" far
cheaper. `cue()` derives those literals from the pattern itself; an alternative that
does not start with a literal disables the prefilter, so the result is always exactly
what the bare regex would return.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_META = set("\\[](){}?*+.|^$")
_QUANTIFIERS = set("?*{")
_MIN_LITERAL = 3


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _leading_literal(alternative: str) -> str | None:
    if alternative.startswith("\\b"):
        alternative = alternative[2:]
    prefix = []
    for i, ch in enumerate(alternative):
        if ch in _META or ch == " " and i == 0:
            if ch in _QUANTIFIERS and prefix:
                prefix.pop()  # "non-?payment": the "-" is optional
            break
        prefix.append(ch)
    literal = "".join(prefix)
    return literal if len(literal) >= _MIN_LITERAL else None


def literals_for(pattern: str) -> tuple[str, ...] | None:
    """The literals one of which any match must start with, or None if unknown."""
    literals = []
    for alternative in _top_level_alternatives(pattern):
        literal = _leading_literal(alternative)
        if literal is None:
            return None
        literals.append(literal)
    return tuple(dict.fromkeys(literals))


class Cue:
    """A compiled regex that skips the scan when none of its leading literals occurs.

    `search` and `finditer` are closures built once per cue rather than methods: the
    prefilter runs ~150 times per notice, and a method calling a helper calling a
    generator expression cost more than the substring tests themselves. A cue without
    literals hands out the bound regex methods directly.
    """

    __slots__ = ("finditer", "literals", "pattern", "regex", "search")

    def __init__(self, pattern: str, literals: tuple[str, ...] | None = None) -> None:
        self.regex = re.compile(pattern)
        self.pattern = pattern
        self.literals = literals if literals is not None else literals_for(pattern)
        self.search, self.finditer = _prefiltered(self.regex, self.literals)


def _prefiltered(regex: re.Pattern, literals: tuple[str, ...] | None):
    """`search(text, pos=0)` and `finditer(text, pos=0)` for `regex` behind the prefilter."""
    if literals is None:
        return regex.search, regex.finditer
    rx_search, rx_finditer = regex.search, regex.finditer
    if len(literals) == 1:
        [literal] = literals

        def search(text: str, pos: int = 0) -> re.Match | None:
            return rx_search(text, pos) if literal in text else None

        def finditer(text: str, pos: int = 0) -> Iterator[re.Match]:
            return rx_finditer(text, pos) if literal in text else iter(())

        return search, finditer

    # `map` over the bound `__contains__` keeps the loop in C (no generator frame).
    def search(text: str, pos: int = 0) -> re.Match | None:
        return rx_search(text, pos) if any(map(text.__contains__, literals)) else None

    def finditer(text: str, pos: int = 0) -> Iterator[re.Match]:
        return rx_finditer(text, pos) if any(map(text.__contains__, literals)) else iter(())

    return search, finditer


def cue(pattern: str, literals: tuple[str, ...] | None = None) -> Cue:
    """Compile `pattern` (lowercase text only) with an automatic literal prefilter.

    Pass `literals` explicitly when every match is known to contain one of them
    but the pattern does not start with a literal.
    """
    return Cue(pattern, literals)
