"""Which state's law the notice invokes: statute citations, "laws of the State of X",
then the premises address. Runs on the lowercase copy."""

from __future__ import annotations

import re
from collections import Counter

from batches.analysis.rules_match import cue

STATE_NAMES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
    "kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
    "massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS",
    "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
    "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC",
    "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
    "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI",
    "wyoming": "WY", "district of columbia": "DC",
}  # fmt: skip
_CODES = set(STATE_NAMES.values())

# Citation forms that name one state's statutes without naming the state.
# (pattern, state, literals): literals where the pattern does not start with one.
_CITATIONS = (
    (r"california (?:code of civil procedure|civil code)|\bccp\s*(?:§\s*)?11[67]\d", "CA", None),
    (r"\brpapl\b|real property actions and proceedings|\brpl\b\s*(?:§\s*)?2\d\d", "NY", None),
    (r"texas property code|tex\.? prop\.? code", "TX", None),
    (r"fla\.? stat|florida statutes", "FL", None),
    (r"\bilcs\b", "IL", None),
    (r"\brcw\b|revised code of washington", "WA", None),
    (r"[o0]\.c\.g\.a|official code of georgia", "GA", ("c.g.a", "official code of georgia")),
    (r"ohio revised code|\bo\.r\.c\.? ?(?:§\s*)?\d{4}|\borc (?:§\s*)?\d{4}|revised code (?:§\s*)?1923", "OH",
     ("ohio revised code", "o.r.c", "orc ", "revised code")),
    (r"\b68 p\.s|\bp\.s\. (?:§\s*)?250", "PA", ("68 p", "p.s.")),
    (r"\ba\.r\.s\.?|arizona revised statutes", "AZ", ("a.r.s", "arizona revised statutes")),
    (r"n\.j\.s\.a|\b2a:18", "NJ", ("n.j.s.a", "2a:18")),
    (r"\bg\.?\s?l\.? c(?:h)?\.?\s?186|general laws,? chapter 186|massachusetts general laws", "MA",
     ("186", "massachusetts general laws")),
)  # fmt: skip
_CITATION_RES = tuple((cue(pattern, literals), code) for pattern, code, literals in _CITATIONS)
_NAMES_ALT = "|".join(sorted(STATE_NAMES, key=len, reverse=True))
_LAWS_OF = cue(rf"laws of the (?:state|commonwealth) of ({_NAMES_ALT})\b")
# "Sampleton, Texas 75000", "Sampleville, CA 90000", "Sample City CA 90002"
_ADDRESS_STATE = re.compile(rf"(?:,|\s)\s*({_NAMES_ALT}|[a-z]{{2}})\.?,?\s+\d{{5}}(?:-\d{{4}})?\b")


def state_from_citations(low: str) -> str | None:
    """The state whose statutes are cited most often (first cited wins a tie)."""
    hits: Counter[str] = Counter()
    first: dict[str, int] = {}
    for pattern, code in _CITATION_RES:
        for m in pattern.finditer(low):
            hits[code] += 1
            first[code] = min(first.get(code, m.start()), m.start())
    if not hits:
        return None
    return max(hits, key=lambda code: (hits[code], -first[code]))


def state_from_address(low: str) -> str | None:
    """The state most often named in an address line (name or USPS code before a ZIP)."""
    hits: Counter[str] = Counter()
    for m in _ADDRESS_STATE.finditer(low):
        token = m.group(1)
        code = STATE_NAMES.get(token) or (token.upper() if token.upper() in _CODES else None)
        if code:
            hits[code] += 1
    return hits.most_common(1)[0][0] if hits else None


def detect_state(low: str) -> str | None:
    """USPS code of the governing state, or None when the text does not say."""
    cited = state_from_citations(low)
    if cited:
        return cited
    laws = _LAWS_OF.search(low)
    if laws:
        return STATE_NAMES[laws.group(1)]
    return state_from_address(low)
