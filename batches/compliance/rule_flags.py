"""Machine-readable flags carried in `StateNoticeRule.notes` until the model grows fields
for them (see templates_app/defaults/state_rules.py for the list). The checker also reads
`[flag:ends-on-rent-day=1]`: the termination must fall on a rent day (batches.compliance.rent_day)."""

from __future__ import annotations

import re

FLAG_RE = re.compile(r"\[flag:([a-z-]+)=([^\]]*)\]")


def rule_flags(rule: dict | None) -> dict[str, str]:
    """All `[flag:name=value]` tokens in the rule's notes, as {name: value}."""
    return dict(FLAG_RE.findall((rule or {}).get("notes") or ""))


def int_flag(rule: dict | None, name: str) -> int | None:
    """An integer flag, or None when absent or malformed."""
    value = rule_flags(rule).get(name)
    return int(value) if value is not None and value.strip().isdigit() else None


def strip_flags(text: str) -> str:
    """Notes for people: the flags removed."""
    return re.sub(r"\s+", " ", FLAG_RE.sub("", text or "")).strip()
