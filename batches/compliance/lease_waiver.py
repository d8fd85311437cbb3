"""Whether a notice itself invokes a lease term on the notice period (TX 24.005(a) and PA
250.501(e): a written lease may shorten or waive the statutory period).

A short notice that cites no such term is checked against the statute, as a paralegal would:
"3 days unless your lease says otherwise, and the notice does not say it does". One that
points to the lease for its period ("as your lease allows, you have 24 hours to vacate",
"under paragraph 9 of your lease you agreed to four days' notice", "the tenant waived notice
to quit") cannot be judged without the lease, so it needs review.
"""

from __future__ import annotations

import re

from batches.compliance.lease_date import LEASE_WORD

# A sentence: up to a period followed by a space or a blank line; a lone line break is a wrap.
_SENTENCE = re.compile(r"[^.;]+(?:\.(?!\s)[^.;]*)*", re.DOTALL)
_LEASE = re.compile(LEASE_WORD, re.IGNORECASE)
# A period: a count with its unit ("one (1) day", "24 hours", "tres días"), or the notice period itself.
_PERIOD = re.compile(
    r"(?:\b\d+\)?|\b(?:one|two|three|four|five|six|seven|ten|fourteen|fifteen|twenty|thirty|twenty-four|"
    r"forty-eight|seventy-two|un|una|dos|tres|cinco|diez))[\s-]+(?:\(\d+\)\s*)?(?:business |calendar |court )?"
    r"(?:days?|hours?|d[ií]as?|horas?)\b|\bnotice (?:period|requirement)\b|\bdays?'? notice\b|\bplazo\b",
    re.IGNORECASE,
)
_PROVISION = re.compile(
    r"\b(?:as|is|was) (?:provided|permitted|allowed|required|set (?:out|forth)|specified|stated)\b|"
    r"\b(?:provides?|permits?|allows?|sets?|calls for|specifies)\b|\bpursuant to\b|\bin accordance with\b|"
    r"\b(?:under|per|by) (?:paragraph|section|clause|article|the terms of)\b|\bagreed\b|"
    r"\bseg[uú]n\b|\bde acuerdo con\b|\bconforme (?:a|al)\b",
    re.IGNORECASE,
)
_WAIVER = re.compile(
    r"\bwaive[ds]?\b[^.;]{0,60}?\bnotice\b|\bwaiver of (?:the )?(?:right to )?notice\b|"
    r"\bnotice\b[^.;]{0,40}?\bwaived\b|"
    r"\brenunci\w*\b[^.;]{0,60}?\baviso\b",
    re.IGNORECASE,
)


def cites_lease_period(text: str) -> bool:
    """True when a sentence ties the notice period to the lease, or says notice was waived."""
    for sentence in _SENTENCE.findall(text or ""):
        if _WAIVER.search(sentence):
            return True
        if _LEASE.search(sentence) and _PERIOD.search(sentence) and _PROVISION.search(sentence):
            return True
    return False
