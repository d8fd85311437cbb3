"""Regexes with a literal prefilter, to keep the extractor above 500 notices/second.

Python's `re` scans a 1.5 KB notice in ~10 µs per pattern even when nothing matches,
and the classifiers run dozens of cue patterns. Most cues are alternations of phrases
that start with a literal ("pay or quit|rent demand"), so a plain substring test
(`"pay or" in text`, implemented in C with fast search) can prove "no match" far
cheaper. `cue()` derives those literals from the pattern itself; an alternative that
does not start with a literal disables the prefilter, so the result is always exactly
what the bare regex would return. When the text does hold a literal, `skippable()` has
rewritten the pattern so that `re` itself can skip to the positions where a match may start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_META = set("\\[](){}?*+.|^$")
_QUANTIFIERS = set("?*{")
_MIN_LITERAL = 3


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
    for alternative in _split_alternatives(pattern):
        literal = _leading_literal(alternative)
        if literal is None:
            return None
        literals.append(literal)
    return tuple(dict.fromkeys(literals))


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def skippable(pattern: str) -> str:
    """`pattern` with each top-level alternative `\\bx...` (x a letter or digit, not quantified)
    written `x(?<!\\wx)...`: the same matches, since a word boundary before a word character
    means no word character (or nothing) before it. An alternative `\\b(?:a|b)rest` is first
    spread into `\\barest|\\bbrest` (same order of trial, so the same matches) when the pattern
    has no capturing group to renumber. A leading `\\b` or group keeps `re` from skipping
    ahead: it tries every alternative at every position; when every alternative starts with a
    literal character, `re` jumps to the positions holding one of them."""
    spread = not _has_capturing_group(pattern)
    out = []
    for alt in _split_alternatives(pattern):
        boundary = alt.startswith("\\b(?:")
        if spread and (boundary or alt.startswith("(?:")):
            at = 2 if boundary else 0
            end = _group_end(alt, at)
            inner = _split_alternatives(alt[at + 3 : end - 1])
            rest = alt[end:]
            starts = _word_char_follows if boundary else _literal_follows
            if rest[:1] not in ("?", "*", "+", "{") and all(starts(part, 0) for part in inner):
                guard = "(?<!\\w{})" if boundary else ""
                out.extend(part[0] + guard.format(part[0]) + part[1:] + rest for part in inner)
                continue
        if alt.startswith("\\b") and _word_char_follows(alt, 2):
            alt = f"{alt[2]}(?<!\\w{alt[2]}){alt[3:]}"
        out.append(alt)
    return "|".join(out)


def _structure(pattern: str, i: int = 0) -> Iterator[tuple[int, str]]:
    """`(index, char)` for each character of `pattern` from `i` on, skipping escapes and
    character classes: the one walker behind the splitter and the group scans."""
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
        elif ch == "[":
            i = _class_end(pattern, i)
        else:
            yield i, ch
            i += 1


def _split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (escapes, classes and groups respected)."""
    parts, depth, start = [], 0, 0
    for i, ch in _structure(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str, i: int) -> int:
    """The index after the group opened at `i`."""
    depth = 0
    for j, ch in _structure(pattern, i):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _has_capturing_group(pattern: str) -> bool:
    return any(
        ch == "(" and (pattern[i + 1 : i + 2] != "?" or pattern[i + 2 : i + 3] == "P") for i, ch in _structure(pattern)
    )


def _word_char_follows(pattern: str, i: int) -> bool:
    """A plain letter or digit at `i`, not made optional or repeated by what follows it."""
    return i < len(pattern) and pattern[i] in _ASCII_WORD and pattern[i + 1 : i + 2] not in ("?", "*", "+", "{")


def _literal_follows(pattern: str, i: int) -> bool:
    """A plain (unescaped, non-special) character at `i`, not made optional or repeated."""
    return i < len(pattern) and pattern[i] not in _META and pattern[i + 1 : i + 2] not in ("?", "*", "+", "{")


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class opened at `i` ("[^]x]" and "[]x]" hold a "]")."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


class Cue:
    """A compiled regex that skips the scan when none of its leading literals occurs.

    `search` and `finditer` are closures built once per cue rather than methods: the
    prefilter runs ~150 times per notice, and a method calling a helper calling a
    generator expression cost more than the substring tests themselves. A cue without
    literals hands out the bound regex methods directly.
    """

    __slots__ = ("finditer", "literals", "pattern", "regex", "search")

    def __init__(self, pattern: str, literals: tuple[str, ...] | None = None) -> None:
        self.regex = re.compile(skippable(pattern))
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
