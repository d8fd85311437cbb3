"""Small probes the rules tests share: the demands one sentence makes, the dates a notice gives."""

from __future__ import annotations

from batches.analysis.rules import extract_facts
from batches.analysis.rules_demand import Demand, demands
from batches.analysis.textnorm import normalize

ROLES = ("noticeDate", "serviceDate", "deadlineDate", "tenancyStartDate")


def demands_in(sentence: str) -> list[Demand]:
    """The demands `demands` finds in `sentence`, normalized as the extractor normalizes text."""
    return demands(normalize(sentence).flat)


def date_roles(text: str) -> dict[str, str | None]:
    """The four date roles `extract_facts` gives `text`."""
    facts = extract_facts(text)
    return {role: facts[role] for role in ROLES}
