"""Upload -> Batch + items: all or nothing, enqueued only after commit."""

import pytest
from django_q.models import OrmQ

from batches.models import Batch, BatchItem, BatchStatus, ItemStatus
from batches.services.ingest import BatchRejected, UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request

pytestmark = pytest.mark.django_db

CA_TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Z. Sample\nYou owe $1,000.00 in rent."


def create(data: bytes, **options) -> list[Batch]:
    return batch_create_from_upload(data=data, filename="upload.json", options=UploadOptions(launch=False, **options))


def test_sample_event_creates_one_draft_batch_with_14_items(sample_event_bytes):
    [batch] = create(sample_event_bytes)
    assert batch.status == BatchStatus.DRAFT
    assert batch.external_id == "batch_sample_001"
    assert batch.source_format == "sqs-event"
    assert batch.items.count() == 14
    first = batch.items.get(row_number=1)
    assert first.analysis_id == "analysis_001"
    assert first.user_selected_state == "CA"
    assert first.user_form_data["tenantName"] == "Tenant A. Sample"
    assert first.status == ItemStatus.PENDING
    assert first.reason_guess == "non-payment"


def test_invalid_rows_reject_the_whole_upload_and_write_nothing():
    data = make_event(
        [
            make_request("a1", CA_TEXT),
            make_request("a2", "   ", state="CA"),
            make_request("a3", CA_TEXT, state="XX"),
        ]
    )
    with pytest.raises(BatchRejected) as excinfo:
        create(data)
    rows = sorted((e.row, e.field) for e in excinfo.value.errors)
    assert rows == [(2, "extractedText"), (3, "userSelectedState")]
    assert Batch.objects.count() == 0 and BatchItem.objects.count() == 0


def test_skip_invalid_ingests_only_valid_rows():
    data = make_event([make_request("a1", CA_TEXT), make_request("a2", "", state="CA")])
    [batch] = create(data, skip_invalid=True)
    assert list(batch.items.values_list("analysis_id", flat=True)) == ["a1"]


def test_analysis_id_already_ingested_is_a_row_error_naming_the_batch():
    [first] = create(make_event([make_request("dup-1", CA_TEXT)], batch_id="b1"))
    with pytest.raises(BatchRejected) as excinfo:
        create(make_event([make_request("dup-1", CA_TEXT), make_request("new-1", CA_TEXT)], batch_id="b2"))
    [error] = excinfo.value.errors
    assert error.row == 1 and error.field == "analysisId"
    assert f"batch #{first.pk}" in error.message
    assert Batch.objects.count() == 1


def test_repeated_batch_id_is_not_ingested_twice():
    create(make_event([make_request("x1", CA_TEXT)], batch_id="same"))
    with pytest.raises(BatchRejected, match="already ingested"):
        create(make_event([make_request("x2", CA_TEXT)], batch_id="same"))
    assert Batch.objects.filter(external_id="same").count() == 1
    assert list(BatchItem.objects.values_list("analysis_id", flat=True)) == ["x1"]  # x2 was not written


def test_file_level_rejection_has_a_clear_message():
    with pytest.raises(BatchRejected) as excinfo:
        create(b'{"Records": [')
    assert excinfo.value.errors == []
    assert excinfo.value.message


def test_launch_enqueues_only_after_commit(django_capture_on_commit_callbacks):
    from django_q.conf import Conf

    data = make_event([make_request("q1", CA_TEXT)])
    original = Conf.SYNC
    Conf.SYNC = False  # look at the queue instead of running inline
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            [batch] = batch_create_from_upload(data=data, filename="u.json", options=UploadOptions(launch=True))
            assert OrmQ.objects.count() == 0, "nothing may be queued before the transaction commits"
        assert len(callbacks) == 1
        callbacks[0]()
    finally:
        Conf.SYNC = original
    batch.refresh_from_db()
    assert batch.status == BatchStatus.QUEUED
    [package] = OrmQ.objects.all()
    task = package.task
    assert task["args"] == (batch.pk,), "task arguments carry the batch id only"
    assert task["group"] == f"batch-{batch.pk}"
