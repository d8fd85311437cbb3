"""Several workers on one batch: a launch can start N slice chains instead of one.

Each chain is the ordinary `batches.tasks.batch_run_slice` task, which claims items
(`claims.claim_items`: SKIP LOCKED on PostgreSQL), so N chains on N qcluster processes
or machines share the batch's items without processing any twice; each chain re-enqueues
itself while items are pending, and whichever finishes last finalizes the batch.
"""

from __future__ import annotations

from django.conf import settings

from batches.services import lifecycle


def parallel_slices(requested: int | None = None) -> int:
    value = requested if requested is not None else settings.BATCH_PARALLEL_SLICES
    return max(1, min(int(value), 64))


def batch_enqueue_parallel(*, batch_id: int, slices: int) -> None:
    """Queue `slices` more slice chains of the batch once the transaction commits."""
    for _ in range(max(0, slices)):
        lifecycle.batch_enqueue(batch_id=batch_id)


def batch_launch_parallel(*, batch_id: int, slices: int | None = None) -> bool:
    """DRAFT -> QUEUED with `slices` chains (default BATCH_PARALLEL_SLICES). False when
    the batch was not a draft (nothing is enqueued then)."""
    launched = lifecycle.batch_launch(batch_id=batch_id)  # enqueues the first chain
    if launched:
        batch_enqueue_parallel(batch_id=batch_id, slices=parallel_slices(slices) - 1)
    return launched
