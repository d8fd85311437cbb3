"""Score an analyzer against labeled notices (the format of shared/samples/notices.json).

Pure: the caller passes `analyze(label_entry) -> analysisResults-like dict`, so the same
scorer serves the rules analyzer, the LLM analyzer and the full pipeline.

Two conventions bridge the label format and the result contract, and only these two:
- `notice_days` is in days. A result that counts in hours (`dayCounting: hours`, noticeDays 72)
  is compared as days when the hours are whole days (72 hours = 3 days); otherwise it misses.
- DESIGN.md's reason list folds the other no-fault grounds into `other`; the result may name
  them (`demolition`, `withdrawal-from-market`, `sale`, reference notice-law.md §0). Such a
  finer ground matches a label of `other`; a label naming the ground needs that ground.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FIELDS = ("reason", "isEvictionNotice", "noticeDays", "amountDue", "meetsStatutoryMinimum")
AMOUNT_TOLERANCE = 0.005


def _expected(label: dict, field: str) -> Any:
    expected = label["expected"]
    if field == "reason":
        return expected["reason"]
    if field == "isEvictionNotice":
        return expected["reason"] != "not-a-notice"
    if field == "noticeDays":
        return expected["notice_days"]
    if field == "amountDue":
        return expected["amount_due"]
    return expected["meets_statutory_minimum"]


# The no-fault grounds DESIGN.md's `other` covers (the schema names them separately).
OTHER_GROUNDS = frozenset({"demolition", "withdrawal-from-market", "sale"})
HOURS_PER_DAY = 24


def _actual(result: dict, field: str) -> Any:
    if field == "meetsStatutoryMinimum":
        return (result.get("compliance") or {}).get("meetsStatutoryMinimum")
    notice = result.get("notice") or {}
    value = notice.get(field)
    if field == "noticeDays" and notice.get("dayCounting") == "hours" and value is not None:
        return value // HOURS_PER_DAY if value % HOURS_PER_DAY == 0 else f"{value} hours"
    return value


def _matches(field: str, expected: Any, actual: Any) -> bool:
    if field == "amountDue" and expected is not None and actual is not None:
        return abs(float(expected) - float(actual)) <= AMOUNT_TOLERANCE
    if field == "reason" and expected == "other":
        return actual == "other" or actual in OTHER_GROUNDS
    return expected == actual


def evaluate(labels: list[dict], analyze: Callable[[dict], dict]) -> dict:
    """Per-field accuracy and every miss. meetsStatutoryMinimum is scored only where the
    label is not null (null means the law gives no clear answer)."""
    counts = {field: {"correct": 0, "scored": 0} for field in FIELDS}
    misses = []
    for label in labels:
        result = analyze(label)
        for field in FIELDS:
            expected = _expected(label, field)
            if field == "meetsStatutoryMinimum" and expected is None:
                continue
            actual = _actual(result, field)
            counts[field]["scored"] += 1
            if _matches(field, expected, actual):
                counts[field]["correct"] += 1
            else:
                misses.append({"id": label["id"], "field": field, "expected": expected, "actual": actual})
    fields = {
        field: {**c, "accuracy": c["correct"] / c["scored"] if c["scored"] else None} for field, c in counts.items()
    }
    return {"total": len(labels), "fields": fields, "misses": misses}
