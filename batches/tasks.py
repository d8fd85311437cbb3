"""django-q2 task entry points. Their dotted paths are stored in the queue: keep them
stable. Arguments are ids only (no notice text in the task table)."""

from __future__ import annotations

from django.conf import settings

from batches.services import lifecycle, runner


def batch_run_slice(batch_id: int) -> str:
    if runner.batch_run_slice(batch_id=batch_id):
        lifecycle.batch_enqueue(batch_id=batch_id)
        return "more"
    return "done"


def items_reconcile() -> dict:
    return lifecycle.items_reconcile(max_attempts=settings.BATCH_ITEM_MAX_ATTEMPTS)
