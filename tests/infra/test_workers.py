"""Many workers, one batch, on real PostgreSQL: qcluster processes stand in for machines."""

from __future__ import annotations

import time

import pytest

from tests.cluster import ProductEnv
from tests.fakes.openai_server import FakeOpenAI
from tests.infra.helpers import (
    FIRST_PASS_ONLY,
    WORKER_ENV,
    claim_history,
    group_pids,
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

pytestmark = [pytest.mark.slow, pytest.mark.services("postgres"), FIRST_PASS_ONLY]


@pytest.fixture
def fake_llm():
    with FakeOpenAI(latency_ms=150) as fake:
        yield fake


@pytest.fixture
def pg_product(tmp_path, fake_llm):
    clusters = []
    with pg_database() as url:
        product = ProductEnv(
            tmp_path,
            database_url=url,
            **unique_names(),
            **WORKER_ENV,
            OPENAI_BASE_URL=fake_llm.base_url,
            BATCH_CONCURRENCY="2",
            BATCH_PARALLEL_SLICES="8",
            BATCH_SLICE_SECONDS="2",
        ).setup()
        install_claim_log(url)
        product.clusters = clusters
        yield product
        for proc in clusters:
            stop_cluster(proc)


def _start(product, tmp_path, n):
    for i in range(n):
        product.clusters.append(start_qcluster(product, tmp_path / f"qcluster-{i}.log"))
    wait_clusters(product, n)  # every cluster up before the batch is enqueued


def test_two_clusters_share_one_batch_without_processing_an_item_twice(pg_product, tmp_path, fake_llm):
    _start(pg_product, tmp_path, 2)
    batch_id = ingest(pg_product, notice_event(40, batch_id="infra-two-clusters"), tmp_path)
    assert wait_terminal(pg_product, batch_id, timeout=120) == "COMPLETED"
    assert pg_product.status_counts(batch_id) == {"ANALYSIS_COMPLETE": 40}
    history = claim_history(pg_product)
    assert len(history) == 40
    # Exactly one claim and one finish per item: nothing processed twice, at once or later.
    assert all([e[1] for e in events] == ["claim", "done"] for events in history.values())
    assert overlapping_claims(history) == []
    counts = marker_counts(fake_llm.journal)
    assert len(counts) == 40 and set(counts.values()) == {1}
    # Both clusters did part of the work.
    owners = {int(events[0][0].split(":")[1]) for events in history.values()}
    per_cluster = [owners & group_pids(proc.pid) for proc in pg_product.clusters]
    assert all(per_cluster), f"work split {per_cluster} among {owners}"


def test_killing_one_cluster_leaves_the_other_to_finish(pg_product, tmp_path):
    _start(pg_product, tmp_path, 2)
    batch_id = ingest(pg_product, notice_event(60, batch_id="infra-kill-one"), tmp_path)
    deadline = time.monotonic() + 60
    while pg_product.query("SELECT COUNT(*) FROM claim_log WHERE event = 'done'")[0][0] < 10:
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.2)
    victim = pg_product.clusters.pop(0)
    kill_group(victim)  # a machine dies mid-batch: its in-flight items keep their leases
    assert wait_terminal(pg_product, batch_id, timeout=150, reconcile_every=4) == "COMPLETED"
    assert pg_product.status_counts(batch_id) == {"ANALYSIS_COMPLETE": 60}
    history = claim_history(pg_product)
    assert overlapping_claims(history) == []
    assert all(sum(e[1] == "done" for e in events) == 1 for events in history.values())
