"""Whether a notice shows that a just-cause law covers the unit (CA Civ. Code 1946.2, AB 1482;
reference §1.2 California: exempt are, among others, housing less than 15 years old, an
owner-occupied duplex, and a single-family home or condo not owned by a corporation or REIT
when the exemption notice was given).

The text usually cannot show coverage, so a no-cause notice after a long tenancy needs review.
It can when it says so ("this unit is subject to Civil Code 1946.2"), or when it states facts
that rule out the common exemptions: a building at least 15 years old that is an apartment
building of three or more units, or that a company owns. The statutory exemption statement
("not subject to the just cause requirements of Section 1946.2") claims the exemption.
"""

from __future__ import annotations

import re
from datetime import date

_EXEMPT = re.compile(
    r"\bnot\s+subject\s+to\s+the\s+just\s+cause\s+requirements\b|\bexempt\s+from\s+(?:the\s+)?(?:just\s+cause|"
    r"(?:civil\s+code\s+)?(?:section\s+|§\s*)?1946\.2|ab\s*1482|the\s+tenant\s+protection\s+act)",
    re.IGNORECASE,
)
_COVERED = re.compile(
    r"(?<!not )\b(?:is|are)\s+(?:subject\s+to|covered\s+by)\s+(?:the\s+)?(?:just\s+cause\s+(?:requirements|"
    r"provisions)\s+of\s+)?(?:(?:california\s+)?civil\s+code\s+)?(?:section\s+|§\s*)?(?:1946\.2|ab\s*1482|"
    r"(?:the\s+)?tenant\s+protection\s+act)",
    re.IGNORECASE,
)
_BUILT = re.compile(
    r"\b(?:built|constructed|completed)\s+in\s+((?:19|20)\d\d)\b|\byear\s+built:?\s*((?:19|20)\d\d)\b", re.I
)
_UNITS = re.compile(r"\b(\d{1,4})[- ]unit\s+(?:apartment\s+)?(?:building|complex|property)\b", re.IGNORECASE)
_COMPANY_OWNER = re.compile(
    r"\bowned\s+by\s+[^.\n]{0,60}?\b(?:LLC|L\.L\.C\.|Inc\.?|Corp(?:oration)?\.?|LP|L\.P\.|REIT)\b", re.IGNORECASE
)


def shows_coverage(text: str, on: date | None) -> bool | None:
    """True when the text shows the unit is covered, False when it claims the exemption, None
    when it does not say."""
    text = text or ""
    if _EXEMPT.search(text):
        return False
    if _COVERED.search(text):
        return True
    built = _BUILT.search(text)
    year = int(built.group(1) or built.group(2)) if built else None
    if year is None or on is None or on.year - year < 15:
        return None
    units = _UNITS.search(text)
    if (units and int(units.group(1)) >= 3) or _COMPANY_OWNER.search(text):
        return True
    return None
