"""Operational metrics for Prometheus and CloudWatch, computed from the database at scrape
time. Nothing is counted in process memory, so the numbers are the same whichever web
process answers and however many forked django-q2 workers did the work (no prometheus
multiprocess directory needed)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from batches.models import ItemStatus
from batches.selectors import metrics_totals
from ingestion.selectors import rejection_counts_by_source

logger = logging.getLogger(__name__)

LATENCY_BUCKETS_MS = (50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000)


@dataclass
class Snapshot:
    """One reading of everything we export."""

    batches: dict[str, int]
    items: dict[str, int]
    cache_hits: int
    cache_misses: int
    tokens: int
    latency_buckets: list[tuple[float, int]]  # cumulative (upper bound ms, count), completed items
    latency_count: int
    latency_sum_ms: int
    queue_depth: int | None
    rejections: dict[tuple[str, str], int]  # (source, kind) -> refused messages and uploads


def metrics_snapshot() -> Snapshot:
    """The selectors' totals (batches/selectors.py, ingestion/selectors.py) and the queue."""
    totals = metrics_totals(latency_buckets_ms=LATENCY_BUCKETS_MS)
    return Snapshot(
        batches=totals["batches"],
        items=totals["items"],
        cache_hits=totals["templateCacheHits"],
        cache_misses=totals["templateCacheMisses"],
        tokens=totals["tokens"],
        latency_buckets=[(float(b), n) for b, n in totals["latencyBuckets"]],
        latency_count=totals["latencyCount"],
        latency_sum_ms=totals["latencySumMs"],
        queue_depth=_queue_depth(),
        rejections=rejection_counts_by_source(),
    )


def _queue_depth() -> int | None:
    """Tasks waiting in the django-q2 queue (django_q_ormq rows, or the Redis list)."""
    try:
        from django_q.brokers import get_broker

        return int(get_broker().queue_size())
    except Exception:  # noqa: BLE001 - a broker outage must not break the whole scrape
        logger.warning("queue depth unavailable", exc_info=True)
        return None


# --- Prometheus ---------------------------------------------------------------------------


class _DatabaseCollector:
    """Gauges for what is true now (it rises and falls); counters (`_total`) only for totals
    that never fall while no batch or rejection is deleted: a counter that falls reads as a
    restart to Prometheus, and rate()/increase() would count the whole total again."""

    def collect(self):
        snap = metrics_snapshot()
        yield from _gauges(snap)
        yield from _counters(snap)
        yield _latency_histogram(snap)


def _gauges(snap: Snapshot):
    from prometheus_client.core import GaugeMetricFamily

    for name, documentation, counts in (
        ("tenantarmor_batches", "Batches by status, now.", snap.batches),
        ("tenantarmor_items", "Batch items by status, now.", snap.items),
    ):
        family = GaugeMetricFamily(name, documentation, labels=["status"])
        for status, n in counts.items():
            family.add_metric([status], n)
        yield family
    # FAILED is not final (a retry takes the item back to PENDING), so this is a gauge.
    failed = snap.items[ItemStatus.FAILED]
    yield GaugeMetricFamily("tenantarmor_items_failed", "Items failed now (retrying lowers it).", value=failed)
    if snap.queue_depth is not None:
        yield GaugeMetricFamily("tenantarmor_queue_depth", "Tasks waiting in the queue.", value=snap.queue_depth)


def _counters(snap: Snapshot):
    from prometheus_client.core import CounterMetricFamily

    # prometheus_client appends `_total` to a counter's samples.
    succeeded = snap.items[ItemStatus.ANALYSIS_COMPLETE]  # a final status
    yield CounterMetricFamily("tenantarmor_items_succeeded", "Items analysed successfully.", value=succeeded)
    yield CounterMetricFamily("tenantarmor_template_cache_hits", "Template cache hits.", value=snap.cache_hits)
    yield CounterMetricFamily(
        "tenantarmor_template_cache_misses", "Template lookups read from the DB.", value=snap.cache_misses
    )
    yield CounterMetricFamily("tenantarmor_llm_tokens", "LLM tokens used by completed items.", value=snap.tokens)
    rejections = CounterMetricFamily(
        "tenantarmor_ingest_rejections",
        "Feed messages, API uploads and admin uploads refused, by source (sqs, api, admin).",
        labels=["source", "kind"],
    )
    for (source, kind), n in snap.rejections.items():
        rejections.add_metric([source, kind], n)
    yield rejections


def _latency_histogram(snap: Snapshot):
    from prometheus_client.core import HistogramMetricFamily

    # Prometheus names a unit in its base unit (seconds); the database stores milliseconds.
    buckets = [(str(le / 1000), n) for le, n in snap.latency_buckets] + [("+Inf", snap.latency_count)]
    return HistogramMetricFamily(
        "tenantarmor_item_processing_seconds",
        "Per-item analysis time of completed items (seconds).",
        buckets=buckets,
        sum_value=snap.latency_sum_ms / 1000,
    )


def prometheus_text() -> tuple[bytes, str]:
    """The exposition text and its content type, from a fresh registry per scrape."""
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

    registry = CollectorRegistry(auto_describe=False)
    registry.register(_DatabaseCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST


# --- CloudWatch ---------------------------------------------------------------------------


def cloudwatch_metric_data(snap: Snapshot) -> list[dict]:
    data = [
        {"MetricName": name, "Dimensions": [{"Name": "Status", "Value": s}], "Value": n, "Unit": "Count"}
        for name, counts in (("Batches", snap.batches), ("Items", snap.items))
        for s, n in counts.items()
    ]
    data += [
        {"MetricName": "TemplateCacheHits", "Value": snap.cache_hits, "Unit": "Count"},
        {"MetricName": "TemplateCacheMisses", "Value": snap.cache_misses, "Unit": "Count"},
        {"MetricName": "IngestRejections", "Value": sum(snap.rejections.values()), "Unit": "Count"},
    ]
    if snap.latency_count:
        mean = snap.latency_sum_ms / snap.latency_count
        data.append({"MetricName": "ItemProcessingMsMean", "Value": mean, "Unit": "Milliseconds"})
    if snap.queue_depth is not None:
        data.append({"MetricName": "QueueDepth", "Value": snap.queue_depth, "Unit": "Count"})
    return data


def cloudwatch_push(*, namespace: str, client=None) -> int:
    """Send one snapshot with `put_metric_data` (in chunks of 20). Returns the datum count."""
    from django.conf import settings

    if client is None:
        import boto3

        client = boto3.client(
            "cloudwatch",
            endpoint_url=settings.CLOUDWATCH_ENDPOINT_URL or None,
            region_name=settings.AWS_S3_REGION_NAME,
        )
    data = cloudwatch_metric_data(metrics_snapshot())
    for start in range(0, len(data), 20):
        client.put_metric_data(Namespace=namespace, MetricData=data[start : start + 20])
    return len(data)
