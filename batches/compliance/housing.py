"""Whether a notice shows public or subsidised housing, where a lease may not shorten or
waive the statutory period (PA 68 P.S. 250.501(e), per North Penn Legal Services; reference
§1.2 Pennsylvania). Only the program's own names count: a bare "Section 8" is often a lease
clause ("in breach of Section 8 of your lease"), and a housing authority may be the landlord
of an unsubsidised unit."""

from __future__ import annotations

import re

_SUBSIDISED = re.compile(
    r"\bhousing\s+choice\s+vouchers?\b|\bhousing\s+assistance\s+payments?\b|"
    r"\bsection\s*8\s+(?:housing|vouchers?|program|tenancy|tenant|contract|unit|assistance|subsidy|project[- ]based)\b|"
    r"\(\s*section\s*8\s*\)|\bpublic\s+housing\b|\bproject[- ]based\s+(?:rental\s+)?assistance\b|"
    r"\bvivienda\s+p[uú]blica\b|\bvales?\s+de\s+elecci[oó]n\s+de\s+vivienda\b|\bsecci[oó]n\s*8\s+(?:de\s+)?vivienda\b",
    re.IGNORECASE,
)


def shows_subsidised_housing(text: str) -> bool:
    """True when the text names a subsidy program (voucher, HAP contract, public housing)."""
    return bool(_SUBSIDISED.search(text or ""))
