"""Batch and item transitions. Each is a conditional update, so a duplicate request or a
redelivered task changes nothing."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from batches.models import (
    BATCH_ACTIVE,
    Batch,
    BatchItem,
    BatchStatus,
    ErrorCategory,
    ItemStatus,
)

logger = logging.getLogger(__name__)

TASK_PATH = "batches.tasks.batch_run_slice"  # stored in the queue: do not rename casually
# Items no slice holds yet: PENDING, or a document still waiting for its text extraction.
WAITING = (ItemStatus.PENDING, ItemStatus.EXTRACTING)
UNFINISHED = (*WAITING, ItemStatus.PROCESSING)
CANCELLABLE = (BatchStatus.DRAFT, BatchStatus.QUEUED, BatchStatus.RUNNING, BatchStatus.PAUSED)


def batch_enqueue(*, batch_id: int) -> None:
    """Queue one slice of the batch once the current transaction commits (ids only)."""
    transaction.on_commit(partial(_enqueue_now, batch_id))


def parallel_slices(requested: int | None = None) -> int:
    """How many slice chains a batch runs at once (BATCH_PARALLEL_SLICES: one per worker
    process that should share it, across machines)."""
    value = requested if requested is not None else settings.BATCH_PARALLEL_SLICES
    return max(1, min(int(value), 64))


def _enqueue_chains(batch_id: int, slices: int | None = None) -> None:
    for _ in range(parallel_slices(slices)):
        batch_enqueue(batch_id=batch_id)


def batch_launch(*, batch_id: int, slices: int | None = None) -> bool:
    """DRAFT -> QUEUED and enqueue its slice chains (`slices`, default
    BATCH_PARALLEL_SLICES). Returns False when the batch was not a draft."""
    from templates_app.selectors import template_versions_snapshot

    with transaction.atomic():
        changed = Batch.objects.filter(pk=batch_id, status=BatchStatus.DRAFT).update(
            status=BatchStatus.QUEUED,
            queued_at=timezone.now(),
            template_versions=template_versions_snapshot(),
        )
        if changed:
            logger.info("batch launched", extra={"batch_id": batch_id})
            _enqueue_chains(batch_id, slices)
    return bool(changed)


def batch_cancel(*, batch_id: int) -> int:
    """Stop new claims at once; in-flight items finish; pending ones become CANCELLED.
    Returns the number of items cancelled."""
    now = timezone.now()
    with transaction.atomic():
        changed = Batch.objects.filter(pk=batch_id, status__in=CANCELLABLE).update(
            status=BatchStatus.CANCELLED, finished_at=now, status_message="Cancelled by staff."
        )
        if not changed:
            return 0
        # Documents still waiting for text extraction are cancelled too; an extraction in
        # flight finds its item no longer EXTRACTING and saves nothing.
        return BatchItem.objects.filter(batch_id=batch_id, status__in=WAITING).update(
            status=ItemStatus.CANCELLED,
            error_category=ErrorCategory.CANCELLED,
            error="Batch cancelled before this item was processed.",
            finished_at=now,
        )


def batch_pause(*, batch_id: int, message: str) -> bool:
    """Stop claiming because of a batch-wide problem (LLM auth or quota)."""
    changed = Batch.objects.filter(pk=batch_id, status__in=BATCH_ACTIVE).update(
        status=BatchStatus.PAUSED, status_message=message
    )
    return bool(changed)


def batch_resume(*, batch_id: int) -> bool:
    """PAUSED (or a stalled RUNNING) -> QUEUED; only unfinished items are processed again."""
    with transaction.atomic():
        changed = Batch.objects.filter(pk=batch_id, status__in=[BatchStatus.PAUSED, *BATCH_ACTIVE]).update(
            status=BatchStatus.QUEUED, status_message=""
        )
        if changed:
            _enqueue_chains(batch_id)
    return bool(changed)


def items_retry(*, item_ids, latest_templates: bool = False) -> int:
    """Put FAILED items back to PENDING (EXTRACTING when their text extraction failed) and
    re-open their batches. Returns the count."""
    reset = {"attempts": 0, "error": "", "error_category": "", "lease_owner": "", "lease_expires_at": None}
    with transaction.atomic():
        items = BatchItem.objects.filter(pk__in=list(item_ids), status=ItemStatus.FAILED)
        batch_ids = set(items.values_list("batch_id", flat=True))
        no_text = items.filter(error_category=ErrorCategory.TEXT_EXTRACTION_FAILED)
        count = no_text.update(status=ItemStatus.EXTRACTING, **reset)
        count += items.update(status=ItemStatus.PENDING, retry_after_at=None, **reset)
        for batch_id in batch_ids:
            _reopen(batch_id, latest_templates=latest_templates)
    return count


def batch_retry_failed(*, batch_id: int, latest_templates: bool = False) -> int:
    ids = BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.FAILED).values_list("pk", flat=True)
    return items_retry(item_ids=ids, latest_templates=latest_templates)


def _reopen(batch_id: int, *, latest_templates: bool) -> None:
    from templates_app.selectors import template_versions_snapshot

    updates = {"status": BatchStatus.QUEUED, "finished_at": None, "status_message": ""}
    if latest_templates:
        updates["template_versions"] = template_versions_snapshot()
    reopenable = [
        BatchStatus.COMPLETED,
        BatchStatus.COMPLETED_WITH_ERRORS,
        BatchStatus.FAILED,
        BatchStatus.QUEUED,
        BatchStatus.RUNNING,
        BatchStatus.PAUSED,
    ]
    if Batch.objects.filter(pk=batch_id, status__in=reopenable).update(**updates):
        _enqueue_chains(batch_id)


def batch_finalize(*, batch_id: int) -> bool:
    """RUNNING -> a final status once no item is unfinished. Safe to call any time."""
    items = BatchItem.objects.filter(batch_id=batch_id)
    if items.filter(status__in=UNFINISHED).exists():
        return False
    failed = items.filter(status=ItemStatus.FAILED).exists()
    succeeded = items.filter(status=ItemStatus.ANALYSIS_COMPLETE).exists()
    if failed and not succeeded:
        final = BatchStatus.FAILED
    elif failed:
        final = BatchStatus.COMPLETED_WITH_ERRORS
    else:
        final = BatchStatus.COMPLETED
    changed = Batch.objects.filter(pk=batch_id, status__in=BATCH_ACTIVE).update(
        status=final, finished_at=timezone.now()
    )
    return bool(changed)


def items_reconcile(*, max_attempts: int) -> dict:
    """Re-queue items whose lease expired (their worker died); fail those that already
    used every attempt with WORKER_LOST; wake batches that have pending items but no
    queued task. Run periodically by a django-q2 schedule."""
    requeued, lost = leases_expire(BatchItem.objects.all(), max_attempts=max_attempts)
    woken = _wake_idle_batches()
    return {"requeued": requeued, "workerLost": lost, "batchesWoken": woken}


def leases_expire(items, *, max_attempts: int) -> tuple[int, int]:
    """Among `items`, put PROCESSING ones whose lease lapsed back to PENDING, or fail them
    with WORKER_LOST once they used `max_attempts` (attempts are counted at claim time, so
    an item that kills its worker is tried at most `max_attempts` times). Returns
    (requeued, lost). Used by the reconciler and by every slice of the item's batch."""
    now = timezone.now()
    expired = items.filter(status=ItemStatus.PROCESSING, lease_expires_at__lt=now)
    lost = expired.filter(attempts__gte=max_attempts).update(
        status=ItemStatus.FAILED,
        error_category=ErrorCategory.WORKER_LOST,
        error=f"The worker processing this item stopped {max_attempts} times; the item was set aside.",
        finished_at=now,
        lease_owner="",
        lease_expires_at=None,
    )
    requeued = expired.filter(attempts__lt=max_attempts).update(
        status=ItemStatus.PENDING, lease_owner="", lease_expires_at=None
    )
    if requeued or lost:
        logger.warning("expired leases", extra={"requeued": requeued, "worker_lost": lost})
    return requeued, lost


def items_hold(*, item_ids: list[int], owner: str, until) -> int:
    """Give claimed items back for later (the LLM said "retry after"): PENDING, not
    claimable before `until`, and the attempt is not charged (it was no crash)."""
    return BatchItem.objects.filter(pk__in=item_ids, status=ItemStatus.PROCESSING, lease_owner=owner).update(
        status=ItemStatus.PENDING,
        lease_owner="",
        lease_expires_at=None,
        retry_after_at=until,
        attempts=F("attempts") - 1,
    )


def _wake_idle_batches() -> int:
    """Enqueue a slice for every active batch that has pending items but no slice task in
    the queue (the ORM broker keeps a running task's row until it is acknowledged, so
    "no row" means nobody will claim them); finalize active batches with nothing left."""
    from django_q.models import OrmQ

    woken = 0
    queued_names = _queued_task_names(OrmQ)
    for batch_id in Batch.objects.filter(status__in=BATCH_ACTIVE).values_list("pk", flat=True):
        if f"batch-{batch_id}-slice" in queued_names:
            continue
        items = BatchItem.objects.filter(batch_id=batch_id)
        if items.filter(status__in=WAITING).exists():
            batch_enqueue(batch_id=batch_id)
            woken += 1
        elif not items.filter(status__in=UNFINISHED).exists():
            batch_finalize(batch_id=batch_id)
    if woken:
        logger.warning("reconciler woke %d batches", woken)
    return woken


def _enqueue_now(batch_id: int) -> None:
    from django_q.tasks import async_task

    async_task(TASK_PATH, batch_id, group=f"batch-{batch_id}", task_name=f"batch-{batch_id}-slice")


def _queued_task_names(orm_model) -> set[str]:
    names = set()
    try:
        for package in orm_model.objects.all():
            task = package.task
            names.add(task.get("name", ""))
    except Exception:  # noqa: BLE001 - non-ORM brokers have no queue table to read
        logger.warning("could not read the queue table", exc_info=True)
    return names
