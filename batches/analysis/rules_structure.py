"""How much a paper is built like a notice, whatever words its demand uses: a cure order, an
"or else", a period counted from service, a proof of service (notice-law.md §2.1 items 4-7).
rules_kind uses it where no demand form is recognised, and to tell a notice to cure (which says
"this notice does not terminate your tenancy") from a paper that disclaims being a notice."""

from __future__ import annotations

from batches.analysis.rules_demand import is_own
from batches.analysis.rules_match import cue
from batches.analysis.rules_terms import SERVICE_SECTION

_CURE_TITLE = cue(r"notice to (?:cure|comply|perform|remedy|correct|cease)", literals=("notice to",))
_CURE_DEMAND = cue(
    r"\b(?:you|tenants?|residents?) (?:must|shall|are (?:hereby )?(?:required|directed|notified) to|have to|need to) "
    r"(?:\w+ ){0,2}?(?:cure|correct|remedy|comply with)\b[^.;]{0,160}\b(?:by|within|on or before|no later than)\b",
    literals=("cure", "correct", "remedy", "comply with"),
)
_CONSEQUENCE = cue(
    r"\bif (?:you|tenants?|residents?|the (?:violation|breach|rent|balance)(?: \w+){0,2}) (?:do not|don't|does not|fail"
    r"s? to|(?:is|are) not)\b[^.;]{0,140}\b(?:terminat\w*|evict\w*|court|unlawful detainer|legal action|proceeding|"
    r"lawsuit|possession)",
    literals=("if ",),
)
_FROM_SERVICE = cue(
    r"\bdays?\)? (?:after|from|of) (?:the (?:date|day) of )?(?:service|delivery|receipt)\b",
    literals=("service", "delivery", "receipt"),
)
MIN_STRUCTURE = 2  # two of the four cues: one alone (a repair "within 5 days after delivery") is common


def cure_notice(head: str, body: str) -> bool:
    """A notice to cure: its own title, or a sentence that tells the tenant to cure by a deadline."""
    return bool(any(is_own(head, m.start(), m.end()) for m in _CURE_TITLE.finditer(head)) or _CURE_DEMAND.search(body))


def notice_structure(low: str, body: str) -> int:
    """How many of the notice-structure cues the paper has (`low` keeps line breaks, `body` is flat)."""
    cues = (
        _CONSEQUENCE.search(body),
        _CURE_DEMAND.search(body),
        _FROM_SERVICE.search(body),
        SERVICE_SECTION.search(low),
    )
    return sum(bool(c) for c in cues)
