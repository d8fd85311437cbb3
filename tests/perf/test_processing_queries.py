"""Query budgets for processing items: amortised per item, and per pre-warm.

Counts are deterministic at concurrency 1 (each slot refill claims exactly one item, the
worst case for claims); at higher concurrency one claim serves several items, so the
counts can only be lower. A query added per item (an N+1 in the runner) fails these."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from batches.models import BatchStatus, ItemStatus
from templates_app import cache
from templates_app.models import GENERAL
from tests.perf.conftest import count_queries, queued_batch, run_to_end

pytestmark = pytest.mark.django_db

# Per item at concurrency 1 (transaction control not counted): the claim (select the
# candidate, update it, read it back) and the result's conditional UPDATE. The batch's
# pinned template versions are read once per slice (they were once per item until 4ed0185).
PER_ITEM_WORST = 4
PER_BATCH_FIXED = 30  # load batch, lease self-heal, pre-warm, rules, prompt, finalize
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


def test_template_table_is_read_once_per_batch_per_process(defaults):
    """Misses are the distinct templates used. The template table is read by the pre-warm
    (one query for every response/meta template of the batch's fallback chains) and, on a
    cold shared cache, once more for the analysis prompt, which the pre-warm does not
    cover yet (docs/benchmarks.md). Nothing is read per item."""
    _warm_shared_cache()
    cache.clear()  # cold shared cache too: the pre-warm must do the reading
    batch = queued_batch(30, prefix="tpl")
    queries = count_queries(batch)
    template_reads = [q for q in queries if "templates_app_evictiontemplate" in q and "history" not in q]
    prewarm_reads = [q for q in template_reads if " IN (" in q]
    assert len(prewarm_reads) == 1, template_reads
    assert len(template_reads) <= 2, template_reads
    keys = {key for tv in batch.items.values_list("template_versions", flat=True) for key in
            (tv["response"]["key"], tv["meta"]["key"])}  # fmt: skip
    misses = sum(batch.items.values_list("cache_misses", flat=True))
    assert misses == len(keys)


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
