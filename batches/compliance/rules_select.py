"""Pick the rule that governs a notice: same (state, reason), latest effective date on or
before the notice's date.

When a state has no rule of its own for the reason, a related rule stands in, never one
with a cure right (conduct is not cured like a late payment, and a no-fault termination has
nothing to cure, so a rule built around a cure, like AZ 33-1368(A), would misjudge it) and
never a rule that forbids the notice type:
- a nuisance or illegal activity, in a state with one breach notice for every ground (TX,
  OH, IL, PA: reference §1.1): its nuisance, then its lease-violation rule;
- a no-fault ground the state does not name (an owner move-in, sale, demolition or withdrawal
  where there is no just-cause law, e.g. GA, MA at will): its no-cause termination rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

FALLBACK = {
    "illegal-activity": ("nuisance", "lease-violation"),
    "nuisance": ("lease-violation",),
    "owner-move-in": ("no-cause",),
    "sale": ("no-cause",),
    "demolition": ("no-cause",),
    "withdrawal-from-market": ("no-cause",),
}
PREDATES_NOTE = (
    "This notice predates every rule on file for this state and reason; the earliest rule was applied and needs review."
)


def _effective(rule: dict) -> date:
    value = rule["effective_date"]
    return value if isinstance(value, date) else date.fromisoformat(value)


def _can_stand_in(rule: dict) -> bool:
    """No cure right to misjudge by, and not a forbidden type (NJ no-cause is not allowed, yet its
    Anti-Eviction Act has its own no-fault grounds, so a sale there is no forbidden no-cause notice)."""
    return rule.get("cure_allowed") is not True and rule.get("type_allowed", True)


def select_rule(rules: Iterable[dict], *, state: str | None, reason: str | None, on_date: date | None) -> dict | None:
    """The rule with the latest effective_date <= on_date (today when None).

    When the notice predates every matching rule, returns a *copy* of the earliest rule
    with `needs_review=True` and PREDATES_NOTE prepended to `notes`, so the checker reports
    "needs review" instead of applying a law that may not have been in force. A fallback
    rule (module docstring) is a copy with `appliedForReason` set to the notice's reason.
    Returns None when no rule matches the state and reason.
    """
    wanted = (state or "").upper()
    rules = [r for r in rules if r["state"] == wanted]
    matching = sorted((r for r in rules if r["reason"] == reason), key=_effective)
    for fallback in FALLBACK.get(reason, ()) if not matching else ():
        matching = sorted((r for r in rules if r["reason"] == fallback and _can_stand_in(r)), key=_effective)
        if matching:
            matching = [{**r, "appliedForReason": reason} for r in matching]
            break
    if not matching:
        return None
    when = on_date or date.today()
    in_force = [r for r in matching if _effective(r) <= when]
    if in_force:
        return in_force[-1]
    earliest = dict(matching[0])
    earliest["needs_review"] = True
    earliest["notes"] = f"{PREDATES_NOTE} {earliest.get('notes', '')}".strip()
    return earliest
