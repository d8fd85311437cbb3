"""Faults on a real django-q2 cluster: a poison item that kills its worker, lost broker
rows, a 429 storm, and SQLite lock contention from a web-style process."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from tests.reliability.cluster_support import (
    SQLITE_PASS_ONLY,
    FakeServer,
    batch_status,
    create_batch,
    marker_of,
    pid_owning_connection,
    product,
    terminal_count,
    wait_until,
)

pytestmark = [pytest.mark.slow, SQLITE_PASS_ONLY]


@pytest.fixture
def servers():
    started = []

    def start(*args: str) -> FakeServer:
        started.append(FakeServer(*args))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def test_poison_item_that_kills_its_worker_is_tried_k_times_then_set_aside(tmp_path, servers):
    fake = servers("--latency-ms", "400")
    env = product(tmp_path, fake, BATCH_ITEM_MAX_ATTEMPTS="2")
    try:
        env.start_cluster()
        batch_id = create_batch(env, tmp_path, 8, concurrency=1, poison={3})
        killed: set[str] = set()

        def kill_poison_callers() -> bool:
            for entry in fake.chat_requests():
                if marker_of(entry) == "00003" and entry["requestId"] not in killed and entry.get("peer"):
                    port = int(entry["peer"].rsplit(":", 1)[1])
                    pid = pid_owning_connection(port, fake.port, group=env.cluster.pid)
                    if pid and pid != env.cluster.pid:
                        os.kill(pid, signal.SIGKILL)  # the worker dies mid-call, like a segfault
                        killed.add(entry["requestId"])
            return batch_status(env, batch_id) in ("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED")

        wait_until(kill_poison_callers, timeout=100, interval=0.1, what="the batch to finish")
        rows = env.query(
            "SELECT analysis_id, status, attempts, error_category FROM batches_batchitem WHERE batch_id=?",
            (batch_id,),
        )
        by_id = {r[0]: r[1:] for r in rows}
        assert by_id.pop("rel-3") == ("FAILED", 2, "WORKER_LOST")  # K = 2, counted before the work
        assert {v[0] for v in by_id.values()} == {"ANALYSIS_COMPLETE"}  # the rest is unaffected
        poison_calls = [e for e in fake.chat_requests() if marker_of(e) == "00003"]
        assert len(poison_calls) == len(killed) == 2
        assert batch_status(env, batch_id) == "COMPLETED_WITH_ERRORS"
    finally:
        env.kill_cluster()


def test_lost_broker_rows_do_not_lose_the_batch(tmp_path, servers):
    fake = servers("--latency-mean-ms", "120", "--seed", "3")
    env = product(tmp_path, fake)
    try:
        env.start_cluster()
        batch_id = create_batch(env, tmp_path, 80, concurrency=2)
        wait_until(lambda: terminal_count(env, batch_id) >= 15, timeout=60, what="15 items")
        env.query("DELETE FROM django_q_ormq")  # while running: the chain must carry on
        wait_until(lambda: terminal_count(env, batch_id) >= 40, timeout=60, what="40 items")
        env.kill_cluster()
        env.query("DELETE FROM django_q_ormq")  # the queue lost everything, as Redis would
        restarted = time.monotonic()
        at_kill = terminal_count(env, batch_id)
        env.start_cluster()
        wait_until(lambda: terminal_count(env, batch_id) > at_kill, timeout=90, what="progress after restart")
        recovery = time.monotonic() - restarted
        print(f"recovery after losing the queue: {recovery:.1f} s")
        wait_until(lambda: batch_status(env, batch_id) == "COMPLETED", timeout=90, interval=0.5, what="completion")
        assert env.status_counts(batch_id) == {"ANALYSIS_COMPLETE": 80}
        assert recovery < 40  # the reconciler on worker start, not the broker, woke it
    finally:
        env.kill_cluster()


WINDOW_LINE = re.compile(r"batch window (throttled|recovered): batch_id=\d+ window=(\d+) ceiling=(\d+)")


def test_429_storm_completes_with_no_failures_and_the_window_backs_off_then_recovers(tmp_path, servers):
    fake = servers("--latency-mean-ms", "80", "--seed", "11")
    env = product(tmp_path, fake, BATCH_WINDOW_GROW_AFTER="3", OPENAI_RETRY_MAX_DELAY_SECONDS="0.5")
    try:
        env.start_cluster()
        batch_id = create_batch(env, tmp_path, 240, concurrency=6)
        wait_until(lambda: terminal_count(env, batch_id) >= 20, timeout=60, what="20 items")
        fake.configure(storm={"probability": 0.3, "retry_after": 0.2, "duration": 8})
        wait_until(lambda: batch_status(env, batch_id) == "COMPLETED", timeout=150, interval=0.5, what="completion")
        assert env.status_counts(batch_id) == {"ANALYSIS_COMPLETE": 240}  # zero failed items
        rate_limited = [e for e in fake.chat_requests() if e.get("status") == 429]
        assert len(rate_limited) >= 10  # the storm really happened (fewer requests go out while backed off)
        changes = [(m[1], int(m[2]), int(m[3])) for m in WINDOW_LINE.finditer(env.cluster_log.read_text())]
        sizes = [size for _, size, _ in changes]
        print(f"429s: {len(rate_limited)}, window sizes over time: {sizes}")
        assert changes and min(sizes) <= 3  # backed off: at most half of the 6 in flight
        last_cut = max(i for i, c in enumerate(changes) if c[0] == "throttled")
        assert any(c[0] == "recovered" and c[1] == c[2] for c in changes[last_cut:])  # back to 6
    finally:
        env.kill_cluster()


LOCK_PROBE = """
import time
from django.db import OperationalError, transaction
from batches.models import Batch
probe = Batch.objects.create(name="lock-probe")
failures = 0
for i in range(300):
    try:
        with transaction.atomic():
            Batch.objects.get(pk=probe.pk)
            time.sleep(0.01)
            Batch.objects.filter(pk=probe.pk).update(name=f"lock-probe-{i}")
    except OperationalError as exc:
        failures += "locked" in str(exc)
print("FAILURES", failures)
"""


def test_sqlite_web_style_writes_never_see_database_is_locked_beside_a_cluster(tmp_path, servers):
    fake = servers("--latency-mean-ms", "50")
    env = product(tmp_path, fake)
    try:
        env.start_cluster()
        assert env.query("PRAGMA journal_mode") == [("wal",)]
        idle = env.manage("shell", "-v", "0", "-c", LOCK_PROBE).stdout
        batch_id = create_batch(env, tmp_path, 150, concurrency=4)  # now a busy cluster too
        busy = env.manage("shell", "-v", "0", "-c", LOCK_PROBE).stdout
        assert "FAILURES 0" in idle and "FAILURES 0" in busy
        wait_until(lambda: batch_status(env, batch_id) == "COMPLETED", timeout=90, interval=0.5, what="completion")
    finally:
        env.kill_cluster()
