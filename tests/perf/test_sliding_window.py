"""Concurrency is a sliding window, not chunks: one very slow LLM call holds one slot
while the other C - 1 slots keep taking new items (the seed's chunked runner would make
every item behind the slow one wait for it)."""

from __future__ import annotations

import copy
import os
import threading
import time

import pytest

from batches import analysis
from batches.models import ItemStatus
from tests.fakes.openai_server import DEFAULT_FACTS, SAMPLE_NOTICE, FakeOpenAI
from tests.llm.conftest import analyzer_for
from tests.perf.conftest import queued_batch, run_to_end

pytestmark = pytest.mark.django_db

SLOW_MARK = "Reference: SLOW-0001"
FAST_SECONDS = 0.02
GRACE_SECONDS = 1.0  # after the last fast request is answered, for its result to be saved
GIVE_UP_SECONDS = 30.0  # a chunked runner never sends the rest: the slow call ends anyway
N, C = 30, 5


@pytest.fixture
def slow_one_llm():
    """The openai analyzer on the in-process fake, where exactly the request for the
    notice carrying SLOW_MARK is slow (keyed on the notice text, not on arrival order).
    It answers only once every other item's request has been answered (or after
    GIVE_UP_SECONDS), so the order is decided by the window, not by the machine's speed."""
    seen_slow = threading.Event()
    fast_done = threading.Semaphore(0)

    def responder(request_json: dict) -> dict:
        user = "".join(str(m.get("content")) for m in request_json["messages"] if m.get("role") == "user")
        if SLOW_MARK in user:
            seen_slow.set()
            deadline = time.monotonic() + GIVE_UP_SECONDS
            for _ in range(N - 1):
                if not fast_done.acquire(timeout=max(0.0, deadline - time.monotonic())):
                    break
            time.sleep(GRACE_SECONDS)
        else:
            time.sleep(FAST_SECONDS)
            fast_done.release()
        return copy.deepcopy(DEFAULT_FACTS)

    fake = FakeOpenAI(seed=1, responder=responder)
    llm = analyzer_for(fake, timeout=GIVE_UP_SECONDS + 10)
    key = (os.getpid(), "openai")
    previous = analysis._analyzers.get(key)
    analysis._analyzers[key] = llm
    yield seen_slow
    llm.close()
    if previous is None:
        analysis._analyzers.pop(key, None)
    else:
        analysis._analyzers[key] = previous


def test_items_behind_a_slow_one_keep_flowing(defaults, slow_one_llm):
    texts = [(SAMPLE_NOTICE + "\n" + SLOW_MARK, "TX")] + [(SAMPLE_NOTICE, "TX")] * (N - 1)
    batch = queued_batch(N, prefix="window", concurrency=C, analyzer="openai", texts=texts)
    run_to_end(batch)
    assert slow_one_llm.is_set()
    items = list(batch.items.order_by("row_number").values("row_number", "status", "started_at", "finished_at"))
    assert all(item["status"] == ItemStatus.ANALYSIS_COMPLETE for item in items)
    slow, others = items[0], items[1:]
    # Every other item, including those claimed after the slow one started (rows C+1..N,
    # which a chunked runner would hold behind it), finished before it.
    later = [item for item in others if item["started_at"] > slow["started_at"]]
    assert len(later) >= N - C
    assert all(item["finished_at"] < slow["finished_at"] for item in others)
    completion_order = [item["row_number"] for item in sorted(items, key=lambda item: item["finished_at"])]
    assert completion_order[-1] == slow["row_number"]
