"""The dashboard's window totals and the progress endpoint read the metrics selectors
(batches/selectors.py), and a progress poll reads the item counts with one aggregate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from batches.models import BatchItem, ItemStatus
from batches.selectors import (
    batch_metrics,
    batch_progress,
    batches_overall,
    batches_progress,
    batches_recent_series,
)
from tests.admin.conftest import CA_TEXT, create_batch, fail_items, make_request, run_batch

pytestmark = pytest.mark.django_db


def _point(**counts) -> dict:
    base = {"successCount": 0, "failureCount": 0, "templateCacheHits": 0, "templateCacheMisses": 0}
    base.update(counts)
    base.setdefault("fallbackCount", 0)
    base["totalProcessed"] = base["successCount"] + base["failureCount"]
    return base


def test_overall_recomputes_ratios_from_the_summed_counts():
    big = _point(successCount=90, failureCount=10, templateCacheHits=300, templateCacheMisses=100, fallbackCount=5)
    small = _point(successCount=0, failureCount=2, templateCacheHits=0, templateCacheMisses=4, fallbackCount=1)
    overall = batches_overall([big, small])
    assert overall["batches"] == 2 and overall["totalProcessed"] == 102
    assert (overall["successCount"], overall["failureCount"]) == (90, 12)
    # 90/102, not the mean of 0.9 and 0.0; 300/404, not the mean of 0.75 and 0.0.
    assert overall["successRate"] == round(90 / 102, 4)
    assert overall["cacheHitRatio"] == round(300 / 404, 4)
    assert (overall["templateCacheHits"], overall["templateCacheMisses"]) == (300, 104)
    assert overall["fallbackCount"] == 6 and overall["fallbackShare"] == round(6 / 102, 4)


def test_overall_of_an_empty_window_has_no_ratios():
    overall = batches_overall([])
    assert overall["batches"] == 0 and overall["totalProcessed"] == 0
    assert overall["successRate"] is None and overall["cacheHitRatio"] is None and overall["fallbackShare"] is None


def test_dashboard_totals_are_the_selectors(admin_client, processed_batch):
    other = run_batch(create_batch([make_request("o-1", CA_TEXT), make_request("o-2", CA_TEXT)], batch_id="b-o"))
    fail_items(other, "o-2")
    response = admin_client.get("/admin/batches/batch/metrics/?batches=10")
    assert response.status_code == 200
    overall = response.context["overall"]
    assert overall == batches_overall(batches_recent_series(limit=10))
    # Non-trivial: both batches counted (2 + 1 succeeded, 1 + 1 failed).
    assert (overall["batches"], overall["successCount"], overall["failureCount"]) == (2, 3, 2)


def _item_queries(client, url) -> list[str]:
    client.get(url)  # the session's first request warms per-process caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if '"batches_batchitem"' in q["sql"]]


def test_a_progress_poll_reads_the_item_counts_with_one_aggregate(admin_client, processed_batch):
    queries = _item_queries(admin_client, f"/admin/batches/batch/{processed_batch.pk}/progress/")
    aggregates = [sql for sql in queries if "COUNT(" in sql and "GROUP BY" not in sql]
    # One aggregate for counts per status and the metric sums; then the latency values and the
    # three breakdowns (state, reason, error category). A GROUP BY status was a second pass.
    assert len(aggregates) == 1, aggregates
    assert not [sql for sql in queries if "GROUP BY" in sql and '"batches_batchitem"."status" AS' in sql]
    assert len(queries) == 5, queries


def test_progress_counts_every_status_and_treats_cancelled_as_done(defaults):
    batch = create_batch([make_request(f"p-{n}", CA_TEXT) for n in range(4)], batch_id="b-progress")
    ids = list(batch.items.order_by("row_number").values_list("pk", flat=True))
    BatchItem.objects.filter(pk=ids[0]).update(status=ItemStatus.ANALYSIS_COMPLETE, analysis_results={})
    BatchItem.objects.filter(pk=ids[1]).update(status=ItemStatus.FAILED)
    BatchItem.objects.filter(pk=ids[2]).update(status=ItemStatus.CANCELLED)
    progress = batch_progress(batch)
    assert progress["counts"] == {
        ItemStatus.PENDING: 1,
        ItemStatus.EXTRACTING: 0,
        ItemStatus.PROCESSING: 0,
        ItemStatus.ANALYSIS_COMPLETE: 1,
        ItemStatus.FAILED: 1,
        ItemStatus.CANCELLED: 1,
    }
    assert (progress["total"], progress["done"], progress["percent"]) == (4, 3, 75.0)
    assert progress["metrics"] == batch_metrics(batch)
    assert (progress["metrics"]["successCount"], progress["metrics"]["failureCount"]) == (1, 1)


def test_batch_list_progress_is_the_batch_pages_progress(admin_client, processed_batch):
    partial = create_batch([make_request(f"l-{n}", CA_TEXT) for n in range(3)], batch_id="b-list")
    first = partial.items.order_by("row_number").first()
    BatchItem.objects.filter(pk=first.pk).update(status=ItemStatus.CANCELLED)
    empty_ids = [processed_batch.pk, partial.pk, 10_000]
    by_batch = batches_progress(batch_ids=empty_ids)
    assert set(by_batch) == {processed_batch.pk, partial.pk}  # no items, no entry
    for batch in (processed_batch, partial):
        page = batch_progress(batch)
        assert by_batch[batch.pk] == {key: page[key] for key in ("total", "done", "percent")}
    html = admin_client.get("/admin/batches/batch/").content.decode()
    assert "1 / 3 (33.3%)" in html and "3 / 3 (100.0%)" in html


def test_recent_series_is_the_newest_window_oldest_first_with_its_own_counts(processed_batch):
    middle = run_batch(create_batch([make_request("m-1", CA_TEXT), make_request("m-2", CA_TEXT)], batch_id="b-m"))
    fail_items(middle, "m-2")
    newest = run_batch(create_batch([make_request("n-1", CA_TEXT)], batch_id="b-n"))
    with CaptureQueriesContext(connection) as ctx:
        series = batches_recent_series(limit=2)
    assert len(ctx.captured_queries) == 1  # the window is a subquery, not a second round trip
    assert [p["id"] for p in series] == [middle.pk, newest.pk]
    assert [(p["successCount"], p["failureCount"]) for p in series] == [(1, 1), (1, 0)]
