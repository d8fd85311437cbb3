"""Redis as the shared template cache and as the django-q2 broker (real redis-server)."""

from __future__ import annotations

import json
import time

import pytest

from tests.cluster import ProductEnv
from tests.conftest import SAMPLE_EVENT
from tests.fakes.openai_server import FakeOpenAI
from tests.infra.helpers import (
    FIRST_PASS_ONLY,
    REDIS_URL,
    WORKER_ENV,
    claim_history,
    ingest,
    install_claim_log,
    kill_group,
    marker_counts,
    notice_event,
    overlapping_claims,
    pg_database,
    start_qcluster,
    stop_cluster,
    unique_names,
    wait_clusters,
    wait_terminal,
)

pytestmark = [pytest.mark.slow, FIRST_PASS_ONLY]


def _redis():
    import redis

    return redis.Redis.from_url(REDIS_URL)


@pytest.mark.services("redis")
def test_redis_url_switches_broker_and_template_cache(tmp_path):
    names = unique_names()
    product = ProductEnv(tmp_path, REDIS_URL=REDIS_URL, Q_BROKER="redis", **names).setup()
    probe = (
        "import json; from django.conf import settings; from django.core.cache import caches; "
        "from django_q.brokers import get_broker; "
        "print('PROBE', json.dumps([type(caches['templates']).__name__, type(get_broker()).__name__, "
        "'orm' in settings.Q_CLUSTER]))"
    )
    out = product.manage("shell", "-v", "0", "-c", probe).stdout
    found = json.loads(next(line[6:] for line in out.splitlines() if line.startswith("PROBE ")))
    assert found == ["RedisCache", "Redis", False]
    try:
        doc = product.json_command("process_batch", str(SAMPLE_EVENT), "--sync")
        assert doc["status"] == "COMPLETED"
        keys = {k.decode() for k in _redis().scan_iter(f"{names['REDIS_KEY_PREFIX']}:*template:*")}
        # Every template the batch read from the database now sits in Redis for other workers.
        assert len([k for k in keys if ":template:" in k]) >= doc["batchMetrics"]["templateCacheMisses"] > 0
    finally:
        for key in _redis().scan_iter(f"{names['REDIS_KEY_PREFIX']}:*"):
            _redis().delete(key)


@pytest.mark.services("postgres", "redis")
def test_cluster_killed_on_the_redis_broker_loses_nothing_after_reconcile(tmp_path):
    """The Redis broker has no receipts: a kill -9 loses queued and running tasks. The
    reconciler re-queues expired leases and wakes the batch; every item ends terminal,
    each finished once, none processed twice at the same time."""
    names = unique_names()
    with FakeOpenAI(latency_ms=200) as fake, pg_database() as url:
        product = ProductEnv(
            tmp_path,
            database_url=url,
            REDIS_URL=REDIS_URL,
            Q_BROKER="redis",
            **names,
            **WORKER_ENV,
            OPENAI_BASE_URL=fake.base_url,
            BATCH_CONCURRENCY="3",
            BATCH_PARALLEL_SLICES="2",
            BATCH_SLICE_SECONDS="3",
        ).setup()
        install_claim_log(url)
        cluster = start_qcluster(product, tmp_path / "qcluster-1.log")
        try:
            wait_clusters(product, 1)
            batch_id = ingest(product, notice_event(40, batch_id="infra-redis-kill"), tmp_path)
            deadline = time.monotonic() + 60
            while product.query("SELECT COUNT(*) FROM claim_log WHERE event = 'done'")[0][0] < 8:
                assert time.monotonic() < deadline, "no progress"
                time.sleep(0.2)
            kill_group(cluster)
            in_flight = product.query(
                "SELECT COUNT(*) FROM batches_batchitem WHERE batch_id = ? AND status = 'PROCESSING'", (batch_id,)
            )[0][0]
            assert in_flight > 0  # the kill really interrupted work
            cluster = start_qcluster(product, tmp_path / "qcluster-2.log")
            assert wait_terminal(product, batch_id, timeout=150, reconcile_every=3) == "COMPLETED"
        finally:
            stop_cluster(cluster)
            for key in _redis().scan_iter(f"django_q:{names['Q_CLUSTER_NAME']}*"):
                _redis().delete(key)
        assert product.status_counts(batch_id) == {"ANALYSIS_COMPLETE": 40}
        history = claim_history(product)
        assert overlapping_claims(history) == []
        assert all(sum(e[1] == "done" for e in events) == 1 for events in history.values())
        # Only the items cut off by the kill were sent to the LLM again.
        counts = marker_counts(fake.journal)
        assert len(counts) == 40 and sum(n > 1 for n in counts.values()) <= in_flight
