"""The reconciler, leases, redelivery, resume and cancel, on the test database."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.models import OrmQ
from django_q.signing import SignedPackage

from batches.models import Batch, BatchItem, BatchStatus, ErrorCategory, ItemStatus, RateLimitWindow
from batches.services import lifecycle, runner
from batches.services.claims import claim_items
from tests.reliability.conftest import calls_per_item, create_batch, run_all

pytestmark = pytest.mark.django_db


def lapse(batch, *, attempts: int, n: int | None = None) -> list[int]:
    """Claim items as a worker that then died: leases already expired."""
    claimed = claim_items(batch.pk, owner="dead-worker", limit=n or 100)
    ids = [c["pk"] for c in claimed]
    BatchItem.objects.filter(pk__in=ids).update(
        attempts=attempts, lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    return ids


def queue_row(batch_id: int) -> OrmQ:
    task = {"id": "x" * 32, "name": f"batch-{batch_id}-slice", "func": lifecycle.TASK_PATH, "args": (batch_id,)}
    return OrmQ.objects.create(key="tenantarmor", payload=SignedPackage.dumps(task), lock=timezone.now())


def test_reconcile_requeues_lapsed_leases_and_sets_aside_items_out_of_attempts(defaults):
    batch = create_batch(4, analyzer="rules")
    [a, b] = lapse(batch, attempts=1, n=2)
    [c] = lapse(batch, attempts=3, n=1)
    live = claim_items(batch.pk, owner="live-worker", limit=1)[0]["pk"]
    queue_row(batch.pk)  # a slice is queued: the batch is not woken twice

    with_counts = lifecycle.items_reconcile(max_attempts=3)

    assert with_counts == {"requeued": 2, "workerLost": 1, "batchesWoken": 0}
    items = {i.pk: i for i in batch.items.all()}
    assert {items[a].status, items[b].status} == {ItemStatus.PENDING}
    assert items[a].lease_owner == "" and items[a].attempts == 1  # the attempt stays counted
    assert (items[c].status, items[c].error_category) == (ItemStatus.FAILED, ErrorCategory.WORKER_LOST)
    assert "3 times" in items[c].error
    assert items[live].status == ItemStatus.PROCESSING  # a live lease is left alone


def test_reconcile_wakes_a_batch_with_pending_items_and_no_queued_task(defaults, django_capture_on_commit_callbacks):
    batch = create_batch(3, analyzer="rules")
    with django_capture_on_commit_callbacks(execute=True):  # the sync test queue runs the slice inline
        counts = lifecycle.items_reconcile(max_attempts=3)
    assert counts["batchesWoken"] == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED
    assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.ANALYSIS_COMPLETE}


def test_reconcile_finalizes_an_active_batch_with_nothing_left(defaults):
    batch = run_all(create_batch(2, analyzer="rules"))
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, finished_at=None)
    lifecycle.items_reconcile(max_attempts=3)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED and batch.finished_at is not None


def test_redelivered_slice_heals_its_batch_without_the_reconciler(defaults):
    batch = create_batch(3, analyzer="rules")
    lapse(batch, attempts=1, n=2)
    lapse(batch, attempts=3, n=1)
    batch = run_all(batch)
    counts = dict(batch.items.values_list("error_category", "status").distinct())
    assert counts == {"": ItemStatus.ANALYSIS_COMPLETE, ErrorCategory.WORKER_LOST: ItemStatus.FAILED}
    assert batch.status == BatchStatus.COMPLETED_WITH_ERRORS


def test_a_completed_item_makes_no_llm_call_when_its_task_comes_again(defaults, fake_llm, transactional_db):
    batch = run_all(create_batch(3))
    before = {i.pk: (i.finished_at, i.analysis_results) for i in batch.items.all()}
    assert calls_per_item(fake_llm) == {"00001": 1, "00002": 1, "00003": 1}
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)  # as if the task were redelivered
    for _ in range(2):
        assert runner.batch_run_slice(batch_id=batch.pk) is False
    assert calls_per_item(fake_llm) == {"00001": 1, "00002": 1, "00003": 1}
    assert {i.pk: (i.finished_at, i.analysis_results) for i in batch.items.all()} == before


def test_resume_processes_only_unfinished_items_and_leaves_done_ones_untouched(defaults):
    batch = create_batch(6, analyzer="rules", concurrency=2)
    later = batch.items.filter(row_number__gt=3)
    later.update(retry_after_at=timezone.now() + timedelta(hours=1))  # not reachable in this run
    assert runner.batch_run_slice(batch_id=batch.pk, time_budget=0.5) is True  # stopped part-way
    done = dict(batch.items.filter(status=ItemStatus.ANALYSIS_COMPLETE).values_list("pk", "finished_at"))
    assert len(done) == 3
    assert lifecycle.batch_pause(batch_id=batch.pk, message="Paused: stopped by a test")
    later.update(retry_after_at=None)
    assert claim_items(batch.pk, owner="w", limit=10) == []  # paused: nothing is claimed

    assert lifecycle.batch_resume(batch_id=batch.pk)
    batch = run_all(batch)
    assert batch.status == BatchStatus.COMPLETED
    assert dict(batch.items.filter(pk__in=done).values_list("pk", "finished_at")) == done  # untouched
    assert set(batch.items.values_list("attempts", flat=True)) == {1}  # nothing ran twice


def test_cancel_stops_new_claims_at_once_and_in_flight_items_still_save(defaults):
    batch = create_batch(4, analyzer="rules")
    [in_flight] = claim_items(batch.pk, owner="w", limit=1)
    assert lifecycle.batch_cancel(batch_id=batch.pk) == 3
    assert claim_items(batch.pk, owner="w2", limit=10) == []
    assert runner.batch_run_slice(batch_id=batch.pk) is False
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    counts = dict(batch.items.values_list("status", "error_category").distinct())
    assert counts[ItemStatus.CANCELLED] == ErrorCategory.CANCELLED
    assert BatchItem.objects.get(pk=in_flight["pk"]).status == ItemStatus.PROCESSING  # left to finish


def test_retry_clears_a_hold(defaults):
    batch = run_all(create_batch(1, analyzer="rules"))
    BatchItem.objects.filter(batch=batch).update(
        status=ItemStatus.FAILED, retry_after_at=timezone.now() + timedelta(hours=1)
    )
    assert lifecycle.batch_retry_failed(batch_id=batch.pk) == 1
    assert batch.items.get().retry_after_at is None


def test_a_completed_item_without_its_result_is_refused_by_the_database(defaults):
    from django.db import IntegrityError, transaction

    batch = create_batch(1, analyzer="rules")
    with pytest.raises(IntegrityError), transaction.atomic():
        batch.items.update(status=ItemStatus.ANALYSIS_COMPLETE, analysis_results=None)


def test_worker_start_runs_the_reconciler_once_per_interval(defaults, django_capture_on_commit_callbacks):
    from django_q.signals import post_spawn

    batch = create_batch(2, analyzer="rules")
    [lapsed] = lapse(batch, attempts=1, n=1)
    with django_capture_on_commit_callbacks(execute=True):
        post_spawn.send(sender="django_q", proc_name="Worker-1")
        post_spawn.send(sender="django_q", proc_name="Worker-2")  # within the interval: skipped
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED  # requeued, woken and run (sync test queue)
    assert BatchItem.objects.get(pk=lapsed).attempts == 2
    assert RateLimitWindow.objects.get(key="reconciler:spawn").used == 1


def test_once_per_grants_one_caller_per_interval(db):
    from batches.ratelimit import once_per

    t0 = timezone.now()
    assert once_per("k", seconds=10, now=t0) is True
    assert once_per("k", seconds=10, now=t0 + timedelta(seconds=5)) is False
    assert once_per("k", seconds=10, now=t0 + timedelta(seconds=11)) is True


class _Hang(SystemExit):
    """Stands in for django-q2's TimeoutException (a SystemExit raised by SIGALRM)."""


def test_a_slice_killed_by_the_task_timeout_still_charges_its_in_flight_items(defaults, monkeypatch):
    batch = create_batch(2, analyzer="rules", concurrency=2)

    def hang(*args, **kwargs):
        raise _Hang()

    # The timeout fires on the task thread while items are in flight (waiting on threads).
    monkeypatch.setattr(runner, "wait", hang)
    with pytest.raises(_Hang):
        runner.batch_run_slice(batch_id=batch.pk)
    items = list(batch.items.values_list("status", "attempts", "lease_owner"))
    assert items == [(ItemStatus.PENDING, 1, ""), (ItemStatus.PENDING, 1, "")]  # back, attempt kept


def test_an_item_that_keeps_hanging_its_task_is_set_aside_at_k(defaults, monkeypatch):
    batch = create_batch(1, analyzer="rules")

    def hang(*args, **kwargs):
        raise _Hang()

    monkeypatch.setattr(runner, "wait", hang)
    for _ in range(3):  # BATCH_ITEM_MAX_ATTEMPTS
        with pytest.raises(_Hang):
            runner.batch_run_slice(batch_id=batch.pk)
    item = batch.items.get()
    assert (item.status, item.attempts, item.error_category) == (ItemStatus.FAILED, 3, ErrorCategory.WORKER_LOST)
    assert runner.batch_run_slice(batch_id=batch.pk) is False  # nothing left to claim
