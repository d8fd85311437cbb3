"""The SQS feed against moto's SQS server (with a dead-letter queue and redrive policy)."""

from __future__ import annotations

import json
import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from batches.models import Batch, BatchStatus
from batches.services.sqs import sqs_consume
from ingestion.models import IngestRejection
from tests.conftest import make_request

pytestmark = pytest.mark.django_db
TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Z. Sample\nYou owe $1,000.00 in rent."


def body(batch_id: str, *ids: str) -> str:
    requests = [make_request(i, TEXT) for i in ids]
    return json.dumps({"batchProcessing": True, "batchId": batch_id, "batchRequests": requests})


@pytest.fixture
def queues(boto):
    sqs = boto("sqs")
    dlq = sqs.create_queue(QueueName="ta-feed-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})
    main = sqs.create_queue(QueueName="ta-feed", Attributes={"VisibilityTimeout": "1", "RedrivePolicy": redrive})[
        "QueueUrl"
    ]
    return sqs, main, dlq


def consume(sqs, url):
    return sqs_consume(queue_url=url, wait_seconds=1, once=True, client=sqs)


def visible(sqs, url) -> int:
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


def test_valid_message_becomes_one_launched_batch_and_is_deleted(queues):
    sqs, main, _ = queues
    sqs.send_message(QueueUrl=main, MessageBody=body("feed-1", "f1-a", "f1-b"))
    assert consume(sqs, main) == {"ingested": 1}
    batch = Batch.objects.get(external_id="feed-1")
    assert batch.status == BatchStatus.QUEUED and batch.items.count() == 2
    time.sleep(1.2)  # past the visibility timeout: a not-deleted message would be back
    assert visible(sqs, main) == 0 and not IngestRejection.objects.exists()


def test_sqs_event_record_body_is_accepted(queues):
    sqs, main, _ = queues
    record = json.dumps({"Records": [{"body": json.loads(body("feed-rec", "rec-a"))}]})
    sqs.send_message(QueueUrl=main, MessageBody=record)
    assert consume(sqs, main) == {"ingested": 1}
    assert Batch.objects.get(external_id="feed-rec").items.count() == 1


def test_repeated_batch_id_is_not_ingested_twice(queues):
    sqs, main, _ = queues
    sqs.send_message(QueueUrl=main, MessageBody=body("feed-dup", "dup-a"))
    sqs.send_message(QueueUrl=main, MessageBody=body("feed-dup", "dup-b"))
    counts = consume(sqs, main) + consume(sqs, main)
    assert counts == {"ingested": 1, "duplicate": 1}
    assert Batch.objects.filter(external_id="feed-dup").count() == 1
    rejection = IngestRejection.objects.get()
    assert rejection.duplicate and rejection.batch_external_id == "feed-dup" and "duplicate" in rejection.reason
    time.sleep(1.2)
    assert visible(sqs, main) == 0  # the duplicate was deleted, not redelivered


def test_invalid_message_stays_for_the_dead_letter_queue_and_is_recorded(queues):
    sqs, main, dlq = queues
    # Row 1 is invalid; row 2 carries real notice text, which the rejection must not keep.
    requests = [make_request("b1", "  "), make_request("b2", TEXT)]
    bad = json.dumps({"batchProcessing": True, "batchId": "feed-bad", "batchRequests": requests})
    message_id = sqs.send_message(QueueUrl=main, MessageBody=bad)["MessageId"]
    assert consume(sqs, main) == {"rejected": 1}
    time.sleep(1.2)
    assert consume(sqs, main) == {"rejected": 1}  # redelivered: not deleted
    time.sleep(1.2)
    assert consume(sqs, main) == {}  # past maxReceiveCount: the queue moved it to the DLQ
    moved = sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=1)["Messages"]
    assert [m["MessageId"] for m in moved] == [message_id]
    assert not Batch.objects.exists()
    rejection = IngestRejection.objects.get()
    assert rejection.message_id == message_id and rejection.receive_count == 2 and not rejection.duplicate
    assert "Row 1" in rejection.reason and "extractedText" in rejection.reason
    assert TEXT not in rejection.reason


def test_non_json_message_is_rejected_not_crashing(queues):
    sqs, main, _ = queues
    sqs.send_message(QueueUrl=main, MessageBody="this is not json")
    assert consume(sqs, main) == {"rejected": 1}
    assert IngestRejection.objects.get().reason


def test_command_consumes_once(queues, aws, capsys):
    sqs, main, _ = queues
    sqs.send_message(QueueUrl=main, MessageBody=body("feed-cmd", "cmd-a"))
    with override_settings(SQS_ENDPOINT_URL=aws):
        call_command("consume_sqs", "--queue-url", main, "--once", "--wait-seconds", "1")
    assert "ingested=1" in capsys.readouterr().out
    assert Batch.objects.filter(external_id="feed-cmd").exists()


def test_rejections_are_visible_read_only_in_the_admin(admin_client):
    IngestRejection.objects.create(source="sqs", message_id="msg-42", reason="1 invalid row(s)", receive_count=3)
    page = admin_client.get("/admin/ingestion/ingestrejection/")
    assert page.status_code == 200 and b"msg-42" in page.content
    rejection = IngestRejection.objects.get()
    detail = admin_client.get(f"/admin/ingestion/ingestrejection/{rejection.pk}/change/")
    assert detail.status_code == 200 and b"1 invalid row(s)" in detail.content
    assert admin_client.get("/admin/ingestion/ingestrejection/add/").status_code == 403
