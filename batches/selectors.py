"""Reads about batches. `batch_metrics` is the ONE place metrics are computed: the admin,
the CLI, the progress endpoint and exports all call it."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone

from batches.models import Batch, BatchItem, ItemStatus

TERMINAL_DONE = (ItemStatus.ANALYSIS_COMPLETE, ItemStatus.FAILED)


def batch_status_counts(batch_id: int) -> dict[str, int]:
    rows = BatchItem.objects.filter(batch_id=batch_id).values("status").annotate(n=Count("pk")).order_by()
    counts = {status: 0 for status in ItemStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def _percentile(sorted_values: list[int], fraction: float) -> int | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def _breakdown(items, field: str) -> dict[str, int]:
    rows = items.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by("-n")
    return {row[field]: row["n"] for row in rows}


def batch_metrics(batch: Batch) -> dict:
    """The seed's metrics (exact counts) plus latency percentiles, tokens, fallbacks and
    breakdowns by state, reason and error category."""
    items = BatchItem.objects.filter(batch_id=batch.pk)
    totals = items.aggregate(
        success=Count("pk", filter=Q(status=ItemStatus.ANALYSIS_COMPLETE)),
        failure=Count("pk", filter=Q(status=ItemStatus.FAILED)),
        hits=Sum("cache_hits"),
        misses=Sum("cache_misses"),
        tokens=Sum("tokens"),
        fallbacks=Count("pk", filter=Q(fallback_used=True)),
        total=Count("pk"),
    )
    latencies = sorted(
        items.filter(status__in=TERMINAL_DONE, processing_ms__isnull=False).values_list("processing_ms", flat=True)
    )
    hits = totals["hits"] or 0
    misses = totals["misses"] or 0
    processed = totals["success"] + totals["failure"]
    return {
        "totalItems": totals["total"],
        "totalProcessed": processed,
        "successCount": totals["success"],
        "failureCount": totals["failure"],
        "successRate": round(totals["success"] / processed, 4) if processed else None,
        "processingTimeMs": _wall_ms(batch),
        "templateCacheHits": hits,
        "templateCacheMisses": misses,
        "cacheHitRatio": round(hits / (hits + misses), 4) if hits + misses else None,
        "latencyP50Ms": _percentile(latencies, 0.50),
        "latencyP95Ms": _percentile(latencies, 0.95),
        "fallbackCount": totals["fallbacks"],
        "tokens": totals["tokens"] or 0,
        "byState": _breakdown(items, "state"),
        "byReason": _breakdown(items, "reason"),
        "byErrorCategory": _breakdown(items.filter(status=ItemStatus.FAILED), "error_category"),
    }


def _wall_ms(batch: Batch) -> int | None:
    if not batch.started_at:
        return None
    end = batch.finished_at or timezone.now()
    return int((end - batch.started_at).total_seconds() * 1000)


def batch_failed_items(batch_id: int) -> list[dict]:
    return list(
        BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.FAILED)
        .order_by("row_number")
        .values("analysis_id", "error", "error_category")
    )
