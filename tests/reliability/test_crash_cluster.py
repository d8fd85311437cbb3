"""Crash safety on a real django-q2 cluster (subprocesses), the LLM served by the fake
OpenAI server in its own process. Timings are short (tests/reliability/cluster_support.py
FAST_LADDER) so recovery is quick; assertions are on counts and invariants."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from tests.reliability.cluster_support import (
    SQLITE_PASS_ONLY,
    FakeServer,
    batch_status,
    create_batch,
    marker_of,
    processing_items,
    product,
    terminal_count,
    wait_until,
)

pytestmark = [pytest.mark.slow, SQLITE_PASS_ONLY]


@pytest.fixture
def fake():
    server = FakeServer("--latency-mean-ms", "120", "--latency-sigma", "0.4", "--seed", "7")
    yield server
    server.stop()


def test_kill_9_at_10_50_90_percent_loses_nothing_and_duplicates_only_what_was_hit(tmp_path, fake):
    env = product(tmp_path, fake)
    try:
        env.start_cluster()
        batch_id = create_batch(env, tmp_path, 200, concurrency=4)
        hit: Counter = Counter()  # item -> kills that found it PROCESSING (mid-call at most)
        recoveries = []
        for percent in (10, 50, 90):
            wait_until(lambda p=percent: terminal_count(env, batch_id) >= 2 * p, timeout=120, what=f"{percent}%")
            env.kill_cluster()  # SIGKILL to the whole process group
            at_kill = terminal_count(env, batch_id)
            hit.update(processing_items(env, batch_id))
            restarted = time.monotonic()
            env.start_cluster()
            wait_until(lambda n=at_kill: terminal_count(env, batch_id) > n, timeout=90, what="progress after restart")
            recoveries.append(round(time.monotonic() - restarted, 1))
        wait_until(lambda: batch_status(env, batch_id) == "COMPLETED", timeout=120, interval=0.5, what="completion")
        print(f"recovery seconds after each restart: {recoveries}")  # shown with -s / in CI logs

        counts = env.status_counts(batch_id)
        assert counts == {"ANALYSIS_COMPLETE": 200}  # nothing lost, nothing left PROCESSING
        # One result per item (the result lives on the item row; analysis_id is unique).
        assert env.query(
            "SELECT COUNT(*), COUNT(DISTINCT analysis_id), COUNT(analysis_results) FROM batches_batchitem"
        ) == [(200, 200, 200)]
        requests = fake.chat_requests()
        assert {e["headers"].get("x-stainless-retry-count") for e in requests} == {"0"}
        calls = Counter(marker_of(e) for e in requests)
        # A kill in the middle of sending leaves the fake a truncated body it cannot read ("?").
        cut_off = calls.pop("?", 0)
        assert set(calls) == {f"{i:05d}" for i in range(1, 201)}
        # The fake answers every request with 200 here, so only a crash can cause a second
        # call: LLM calls per item <= 1 + the kills that caught it PROCESSING.
        over = {i: calls[f"{i:05d}"] for i in range(1, 201) if calls[f"{i:05d}"] > 1 + hit[f"rel-{i}"]}
        assert over == {}
        duplicates = sum(calls.values()) - 200
        print(f"items caught in flight: {sum(hit.values())}, repeated calls: {duplicates}, cut off: {cut_off}")
        assert duplicates + cut_off <= sum(hit.values()) <= 3 * 4  # at most `concurrency` in flight per kill
        assert max(recoveries) < 40
    finally:
        env.kill_cluster()
