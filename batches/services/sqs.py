"""The seed's SQS event feed: long-poll a queue, one batch per message.

- A message is deleted only after its batch is committed (and launched).
- An invalid message is recorded (`IngestRejection`, reason only, never notice text) and
  left on the queue: its visibility timeout lapses, the queue redelivers it, and after
  `maxReceiveCount` the queue's redrive policy moves it to the dead-letter queue.
- A repeated batchId is deleted and recorded as a duplicate; nothing is created twice.
- Anything else (database down, a bug) leaves the message for redelivery, unrecorded.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

import boto3
from django.conf import settings

from batches.services.feed import FeedDuplicate, feed_ingest
from batches.services.ingest import BatchRejected
from ingestion.services import rejection_reason, rejection_record_from_sqs

logger = logging.getLogger(__name__)


def sqs_client(*, endpoint_url: str | None = None):
    return boto3.client(
        "sqs",
        endpoint_url=endpoint_url or settings.SQS_ENDPOINT_URL or None,
        region_name=settings.AWS_S3_REGION_NAME,
    )


def sqs_receive(*, client, queue_url: str, wait_seconds: int, max_messages: int = 1) -> list[dict]:
    reply = client.receive_message(
        QueueUrl=queue_url,
        MaxNumberOfMessages=max_messages,
        WaitTimeSeconds=wait_seconds,
        MessageSystemAttributeNames=["ApproximateReceiveCount"],
    )
    return reply.get("Messages", [])


def sqs_message_handle(*, client, queue_url: str, message: dict) -> str:
    """Ingest one message. Returns "ingested", "duplicate" or "rejected"."""
    message_id = message.get("MessageId", "")
    try:
        batches = feed_ingest(data=message.get("Body", "").encode(), filename=f"sqs-{message_id}.json")
    except BatchRejected as exc:
        rejection_record_from_sqs(
            queue_url=queue_url, message=message, reason=rejection_reason(message=exc.message, errors=exc.errors)
        )
        logger.warning("sqs message rejected", extra={"message_id": message_id})
        return "rejected"  # not deleted: the redrive policy takes it to the DLQ
    except FeedDuplicate as exc:
        rejection_record_from_sqs(
            queue_url=queue_url,
            message=message,
            reason=f"duplicate: {exc}",
            duplicate=True,
            external_id=exc.external_id,
        )
        client.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        return "duplicate"
    client.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    logger.info("sqs batch ingested", extra={"message_id": message_id, "batch_ids": [b.pk for b in batches]})
    return "ingested"


def sqs_consume(
    *,
    queue_url: str,
    wait_seconds: int,
    once: bool = False,
    client=None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Counter:
    """Long-poll until `should_stop()` (or after one receive with `once`). Returns counts."""
    client = client or sqs_client()
    counts: Counter = Counter()
    while not should_stop():
        for message in sqs_receive(client=client, queue_url=queue_url, wait_seconds=wait_seconds):
            counts[sqs_message_handle(client=client, queue_url=queue_url, message=message)] += 1
        if once:
            break
    return counts
