"""Query budgets for processing items: amortised per item, and per pre-warm.

Counts are deterministic at concurrency 1 (each slot refill claims exactly one item, the
worst case for claims); at higher concurrency one claim serves several items, so the
counts can only be lower. A query added per item (an N+1 in the runner) fails these."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from batches.analysis import get_analyzer
from batches.models import Batch, BatchStatus, ItemStatus
from batches.services.batch_context import batch_contexts_reset
from batches.services.ingest import UploadOptions, batch_create_from_upload
from batches.services.pipeline import NoticeInput, build_result
from templates_app import cache
from templates_app.cache import CacheCounter
from templates_app.models import GENERAL
from templates_app.selectors import rules_as_dicts
from tests.perf.conftest import count_queries, queued_batch, run_to_end

pytestmark = pytest.mark.django_db

# Per item at concurrency 1 (transaction control not counted): the claim (select the
# candidate, update it, read it back) and the result's conditional UPDATE. The batch's
# pinned template versions come with the slice's batch row (once per item until 4ed0185).
PER_ITEM_WORST = 4
# Load the batch (with its pins), lease self-heal, pre-warm (the states, one shared-cache
# read; the prompt comes with it), rules, the last empty claim, finalize: 15 measured on a
# warm cache.
PER_BATCH_FIXED = 20
SAVEPOINTS_PER_ITEM = 2  # the claim's atomic() inside the test transaction


def _warm_shared_cache() -> None:
    """One small batch first, so the shared template cache (L2) is populated as it is in a
    running system; the measured batch then pays only its own per-process pre-warm."""
    run_to_end(queued_batch(2, prefix="warm"))
    cache.clear_local()


def test_processing_cost_per_item_is_flat_and_within_budget(defaults, django_assert_max_num_queries):
    _warm_shared_cache()
    small = count_queries(queued_batch(5, prefix="small", concurrency=1))
    cache.clear_local()
    large_batch = queued_batch(50, prefix="large", concurrency=1)
    with django_assert_max_num_queries(PER_BATCH_FIXED + (PER_ITEM_WORST + SAVEPOINTS_PER_ITEM) * 50):
        large = count_queries(large_batch)
    large_batch.refresh_from_db()
    assert large_batch.status == BatchStatus.COMPLETED
    assert large_batch.items.filter(status=ItemStatus.ANALYSIS_COMPLETE).count() == 50
    marginal = (len(large) - len(small)) / 45
    assert marginal <= PER_ITEM_WORST, f"{marginal:.2f} queries per extra item (N+1?)"
    assert len(large) <= PER_BATCH_FIXED + PER_ITEM_WORST * 50


def _mismatched_sample_batch(sample_event_bytes: bytes, *, prefix: str):
    """The 14 shared samples (several states and reasons), every one uploaded as "CA": the
    items resolve the state found in the text and the analyzer's reason, which the
    upload-time (state, reason guess) pairs do not name."""
    event = json.loads(sample_event_bytes)
    requests = event["Records"][0]["body"]["batchRequests"]
    event["Records"][0]["body"]["batchId"] = f"{prefix}-batch"
    for request in requests:
        request["userSelectedState"] = "CA"
        request["analysisId"] = f"{prefix}-{request['analysisId']}"
    [batch] = batch_create_from_upload(
        data=json.dumps(event).encode(), filename="samples.json", options=UploadOptions(launch=False)
    )
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    return batch


def test_template_table_is_read_once_per_batch_per_process(defaults, sample_event_bytes):
    """ONE template-table query per batch per process, on a cold shared cache: the pre-warm
    reads the active table, which answers the analysis prompt and every key of every
    item's fallback chain (any state, any reason), absent keys included. Misses are the
    distinct templates used."""
    _warm_shared_cache()
    cache.clear()  # cold shared cache too: the pre-warm must do the reading
    batch = _mismatched_sample_batch(sample_event_bytes, prefix="cold")
    queries = count_queries(batch)
    template_reads = [q for q in queries if "templates_app_evictiontemplate" in q and "history" not in q]
    assert len(template_reads) == 1, template_reads
    assert batch.items.filter(status=ItemStatus.ANALYSIS_COMPLETE).count() == 14
    assert set(batch.items.values_list("state", flat=True)) - {"CA"}, "no item left the pre-warmed state"
    keys = {key for tv in batch.items.values_list("template_versions", flat=True) for key in
            (tv["response"]["key"], tv["meta"]["key"])}  # fmt: skip
    misses = sum(batch.items.values_list("cache_misses", flat=True))
    assert misses == len(keys)
    # Another process on the now warm shared cache: no template-table read at all.
    cache.clear_local()
    batch_contexts_reset()
    again = _mismatched_sample_batch(sample_event_bytes, prefix="second")
    assert not [q for q in count_queries(again) if "templates_app_evictiontemplate" in q]
    assert sum(again.items.values_list("cache_misses", flat=True)) == 0


def test_processing_an_item_after_prewarm_makes_no_query(defaults, sample_notices, django_assert_num_queries):
    """`build_result` (compliance, advice, templates, rendering) for every shared sample
    costs no statement once the batch's pre-warm ran: templates come from the process level."""
    cache.clear()
    cache.prewarm([("CA", "non-payment")])
    rules = rules_as_dicts()
    analyzer = get_analyzer("rules")
    facts = [analyzer.extract_facts(n["extracted_text"], state_hint="CA") for n in sample_notices]
    with django_assert_num_queries(0):
        for notice, (fact, provenance) in zip(sample_notices, facts, strict=True):
            build_result(
                notice_input=NoticeInput(text=notice["extracted_text"], user_selected_state="CA"),
                facts=fact,
                provenance=provenance,
                rules=rules,
                counter=CacheCounter(),
            )


def test_prewarm_is_one_template_query_cold_and_one_cache_read_warm(defaults, django_assert_max_num_queries):
    cache.clear()
    pairs = [("CA", "non-payment"), ("NY", "non-payment"), ("TX", "holdover"), (GENERAL, GENERAL)]
    with CaptureQueriesContext(connection) as cold:
        loaded = cache.prewarm(pairs)
    template_reads = [q["sql"] for q in cold.captured_queries if "templates_app_evictiontemplate" in q["sql"]]
    assert len(template_reads) == 1 and loaded > 0
    cache.clear_local()  # another process: the shared cache has it all now
    with django_assert_max_num_queries(1) as warm:
        cache.prewarm(pairs)
    assert not [q for q in warm.captured_queries if "templates_app_evictiontemplate" in q["sql"]]
