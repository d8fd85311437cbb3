"""Result exports (JSONL and CSV). CSV cells that a spreadsheet would run as a formula
are escaped (OWASP ASVS 1.2.10)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from batches.models import Batch, BatchItem

CSV_COLUMNS = [
    "analysisId",
    "userId",
    "status",
    "errorCategory",
    "error",
    "state",
    "reason",
    "isEvictionNotice",
    "noticeDays",
    "deadlineDate",
    "amountDue",
    "meetsStatutoryMinimum",
    "issueCodes",
    "urgency",
    "templateFallbackUsed",
    "processingMs",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
EXPORT_FIELDS = (
    "analysis_id",
    "user_id",
    "status",
    "error",
    "error_category",
    "analysis_results",
    "fallback_used",
    "processing_ms",
    "state",
    "reason",
)


def escape_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _items(batch: Batch) -> Iterator[dict]:
    return BatchItem.objects.filter(batch_id=batch.pk).order_by("row_number").values(*EXPORT_FIELDS).iterator(2000)


def export_record(row: dict) -> dict:
    return {
        "analysisId": row["analysis_id"],
        "userId": row["user_id"],
        "status": row["status"],
        "error": row["error"] or None,
        "errorCategory": row["error_category"] or None,
        "analysisResults": row["analysis_results"],
    }


def write_jsonl(batch: Batch, out: TextIO) -> int:
    count = 0
    for row in _items(batch):
        out.write(json.dumps(export_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_row(row: dict) -> list[str]:
    results = row["analysis_results"] or {}
    notice = results.get("notice", {})
    compliance = results.get("compliance", {})
    values = [
        row["analysis_id"],
        row["user_id"],
        row["status"],
        row["error_category"],
        row["error"],
        row["state"],
        row["reason"],
        notice.get("isEvictionNotice"),
        notice.get("noticeDays"),
        notice.get("deadlineDate"),
        notice.get("amountDue"),
        compliance.get("meetsStatutoryMinimum"),
        " ".join(issue.get("code", "") for issue in compliance.get("issues", [])),
        results.get("urgency"),
        row["fallback_used"],
        row["processing_ms"],
    ]
    return [escape_cell(v) for v in values]


def write_csv(batch: Batch, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in _items(batch):
        writer.writerow(_csv_row(row))
        count += 1
    return count
