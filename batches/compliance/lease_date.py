"""The lease (or renewal) date a notice states, for rules that cover only leases entered or
renewed from a date (`lease_from_date`; GA 44-7-50(c), HB 404: leases from 2024-07-01).

"Lease Start: August 1, 2024", "LEASE DATE: Lease renewed August 1, 2025", "your lease dated
July 1, 2024", "contrato de arrendamiento firmado el 1 de agosto de 2024". The latest such
date counts, because a renewal brings an older lease under the newer rule.
"""

from __future__ import annotations

import re
from datetime import date

from batches.analysis.rules_dates import parse_date as parse_text_date

# The words a notice uses for the lease itself (lease_waiver reads them too).
LEASE_WORD = r"\b(?:lease|rental agreement|contrato(?: de arrendamiento)?)\b"

# The words between the lease and its verb must not name its end: "Lease End Date: June 30,
# 2026" or "lease terminates; date: ..." says when a lease stops, not when it was entered
# (a lease ending in 2026 may be from 2023), so it must not make a failure confident.
_LEASE_CUE = re.compile(
    LEASE_WORD + r"(?:(?!\b(?:end\w*|expir\w*|terminat\w*|termin[ao]\w*|venc\w*|finali\w*)\b)[^\n]){0,25}?"
    r"\b(?:start(?:s|ed)?|dated|date|entered(?: into)?|signed|renewed|began|begins|beginning|commenc\w*|"
    r"firmado|renovado|iniciado|con fecha)\b(?P<rest>[^\n]{0,60})",
    re.IGNORECASE,
)


def lease_date(text: str) -> date | None:
    """The latest lease or renewal date the text states, or None."""
    found, text, pos = [], text or "", 0
    # Resume inside the previous match's tail: "Lease signed March 1, 2023; lease renewed ..."
    while (match := _LEASE_CUE.search(text, pos)) is not None:
        iso = parse_text_date(match.group("rest"))
        if iso:
            found.append(date.fromisoformat(iso))
        pos = match.start("rest")
    return max(found) if found else None
