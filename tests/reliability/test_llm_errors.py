"""LLM errors, inline against the fake OpenAI on 127.0.0.1: one retry owner, transient
errors retried, permanent ones fail at once, auth/quota pause the batch, and a Retry-After
beyond our cap holds the item back instead of failing it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from batches import ratelimit
from batches.analysis import reset_analyzers
from batches.models import BatchItem, BatchStatus, ItemStatus, RateLimitWindow
from batches.services import lifecycle, runner
from batches.services.claims import claim_items
from tests.reliability.conftest import calls_per_item, create_batch, run_all

pytestmark = pytest.mark.django_db(transaction=True)


def statuses(batch):
    return dict(batch.items.values_list("analysis_id", "status"))


def test_sdk_never_retries_and_our_loop_retries_transient_errors(defaults, fake_llm):
    fake_llm.enqueue(500, "ok", "disconnect", "ok", ("status", 429, {"retry-after-ms": "20"}), "ok")
    batch = run_all(create_batch(3))
    assert batch.status == BatchStatus.COMPLETED
    headers = [e["headers"].get("x-stainless-retry-count") for e in fake_llm.chat_requests()]
    assert headers and set(headers) == {"0"}  # every request is a first try for the SDK
    assert calls_per_item(fake_llm) == {"00001": 2, "00002": 2, "00003": 2}
    attempts = [i.analysis_results["provenance"]["attempts"] for i in batch.items.all()]
    assert attempts == [2, 2, 2]


@pytest.mark.parametrize(
    ("outcome", "category"),
    [
        (400, "LLM_BAD_REQUEST"),
        (422, "LLM_BAD_REQUEST"),
        ("schema_invalid", "LLM_BAD_OUTPUT"),
        ("malformed", "LLM_BAD_OUTPUT"),
    ],
)
def test_permanent_errors_fail_the_item_at_once(defaults, fake_llm, outcome, category):
    fake_llm.enqueue(outcome)
    batch = run_all(create_batch(2))
    first = batch.items.get(analysis_id="rel-1")
    assert (first.status, first.error_category) == (ItemStatus.FAILED, category)
    assert first.error and "Maria" not in first.error
    assert calls_per_item(fake_llm)["00001"] == 1  # not retried
    assert batch.items.get(analysis_id="rel-2").status == ItemStatus.ANALYSIS_COMPLETE
    assert batch.status == BatchStatus.COMPLETED_WITH_ERRORS


@pytest.mark.parametrize(("outcome", "words"), [("auth", "credentials"), ("insufficient_quota", "quota")])
def test_auth_or_quota_pauses_the_batch_and_resume_continues(defaults, fake_llm, outcome, words):
    fake_llm.enqueue(outcome)
    batch = run_all(create_batch(4))
    assert batch.status == BatchStatus.PAUSED
    assert words in batch.status_message and batch.status_message.startswith("Paused:")
    assert set(statuses(batch).values()) == {ItemStatus.PENDING}  # nothing failed, nothing lost
    assert list(batch.items.values_list("attempts", flat=True)) == [0, 0, 0, 0]
    assert claim_items(batch.pk, owner="x", limit=5) == []  # a paused batch yields nothing

    assert lifecycle.batch_resume(batch_id=batch.pk)  # sync test queue: runs the batch inline
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED and batch.status_message == ""
    assert set(statuses(batch).values()) == {ItemStatus.ANALYSIS_COMPLETE}
    assert calls_per_item(fake_llm) == {"00001": 2, "00002": 1, "00003": 1, "00004": 1}


def test_retry_after_beyond_the_cap_holds_the_item_instead_of_failing_it(defaults, fake_llm):
    fake_llm.enqueue(("status", 429, {"retry-after": "600"}))
    batch = create_batch(3)
    assert runner.batch_run_slice(batch_id=batch.pk, time_budget=0.5) is True  # still has work
    held = batch.items.get(analysis_id="rel-1")
    assert held.status == ItemStatus.PENDING and held.attempts == 0 and held.error_category == ""
    wait = (held.retry_after_at - timezone.now()).total_seconds()
    assert 590 < wait <= 600
    assert calls_per_item(fake_llm) == {"00001": 1}  # returned at once, no 10-minute sleep
    # The server said when it accepts again: nothing else is sent before then, and the
    # items not sent are not charged an attempt.
    assert statuses(batch) == {"rel-1": "PENDING", "rel-2": "PENDING", "rel-3": "PENDING"}
    assert set(batch.items.values_list("attempts", flat=True)) == {0}
    assert claim_items(batch.pk, owner="x", limit=5) != []  # only the held item is held back
    BatchItem.objects.filter(batch=batch).update(status=ItemStatus.PENDING, lease_owner="", attempts=0)
    assert 590 < ratelimit.pause_remaining() <= 600  # shared with every process

    reset_analyzers()  # as a fresh worker process: it adopts the shared pause
    assert runner.batch_run_slice(batch_id=batch.pk, time_budget=0.3) is True
    assert len(fake_llm.chat_requests()) == 1

    RateLimitWindow.objects.filter(key=ratelimit.PAUSE_KEY).update(window_start=timezone.now())
    BatchItem.objects.filter(pk=held.pk).update(retry_after_at=timezone.now() - timedelta(seconds=1))
    reset_analyzers()
    batch = run_all(batch)
    assert batch.status == BatchStatus.COMPLETED
    assert calls_per_item(fake_llm) == {"00001": 2, "00002": 1, "00003": 1}


def test_a_short_retry_after_pauses_the_other_threads_until_that_moment(defaults, fake_llm):
    fake_llm.enqueue(("status", 429, {"retry-after-ms": "400"}))
    fake_llm.configure(latency_ms=50)
    batch = run_all(create_batch(8, concurrency=4), time_budget=5)
    assert batch.status == BatchStatus.COMPLETED
    sent = sorted(e["monotonic"] for e in fake_llm.chat_requests())
    assert len(sent) == 9  # 8 items, one of them twice
    # The 429 came back ~50 ms after the first wave: the three threads that finished then
    # did not send the next items into the pause; everything waited until its end.
    first = sent[0]
    assert [t - first < 0.04 for t in sent] == [True] * 4 + [False] * 5
    assert all(t - first >= 0.44 for t in sent[4:])


def test_rate_limited_on_every_attempt_is_held_not_failed(defaults, fake_llm):
    # Each Retry-After (300 ms) outlasts the slice's budget (0.2 s), so the slice cannot wait
    # the hold out and re-claim the item: deterministic on a fast or a slow database.
    fake_llm.enqueue(("status", 429, {"retry-after-ms": "300"}), ("status", 429, {"retry-after-ms": "300"}))
    batch = create_batch(1)
    runner.batch_run_slice(batch_id=batch.pk, time_budget=0.2)
    item = batch.items.get()
    assert item.status == ItemStatus.PENDING and item.retry_after_at is not None
    batch = run_all(batch, time_budget=2)
    assert batch.status == BatchStatus.COMPLETED


def test_short_hold_is_waited_out_inside_the_slice(defaults, fake_llm):
    batch = create_batch(1)
    BatchItem.objects.filter(batch=batch).update(retry_after_at=timezone.now() + timedelta(seconds=0.5))
    assert runner.batch_run_slice(batch_id=batch.pk, time_budget=5) is False  # waited, then ran it
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED


def test_a_batch_whose_items_are_all_held_waits_out_the_slice_instead_of_looping(defaults, fake_llm):
    import time

    batch = create_batch(2)
    BatchItem.objects.filter(batch=batch).update(retry_after_at=timezone.now() + timedelta(minutes=10))
    started = time.monotonic()
    assert runner.batch_run_slice(batch_id=batch.pk, time_budget=1.0) is True
    assert time.monotonic() - started >= 0.9  # one slice per budget, not a task storm
    assert fake_llm.chat_requests() == []
