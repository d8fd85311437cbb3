"""Reads about batches. `batch_metrics` is the ONE place metrics are computed: the admin,
the CLI, the progress endpoint, the API and exports all call it; the dashboard's totals
(`batches_overall`) and /metrics (`metrics_totals`) are computed here too."""

from __future__ import annotations

from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone

from batches.models import ITEM_TERMINAL, Batch, BatchItem, BatchStatus, ItemStatus

TERMINAL_DONE = (ItemStatus.ANALYSIS_COMPLETE, ItemStatus.FAILED)


def _per_status() -> dict:
    """One filtered COUNT per item status, to go into an aggregate (keys `status_<VALUE>`)."""
    return {f"status_{status}": Count("pk", filter=Q(status=status)) for status in ItemStatus.values}


def _item_totals(items, **extra) -> dict:
    """Counts per status and the sums `batch_metrics` reports (plus `extra` aggregates), in
    ONE aggregate query."""
    totals = items.aggregate(
        hits=Sum("cache_hits"),
        misses=Sum("cache_misses"),
        tokens=Sum("tokens"),
        fallbacks=Count("pk", filter=Q(fallback_used=True)),
        total=Count("pk"),
        **_per_status(),
        **extra,
    )
    totals["counts"] = {status: totals.pop(f"status_{status}") for status in ItemStatus.values}
    return totals


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
    return _metrics(batch, items, _item_totals(items))


def batch_progress(batch: Batch) -> dict:
    """What the batch page's progress bar polls: items per status, how many are finished,
    and `batch_metrics`, with the counts and the metric sums read by one aggregate."""
    items = BatchItem.objects.filter(batch_id=batch.pk)
    totals = _item_totals(items)
    done = sum(totals["counts"][status] for status in ITEM_TERMINAL)
    return {
        **_progress(totals["total"], done),
        "counts": totals["counts"],
        "metrics": _metrics(batch, items, totals),
    }


def batches_progress(*, batch_ids: list[int]) -> dict[int, dict]:
    """{batch id: total, done, percent} for a page of the batch list, as `batch_progress`
    counts them, in ONE grouped query on the (batch, status) index. Batches without items
    are absent."""
    rows = (
        BatchItem.objects.filter(batch_id__in=batch_ids)
        .values("batch_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status__in=ITEM_TERMINAL)))
        .order_by()
    )
    return {row["batch_id"]: _progress(row["total"], row["done"]) for row in rows}


def _progress(total: int, done: int) -> dict:
    return {"total": total, "done": done, "percent": round(100 * done / total, 1) if total else 100.0}


def _metrics(batch: Batch, items, totals: dict) -> dict:
    latencies = sorted(
        # order_by(): without it the model's ordering (row_number) forces a read of every wide
        # row; unordered, the values come from the item_batch_metrics covering index.
        items.filter(status__in=TERMINAL_DONE, processing_ms__isnull=False)
        .order_by()
        .values_list("processing_ms", flat=True)
    )
    success, failure = totals["counts"][ItemStatus.ANALYSIS_COMPLETE], totals["counts"][ItemStatus.FAILED]
    hits = totals["hits"] or 0
    misses = totals["misses"] or 0
    processed = success + failure
    return {
        "totalItems": totals["total"],
        "totalProcessed": processed,
        "successCount": success,
        "failureCount": failure,
        "successRate": _ratio(success, processed),
        "processingTimeMs": _wall_ms(batch),
        "templateCacheHits": hits,
        "templateCacheMisses": misses,
        "cacheHitRatio": _ratio(hits, hits + misses),
        "latencyP50Ms": _percentile(latencies, 0.50),
        "latencyP95Ms": _percentile(latencies, 0.95),
        "fallbackCount": totals["fallbacks"],
        "tokens": totals["tokens"] or 0,
        "byState": _breakdown(items, "state"),
        "byReason": _breakdown(items, "reason"),
        "byErrorCategory": _breakdown(items.filter(status=ItemStatus.FAILED), "error_category"),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _wall_ms(batch: Batch) -> int | None:
    if not batch.started_at:
        return None
    end = batch.finished_at or timezone.now()
    return int((end - batch.started_at).total_seconds() * 1000)


def metrics_totals(*, latency_buckets_ms: tuple[int, ...]) -> dict:
    """All batches and items, for /metrics and the CloudWatch push (two queries).

    `batches` and `items` per status are current counts: they rise and fall. The rest only
    grow while nobody deletes a batch: cache counters and tokens are written once, when an
    item completes (a final status), and the latency histogram (cumulative buckets, count,
    sum) covers completed items only, because a retry takes a FAILED item back to PENDING."""
    batches = {status: 0 for status in BatchStatus.values}
    batches.update(Batch.objects.values_list("status").annotate(n=Count("pk")).order_by())
    completed = Q(status=ItemStatus.ANALYSIS_COMPLETE, processing_ms__isnull=False)
    buckets = {f"le_{b}": Count("pk", filter=completed & Q(processing_ms__lte=b)) for b in latency_buckets_ms}
    totals = _item_totals(
        BatchItem.objects.all(),
        latency_count=Count("pk", filter=completed),
        latency_sum=Sum("processing_ms", filter=completed),
        **buckets,
    )
    return {
        "batches": batches,
        "items": totals["counts"],
        "templateCacheHits": totals["hits"] or 0,
        "templateCacheMisses": totals["misses"] or 0,
        "tokens": totals["tokens"] or 0,
        "latencyBuckets": [(b, totals[f"le_{b}"]) for b in latency_buckets_ms],
        "latencyCount": totals["latency_count"],
        "latencySumMs": totals["latency_sum"] or 0,
    }


def batch_failed_items(batch_id: int) -> list[dict]:
    return list(
        BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.FAILED)
        .order_by("row_number")
        .values("analysis_id", "error", "error_category")
    )


def batches_recent_series(*, limit: int = 30) -> list[dict]:
    """Per-batch metrics for the newest `limit` batches that have started, oldest first, in ONE
    aggregate query (the dashboard's charts). Names match `batch_metrics`; latency here is
    the mean per-item processing time (percentiles need the rows, see `batch_metrics`)."""
    # The window is chosen first (a LIMIT subquery on the created_at order), so the join and
    # the aggregate read only those batches' items, not every batch's before the LIMIT.
    newest = Batch.objects.exclude(status=BatchStatus.DRAFT).order_by("-created_at", "-pk").values("pk")[:limit]
    rows = (
        Batch.objects.filter(pk__in=newest)
        .order_by("-created_at", "-pk")
        .annotate(
            success=Count("items", filter=Q(items__status=ItemStatus.ANALYSIS_COMPLETE)),
            failure=Count("items", filter=Q(items__status=ItemStatus.FAILED)),
            hits=Sum("items__cache_hits"),
            misses=Sum("items__cache_misses"),
            fallbacks=Count("items", filter=Q(items__fallback_used=True)),
            mean_ms=Avg("items__processing_ms", filter=Q(items__status__in=TERMINAL_DONE)),
            total=Count("items"),
            states=Count("items__state", distinct=True),
        )
        .values(
            "pk",
            "name",
            "status",
            "created_at",
            "success",
            "failure",
            "hits",
            "misses",
            "fallbacks",
            "mean_ms",
            "total",
            "states",
        )[:limit]
    )
    return [_series_point(row) for row in reversed(list(rows))]


def _series_point(row: dict) -> dict:
    hits, misses = row["hits"] or 0, row["misses"] or 0
    processed = row["success"] + row["failure"]
    return {
        "id": row["pk"],
        "name": row["name"],
        "status": row["status"],
        "createdAt": row["created_at"],
        "totalItems": row["total"],
        "totalProcessed": processed,
        "successCount": row["success"],
        "failureCount": row["failure"],
        "successRate": _ratio(row["success"], processed),
        "templateCacheHits": hits,
        "templateCacheMisses": misses,
        "cacheHitRatio": _ratio(hits, hits + misses),
        "fallbackCount": row["fallbacks"],
        "fallbackShare": _ratio(row["fallbacks"], processed),
        "stateCount": row["states"],
        "meanProcessingMs": round(row["mean_ms"]) if row["mean_ms"] is not None else None,
    }


def batches_overall(series: list[dict]) -> dict:
    """Totals over a `batches_recent_series` window (the dashboard's summary row and its
    alerts): sums of the exact counts, with the ratios recomputed from those sums (never an
    average of per-batch ratios)."""
    success = sum(p["successCount"] for p in series)
    processed = sum(p["totalProcessed"] for p in series)
    hits = sum(p["templateCacheHits"] for p in series)
    misses = sum(p["templateCacheMisses"] for p in series)
    fallbacks = sum(p["fallbackCount"] for p in series)
    return {
        "batches": len(series),
        "totalProcessed": processed,
        "successCount": success,
        "failureCount": sum(p["failureCount"] for p in series),
        "successRate": _ratio(success, processed),
        "cacheHitRatio": _ratio(hits, hits + misses),
        "templateCacheHits": hits,
        "templateCacheMisses": misses,
        "fallbackCount": fallbacks,
        "fallbackShare": _ratio(fallbacks, processed),
    }


def items_breakdowns(*, batch_ids: list[int]) -> dict[str, dict[str, int]]:
    """Items by state, reason and (failed items) error category across the given batches."""
    items = BatchItem.objects.filter(batch_id__in=batch_ids)
    return {
        "byState": _breakdown(items, "state"),
        "byReason": _breakdown(items, "reason"),
        "byErrorCategory": _breakdown(items.filter(status=ItemStatus.FAILED), "error_category"),
    }


def batch_recent_failures(batch_id: int, *, limit: int = 10) -> list[dict]:
    """The first few failed items of a batch (the batch page's short list), without text."""
    return list(
        BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.FAILED)
        .order_by("row_number")
        .values("pk", "row_number", "analysis_id", "error", "error_category", "attempts", "finished_at")[:limit]
    )


def batches_failures_by_category(*, batch_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """{batch id: [(error category, failed items), ...] most frequent first}, one query."""
    rows = (
        BatchItem.objects.filter(batch_id__in=batch_ids, status=ItemStatus.FAILED)
        .values("batch_id", "error_category")
        .annotate(n=Count("pk"))
        .order_by("batch_id", "-n")
    )
    result: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        result.setdefault(row["batch_id"], []).append((row["error_category"] or "UNKNOWN", row["n"]))
    return result
