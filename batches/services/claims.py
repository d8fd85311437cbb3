"""Claiming items for processing: the one place that decides who works on what.

On PostgreSQL the candidates are locked with `SELECT ... FOR UPDATE SKIP LOCKED`, so
workers on several machines claiming the same batch never wait on, or collide over, the
same rows. SQLite has no row locks (its writes are serialised by IMMEDIATE transactions);
there the conditional update alone decides. On both, the update re-checks the status, so
an item is only ever claimed by one owner.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from batches.models import BATCH_ACTIVE, BatchItem, ItemStatus

CLAIM_FIELDS = ("pk", "analysis_id", "extracted_text", "user_selected_state", "user_form_data", "attempts")


def claim_items(batch_id: int, *, owner: str, limit: int) -> list[dict]:
    """Claim up to `limit` pending items of a running batch for `owner` (attempts +1,
    lease set). A cancelled or paused batch yields nothing at once."""
    pending = BatchItem.objects.filter(
        batch_id=batch_id, status=ItemStatus.PENDING, batch__status__in=BATCH_ACTIVE
    ).exclude(retry_after_at__gt=timezone.now())  # an item the LLM asked us to hold back waits
    with transaction.atomic():
        if connection.vendor == "postgresql":
            pending = pending.select_for_update(skip_locked=True, of=("self",))
        candidates = list(pending.order_by("row_number").values_list("pk", flat=True)[:limit])
        if not candidates:
            return []
        now = timezone.now()
        BatchItem.objects.filter(pk__in=candidates, status=ItemStatus.PENDING).update(
            status=ItemStatus.PROCESSING,
            lease_owner=owner,
            lease_expires_at=now + timedelta(seconds=settings.BATCH_ITEM_LEASE_SECONDS),
            attempts=F("attempts") + 1,
            started_at=now,
        )
    return list(
        BatchItem.objects.filter(pk__in=candidates, status=ItemStatus.PROCESSING, lease_owner=owner)
        .order_by("row_number")
        .values(*CLAIM_FIELDS)
    )
