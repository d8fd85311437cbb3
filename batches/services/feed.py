"""Machine ingestion (the API and the SQS feed): one batch per event, never twice.

Same parsing, validation and all-or-nothing creation as an admin upload
(`ingest.batch_create_from_upload`); a `batchId` that was already ingested is reported as
`FeedDuplicate` instead of a rejection, so a redelivered message can be acknowledged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError

from batches.models import Batch, BatchStatus
from batches.services.ingest import UploadOptions, batch_create_from_upload, upload_parse
from batches.services.lifecycle import batch_launch


class FeedDuplicate(Exception):
    """Every batchId of the event was ingested before (as `batch_id`)."""

    def __init__(self, *, external_id: str, batch_id: int):
        super().__init__(f"batchId {external_id!r} was already ingested as batch #{batch_id}.")
        self.external_id = external_id
        self.batch_id = batch_id


def _existing(external_ids: list[str]) -> Batch | None:
    return Batch.objects.filter(external_id__in=external_ids).order_by("pk").first()


def feed_ingest(*, data: bytes, filename: str, user=None, slices: int | None = None) -> list[Batch]:
    """Create and launch the event's batch(es). Raises BatchRejected (nothing written) or
    FeedDuplicate. Returns only after the batches are committed."""
    parsed = upload_parse(data=data, filename=filename)
    ids = [b.batch_id for b in parsed.batches if b.batch_id]
    duplicate = _existing(ids) if ids else None
    if duplicate is None:
        options = UploadOptions(launch=False, user=user, analyzer=settings.TENANTARMOR_ANALYZER)
        try:
            batches = batch_create_from_upload(data=data, filename=filename, options=options, parsed=parsed)
        except IntegrityError:
            # Another consumer committed the same batchId between our check and insert.
            duplicate = _existing(ids)
            if duplicate is None:
                raise
        else:
            for batch in batches:
                batch_launch(batch_id=batch.pk, slices=slices)
            return batches
    if duplicate.status == BatchStatus.DRAFT:
        # Created but not launched (e.g. the broker was down): finish the job now.
        batch_launch(batch_id=duplicate.pk, slices=slices)
    raise FeedDuplicate(external_id=duplicate.external_id, batch_id=duplicate.pk)
