"""A cheap reason guess from a notice's title zone, made at upload time for 100,000s of
items (the preview's 'reason guess' and the template pre-warm). The real classification
is the analyzer's; a wrong guess only costs one extra cache lookup."""

from __future__ import annotations

import re

_TITLE_ZONE = 700
_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "not-a-notice",
        r"renewal\s+(lease\s+)?offer|rent\s+increase|summons|this\s+(letter|notice)\s+is\s+not\s+a\s+notice",
    ),
    ("owner-move-in", r"move[- ]in|owner\s+occupancy|personal(ly)?\s+occup"),
    (
        "non-payment",
        r"pay\s+rent|rent\s+demand|demand\s+for\s+rent|non-?payment|nonpayment|past\s+due|"
        r"pagar\s+la\s+renta|five\s+day\s+notice|sum\s+of",
    ),
    ("lease-violation", r"perform\s+covenant|breach|comply\s+or\s+vacate|cure|violat|non-?compliance"),
    ("nuisance", r"nuisance|disorderly"),
    ("illegal-activity", r"illegal|unlawful\s+(use|activity|business)|drug"),
    ("no-cause", r"terminat\w+\s+(of\s+)?tenancy|terminate\s+tenancy|no\s+reason|month-to-month"),
    ("holdover", r"holdover|non-?renewal|lease\s+(has\s+)?expire"),
)
# First match in this order wins. Unicode IGNORECASE is ~3x slower than a case-sensitive
# search (and it folds a few non-ASCII letters, e.g. U+017F to 's'), so an ASCII zone is
# lowercased once and searched with case-sensitive patterns: the same matches on ASCII text.
_RULES = tuple((reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in _PATTERNS)
_ASCII_RULES = tuple((reason, re.compile(pattern)) for reason, pattern in _PATTERNS)


def _deocr(text: str) -> str:
    # Title words are often OCR'd with 0 for O and 1/l swapped; letters matter here.
    return text.replace("0", "o").replace("1", "l")


def guess_reason(text: str) -> str:
    # The patterns hold no digits, so searching the de-OCR'd zone alone is enough.
    zone = _deocr(text[:_TITLE_ZONE])
    rules = _RULES
    if zone.isascii():
        zone, rules = zone.lower(), _ASCII_RULES
    for reason, pattern in rules:
        if pattern.search(zone):
            return reason
    return "other"
