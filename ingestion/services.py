"""Writes about ingestion: the record of a feed message, API or admin upload that we refused.

The record keeps why (the parser's messages name rows and fields and never quote notice
text or form values) and never the body: an SQS message stays on its queue for the
dead-letter redrive, an API caller still holds what it sent."""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.models import IngestRejection, RejectionSource

MAX_REASON_ERRORS = 20


def rejection_reason(*, message: str, errors: Sequence) -> str:
    """The rejection's message and its first MAX_REASON_ERRORS row error messages."""
    lines = [message]
    lines += [error.message for error in errors[:MAX_REASON_ERRORS]]
    if len(errors) > MAX_REASON_ERRORS:
        lines.append(f"... and {len(errors) - MAX_REASON_ERRORS} more row error(s).")
    return "\n".join(lines)


def rejection_create_from_api(*, reason: str, duplicate: bool = False, external_id: str = "") -> IngestRejection:
    """One row per refused POST /api/batches/ (a request has no queue or message id)."""
    return _rejection_create(RejectionSource.API, reason=reason, duplicate=duplicate, external_id=external_id)


def rejection_create_from_admin(*, reason: str, duplicate: bool = False, external_id: str = "") -> IngestRejection:
    """One row per staff upload refused by validation (a cancel is not a rejection)."""
    return _rejection_create(RejectionSource.ADMIN, reason=reason, duplicate=duplicate, external_id=external_id)


def rejection_record_from_sqs(
    *, queue_url: str, message: dict, reason: str, duplicate: bool = False, external_id: str = ""
) -> IngestRejection:
    """One row per SQS message (and kind), its receive count updated on each redelivery."""
    receive_count = int(message.get("Attributes", {}).get("ApproximateReceiveCount", 1))
    rejection, _ = IngestRejection.objects.update_or_create(
        source=RejectionSource.SQS,
        message_id=message.get("MessageId", ""),
        duplicate=duplicate,
        defaults={
            "queue_url": queue_url[:500],
            "reason": reason,
            "receive_count": receive_count,
            "batch_external_id": external_id[:128],
        },
    )
    return rejection


def _rejection_create(source: str, *, reason: str, duplicate: bool, external_id: str) -> IngestRejection:
    return IngestRejection.objects.create(
        source=source, reason=reason, duplicate=duplicate, batch_external_id=external_id[:128]
    )
