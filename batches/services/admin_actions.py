"""Bulk forms of the lifecycle transitions, one call per admin action. Each returns how many
batches (or items) actually changed: a batch in the wrong status is skipped, never forced,
because every transition underneath is a conditional update."""

from __future__ import annotations

from collections.abc import Iterable

from batches.models import Batch, BatchItem, ItemStatus
from batches.services import lifecycle


def batches_launch(*, batch_ids: Iterable[int]) -> int:
    """DRAFT -> QUEUED for each batch; returns the number launched."""
    return sum(1 for batch_id in batch_ids if lifecycle.batch_launch(batch_id=batch_id))


def batches_cancel(*, batch_ids: Iterable[int]) -> tuple[int, int]:
    """Cancel each unfinished batch; in-flight items finish, pending ones become CANCELLED.
    Returns (batches cancelled, items cancelled)."""
    batches = items = 0
    for batch_id in batch_ids:
        before = _is_cancellable(batch_id)
        cancelled_items = lifecycle.batch_cancel(batch_id=batch_id)
        if before and not _is_cancellable(batch_id):
            batches += 1
        items += cancelled_items
    return batches, items


def _is_cancellable(batch_id: int) -> bool:
    return Batch.objects.filter(pk=batch_id, status__in=lifecycle.CANCELLABLE).exists()


def batches_resume(*, batch_ids: Iterable[int]) -> int:
    """PAUSED -> QUEUED; returns the number resumed."""
    return sum(1 for batch_id in batch_ids if lifecycle.batch_resume(batch_id=batch_id))


def batches_retry_failed(*, batch_ids: Iterable[int], latest_templates: bool = False) -> int:
    """Every FAILED item of the batches back to PENDING; returns the number of items."""
    ids = BatchItem.objects.filter(batch_id__in=list(batch_ids), status=ItemStatus.FAILED).values_list("pk", flat=True)
    return lifecycle.items_retry(item_ids=list(ids), latest_templates=latest_templates)


def items_retry_selected(*, item_ids: Iterable[int], latest_templates: bool = False) -> int:
    """The selected items that FAILED back to PENDING; others are left alone."""
    return lifecycle.items_retry(item_ids=list(item_ids), latest_templates=latest_templates)
