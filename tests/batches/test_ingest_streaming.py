"""Ingest reads the upload one request at a time and inserts INSERT_CHUNK rows at a time in
one transaction: chunk boundaries, a bad row in a later chunk, query counts, and the fast
insert filling every column exactly as the ORM would."""

import io
import json

import pytest
from django.db import connection, models

from batches.models import Batch, BatchItem, ItemStatus
from batches.selectors import batch_metrics
from batches.services.ingest import (
    INSERT_CHUNK,
    BatchRejected,
    UploadOptions,
    batch_create_from_upload,
    upload_check,
    upload_parse,
)
from batches.services.item_insert import column_defaults, insert_fields
from tests.conftest import make_request

pytestmark = pytest.mark.django_db

TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Z. Sample\nYou owe $1,000.00 in rent."


def requests(n: int, prefix: str = "s") -> list[dict]:
    return [make_request(f"{prefix}-{i:05d}", TEXT, state="CA") for i in range(n)]


def jsonl(items: list[dict]) -> bytes:
    return "".join(json.dumps(item) + "\n" for item in items).encode()


def event(items: list[dict], *, batch_first: bool = True, batch_id: str = "b-stream") -> bytes:
    body = (
        {"batchId": batch_id, "batchRequests": items} if batch_first else {"batchRequests": items, "batchId": batch_id}
    )
    return json.dumps({"Records": [{"body": body}]}).encode()


def ingest(data: bytes, filename: str = "u.jsonl", *, pipe: bool = False, **options) -> list[Batch]:
    fileobj = _Pipe(data) if pipe else io.BytesIO(data)
    return batch_create_from_upload(fileobj=fileobj, filename=filename, options=UploadOptions(launch=False, **options))


@pytest.mark.parametrize("n", [INSERT_CHUNK, INSERT_CHUNK + 1])
@pytest.mark.parametrize("fmt", ["jsonl", "sqs"])
def test_chunk_boundaries_insert_every_row_once(n, fmt):
    data = jsonl(requests(n)) if fmt == "jsonl" else event(requests(n))
    [batch] = ingest(data)
    rows = list(batch.items.order_by("row_number").values_list("row_number", "analysis_id", "status"))
    assert len(rows) == n
    first_row = 1
    assert rows[0] == (first_row, "s-00000", ItemStatus.PENDING)
    assert rows[-1] == (first_row + n - 1, f"s-{n - 1:05d}", ItemStatus.PENDING)
    metrics = batch_metrics(batch)
    assert metrics["totalItems"] == n and metrics["totalProcessed"] == 0
    with batch.source_file.open("rb") as stored:
        assert stored.read() == data


def test_a_bad_row_after_the_first_chunk_writes_nothing_and_every_bad_row_is_named():
    items = requests(INSERT_CHUNK * 2 + 10)
    items[INSERT_CHUNK + 500]["userSelectedState"] = "ZZ"
    items[INSERT_CHUNK * 2 + 3]["extractedText"] = ""
    with pytest.raises(BatchRejected) as caught:
        ingest(jsonl(items))
    assert [(e.row, e.field) for e in caught.value.errors] == [
        (INSERT_CHUNK + 501, "userSelectedState"),
        (INSERT_CHUNK * 2 + 4, "extractedText"),
    ]
    assert caught.value.message == "2 invalid row(s); nothing was created."
    assert not Batch.objects.exists() and not BatchItem.objects.exists()


def test_an_already_ingested_id_in_a_later_chunk_is_named_and_nothing_is_written():
    [old] = ingest(jsonl([make_request("s-02100", TEXT)]))
    with pytest.raises(BatchRejected) as caught:
        ingest(jsonl(requests(INSERT_CHUNK + 200)))
    [error] = caught.value.errors
    assert (error.row, error.field) == (2101, "analysisId") and f"batch #{old.pk}" in error.message
    assert list(Batch.objects.values_list("pk", flat=True)) == [old.pk]
    assert BatchItem.objects.count() == 1


def test_skip_invalid_keeps_the_valid_rows_of_every_chunk():
    items = requests(INSERT_CHUNK + 5)
    items[INSERT_CHUNK + 1]["userSelectedState"] = "ZZ"
    [batch] = ingest(jsonl(items), skip_invalid=True)
    assert batch.items.count() == INSERT_CHUNK + 4
    assert not batch.items.filter(row_number=INSERT_CHUNK + 2).exists()


def test_a_batch_id_after_the_requests_names_the_batch():
    [batch] = ingest(event(requests(3), batch_first=False, batch_id="late-id"), filename="e.json")
    batch.refresh_from_db()
    assert (batch.external_id, batch.name, batch.source_format) == ("late-id", "late-id", "sqs-event")


def test_a_batch_id_already_ingested_after_the_requests_rejects_the_upload():
    [first] = ingest(event(requests(2, "x"), batch_id="same"))
    with pytest.raises(BatchRejected, match=f"batchId 'same' was already ingested as batch #{first.pk}"):
        ingest(event(requests(2, "y"), batch_first=False, batch_id="same"))
    assert Batch.objects.count() == 1


def test_several_records_make_several_batches_and_the_file_is_not_stored():
    bodies = [{"batchId": f"r{i}", "batchRequests": requests(3, f"r{i}")} for i in range(2)]
    batches = ingest(json.dumps({"Records": [{"body": json.dumps(b)} for b in bodies]}).encode())
    assert [(b.external_id, b.items.count(), bool(b.source_file)) for b in batches] == [
        ("r0", 3, False),
        ("r1", 3, False),
    ]


def test_bytes_and_the_open_file_give_the_same_items():
    data = event(requests(5))
    [from_file] = ingest(data)
    BatchItem.objects.all().delete()
    Batch.objects.all().delete()
    [from_bytes] = batch_create_from_upload(data=data, filename="u.jsonl", options=UploadOptions(launch=False))
    fields = ("row_number", "analysis_id", "user_form_data", "reason_guess", "status", "user_selected_state")
    assert list(from_bytes.items.order_by("row_number").values_list(*fields)) == [
        (i + 1, f"s-{i:05d}", {"tenantName": "Tenant Z. Sample", "landlordName": "Owner Z. Example"}, "non-payment",
         "PENDING", "CA") for i in range(5)
    ]  # fmt: skip
    assert from_file.source_file.name != from_bytes.source_file.name


def _row_values(item: BatchItem) -> dict:
    skip = {"id", "batch", "analysis_id", "created_at"}
    return {f.name: getattr(item, f.attname) for f in BatchItem._meta.concrete_fields if f.name not in skip}


def test_the_fast_insert_stores_what_the_orm_would():
    [batch] = ingest(jsonl([make_request("fast-1", TEXT, userId="u-1")]))
    fast = BatchItem.objects.get(analysis_id="fast-1")
    orm = BatchItem.objects.create(
        batch=batch, row_number=99, analysis_id="orm-1", user_id="u-1", user_selected_state="CA",
        user_form_data={"tenantName": "Tenant Z. Sample", "landlordName": "Owner Z. Example"},
        is_image_upload=False, extracted_text=TEXT, reason_guess="non-payment", status=ItemStatus.PENDING,
    )  # fmt: skip
    orm.refresh_from_db()
    assert {**_row_values(fast), "row_number": 99} == _row_values(orm)
    assert fast.created_at is not None


def test_columns_come_from_the_model_and_a_new_field_gets_its_default():
    assert [f.column for f in insert_fields()] == [f.column for f in BatchItem._meta.concrete_fields if f.name != "id"]
    new_field = models.PositiveSmallIntegerField(default=7, help_text="A column added later.")
    new_field.set_attributes_from_name("added_later")
    extra = models.JSONField(default=dict, help_text="Another one.")
    extra.set_attributes_from_name("added_json")
    *_, number, encoded = column_defaults([*insert_fields(), new_field, extra])
    assert number == 7
    assert json.loads(encoded if connection.vendor == "sqlite" else encoded.dumps(encoded.obj)) == {}


@pytest.mark.parametrize("n", [10, INSERT_CHUNK * 2 + 1])
def test_ingest_statements_grow_per_chunk_not_per_row(django_assert_max_num_queries, n):
    sizes = [min(INSERT_CHUNK, n - start) for start in range(0, n, INSERT_CHUNK)]
    limit = connection.features.max_query_params
    lookups = sum(1 if limit is None else -(-size // (limit - 99)) for size in sizes)  # SQLite binds <= 999 values
    # per chunk: the analysisId look-up(s) + ONE executemany; per upload: savepoint + release,
    # batch insert, batchId check, batchId/name update, source_file save.
    with django_assert_max_num_queries(6 + lookups + len(sizes)):
        [batch] = ingest(event(requests(n)))
    assert batch.items.count() == n


class _Pipe(io.RawIOBase):
    """A stream that cannot seek (stdin, a socket)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._data.read(size)


def test_an_oversize_stream_that_cannot_seek_is_a_rejection_naming_the_file(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(BatchRejected, match=r"^'u\.jsonl' is larger than the upload limit"):
        ingest(jsonl(requests(5)), filename="u.jsonl", pipe=True)
    assert not Batch.objects.exists()


def test_a_stream_that_cannot_seek_is_ingested_and_stored():
    [batch] = ingest(jsonl(requests(3)), pipe=True)
    with batch.source_file.open("rb") as stored:
        assert batch.items.count() == 3 and stored.read() == jsonl(requests(3))


@pytest.mark.parametrize("parsed_first", [False, True], ids=["streamed", "upload_parse"])
def test_a_batch_id_repeated_in_two_records_is_named_as_a_repeat(parsed_first):
    bodies = [{"batchId": "twice", "batchRequests": requests(2, f"t{i}")} for i in range(2)]
    data = json.dumps({"Records": [{"body": body} for body in bodies]}).encode()
    options = UploadOptions(launch=False)
    parsed = upload_parse(data=data, filename="e.json") if parsed_first else None
    with pytest.raises(BatchRejected, match=r"^batchId 'twice' appears in more than one Record; nothing was created"):
        batch_create_from_upload(data=data, filename="e.json", options=options, parsed=parsed)
    with pytest.raises(BatchRejected, match="appears in more than one Record"):
        upload_check(upload_parse(data=data, filename="e.json"), skip_invalid=False)
    assert not Batch.objects.exists()
