"""Bad input: every kind in the catalogue (reliability-security.md §2) gets the SAME clear
message from the service layer, the CLI and the admin upload page, never a 500 or a
traceback, and never a half-written batch (no Batch, BatchItem or queue row appears).

Parser-level coverage of each kind (row numbers, field names, wording) lives in
tests/parsing/; this module checks that the three entry points agree and write nothing.
"""

from __future__ import annotations

import codecs
import io
import json
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils.html import escape
from django_q.models import OrmQ, Task

from batches.models import Batch, BatchItem
from batches.services.ingest import BatchRejected, UploadOptions, batch_create_from_upload
from tests.conftest import SAMPLE_EVENT, make_event, make_request

MAX_BYTES = 64 * 1024
MAX_ITEMS = 50
MAX_CHARS = 5_000
TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT. Rent of $1,200.00 is due within 3 days."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def event(*requests: dict, batch_id: str = "batch_bad") -> bytes:
    return make_event(list(requests), batch_id=batch_id)


def _raw_event(text: str) -> str:
    """An event whose non-ASCII text is written as characters, not as \\u escapes."""
    return json.dumps(json.loads(event({**good(1), "extractedText": f"{TEXT} {text}"})), ensure_ascii=False)


def good(n: int = 1, **extra) -> dict:
    return make_request(f"bad_{n:03d}", TEXT, **extra)


@dataclass(frozen=True)
class Case:
    kind: str
    filename: str
    data: bytes
    rows: bool = False  # True: row errors (the file parsed, some rows are invalid)
    fragment: str = ""  # a specific part of the message (row, field or file fault)


def _cases() -> list[Case]:
    sample = SAMPLE_EVENT.read_bytes()
    body = json.dumps({"batchProcessing": True, "batchId": "b_nan", "batchRequests": [good()]})
    return [
        Case("malformed_json", "bad.json", b'{"Records": [{"body": {"batchId": "x",, }}]}', fragment="line 1"),
        Case("truncated_json", "cut.json", sample[: len(sample) // 2], fragment="line"),
        Case("deeply_nested", "deep.json", b"[" * 20_000 + b"]" * 20_000, fragment="nest"),
        Case(
            "nan", "nan.json", body.replace('"isImageUpload": false', '"isImageUpload": NaN').encode(), fragment="NaN"
        ),
        Case("infinity", "inf.json", body.replace('"isImageUpload": false', '"isImageUpload": -Infinity').encode()),
        Case(
            "duplicate_key",
            "dupkey.json",
            b'{"batchProcessing": true, "batchId": "a", "batchId": "b", "batchRequests": []}',
            fragment="batchId",
        ),
        Case("huge_integer", "int.json", b'{"batchId": "x", "batchRequests": [' + b"9" * 5000 + b"]}"),
        Case(
            "duplicate_analysis_id",
            "dupid.json",
            event(good(1), good(2), good(1)),
            rows=True,
            fragment="Row 3: analysisId 'bad_001' duplicates Records[0] row 1",
        ),
        Case("wrong_type_id", "type.json", event(good(1), {**good(2), "analysisId": 17}), rows=True, fragment="Row 2"),
        Case("wrong_type_text", "type2.json", event({**good(1), "extractedText": ["x"]}), rows=True),
        Case("wrong_type_form", "type3.json", event({**good(1), "userFormData": "Ana"}), rows=True),
        Case("empty_text", "empty.json", event({**good(1), "extractedText": ""}), rows=True, fragment="no notice text"),
        Case("whitespace_text", "ws.json", event({**good(1), "extractedText": " \n\t "}), rows=True),
        Case(
            "nul_in_text", "nul.json", event({**good(1), "extractedText": "NOTICE\x00 pay"}), rows=True, fragment="NUL"
        ),
        Case(
            "nul_in_form",
            "nulform.json",
            event({**good(1), "userFormData": {"tenantName": "A\x00"}}),
            rows=True,
            fragment="NUL",
        ),
        Case("nul_in_csv", "nul.csv", b"analysisId,extractedText\nn1,NOTICE\x00 TO PAY\n", rows=True, fragment="NUL"),
        Case("nul_bytes_raw", "raw.json", b'{"batchId": "x"\x00\x00\x00}'),
        Case(
            "lone_surrogate",
            "surrogate.json",
            event({**good(1), "extractedText": "NOTICE \ud800 pay"}),
            rows=True,
            fragment="surrogate",
        ),
        Case("latin1", "latin1.json", _raw_event("Se\u00f1or Ana").encode("latin-1"), fragment="UTF-8"),
        Case("utf16_no_bom", "utf16.json", event(good(1)).decode().encode("utf-16-le")),
        Case("invalid_state", "state.json", event({**good(1), "userSelectedState": "ZZ"}), rows=True, fragment="'ZZ'"),
        Case(
            "oversize_file", "big.json", event({**good(1), "extractedText": "x" * (MAX_BYTES + 10)}), fragment="limit"
        ),
        Case(
            "oversize_field",
            "field.json",
            event({**good(1), "extractedText": "N" * (MAX_CHARS + 1)}),
            rows=True,
            fragment="too long",
        ),
        Case("too_many_items", "many.json", event(*(good(i) for i in range(MAX_ITEMS + 1)))),
        Case("png_renamed", "photo.json", PNG + b"\x00" * 64, fragment="PNG"),
        Case("pdf_renamed", "doc.json", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        Case("zero_bytes", "zero.json", b"", fragment="empty"),
        Case("whitespace_only", "blank.json", codecs.BOM_UTF8 + b"  \n\t\n", fragment="empty"),
        Case("empty_container", "none.json", event(), fragment="no requests"),
        Case("csv_header_only", "head.csv", b"analysisId,extractedText\n"),
        Case("csv_missing_column", "cols.csv", b"analysisId,tenantName\nx,Ana\n", fragment="extractedText"),
    ]


CASES = _cases()


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.UPLOAD_MAX_BYTES = MAX_BYTES
    settings.UPLOAD_MAX_ITEMS = MAX_ITEMS
    settings.NOTICE_MAX_CHARS = MAX_CHARS


def counts() -> tuple[int, int, int, int]:
    return Batch.objects.count(), BatchItem.objects.count(), OrmQ.objects.count(), Task.objects.count()


def via_service(case: Case) -> BatchRejected:
    with pytest.raises(BatchRejected) as caught:
        batch_create_from_upload(data=case.data, filename=case.filename, options=UploadOptions(launch=True))
    return caught.value


def via_cli(case: Case, tmp_path) -> dict:
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("process_batch", str(path), "--sync", "--json", stdout=out, stderr=err)
    assert exit_info.value.code == 2, err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return json.loads(out.getvalue())


def messages_of(exc: BatchRejected) -> list[str]:
    return [e.message for e in exc.errors]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_service_and_cli_give_the_same_message_and_write_nothing(case, tmp_path):
    before = counts()
    exc = via_service(case)
    assert counts() == before, "the service wrote something"
    doc = via_cli(case, tmp_path)
    assert counts() == before, "the CLI wrote something"

    assert doc["rejected"] is True
    assert doc["message"] == exc.message
    assert [e["message"] for e in doc["errors"]] == messages_of(exc)
    shown = " ".join([exc.message, *messages_of(exc)])
    assert case.fragment in shown
    assert "Internal" not in shown and "Traceback" not in shown
    if case.rows:
        assert exc.errors and all(e.row for e in exc.errors), "row faults must name their row"
        assert exc.message.endswith("invalid row(s); nothing was created.")
    else:
        assert not exc.errors and exc.message


@pytest.mark.django_db
def test_duplicate_analysis_id_across_batches_same_message_nothing_written(tmp_path):
    first = event(good(1), good(2), batch_id="batch_first")
    batch_create_from_upload(data=first, filename="first.json", options=UploadOptions(launch=False))
    again = Case("dup_across", "second.json", event(good(3), good(2), batch_id="batch_second"), rows=True)
    before = counts()
    exc = via_service(again)
    doc = via_cli(again, tmp_path)
    assert counts() == before
    [error] = exc.errors
    assert error.row == 2 and "analysisId 'bad_002' was already ingested in batch #" in error.message
    assert doc["message"] == exc.message and [e["message"] for e in doc["errors"]] == [error.message]


@pytest.mark.django_db
def test_repeated_batch_id_same_message_nothing_written(tmp_path):
    batch_create_from_upload(data=event(good(1), batch_id="batch_x"), filename="a.json", options=UploadOptions())
    again = Case("dup_batch", "b.json", event(good(9), batch_id="batch_x"))
    before = counts()
    exc = via_service(again)
    doc = via_cli(again, tmp_path)
    assert counts() == before
    assert "batchId 'batch_x' was already ingested" in exc.message and doc["message"] == exc.message


@pytest.mark.django_db
def test_nul_never_reaches_the_database_even_when_skipping_invalid_rows():
    """PostgreSQL refuses NUL in text: prove no SQL parameter carries one, on any path."""
    seen: list[str] = []

    def spy(execute, sql, params, many, context):
        flat = [p for group in (params or []) for p in (group if many else [group])]
        seen.extend(str(p) for p in flat if isinstance(p, str | bytes) and ("\x00" in str(p) or "\\u0000" in str(p)))
        return execute(sql, params, many, context)

    data = event(
        good(1), {**good(2), "extractedText": "NOTICE\x00"}, {**good(3), "userFormData": {"tenantName": "A\x00"}}
    )
    with connection.execute_wrapper(spy):
        with pytest.raises(BatchRejected):
            batch_create_from_upload(data=data, filename="nul.json", options=UploadOptions(launch=False))
        batches = batch_create_from_upload(
            data=data, filename="nul.json", options=UploadOptions(launch=False, skip_invalid=True, store_file=False)
        )
    assert seen == []
    assert [i.analysis_id for i in BatchItem.objects.filter(batch__in=batches)] == ["bad_001"]


# --- The admin upload page: the same words, nothing written -----------------------------------


@pytest.fixture
def staff_client(db):
    user = get_user_model().objects.create_user("uploader", password="x-unused-1", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


OPTIONS = {"name": "", "concurrency": "5", "analyzer": "rules", "start": "draft"}
# Refused by the upload form before the parser runs, in the form's own words (both say why).
ADMIN_OWN_WORDS = {"zero_bytes": "The submitted file is empty.", "oversize_file": "the limit is"}


def admin_upload(client, case: Case):
    upload = SimpleUploadedFile(case.filename, case.data, content_type="application/octet-stream")
    return client.post("/admin/batches/batch/add/", {**OPTIONS, "file": upload})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_admin_upload_shows_the_same_message_and_writes_nothing(case, staff_client):
    before = counts()
    exc = via_service(case)
    response = admin_upload(staff_client, case)
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert counts() == before
    if case.kind in ADMIN_OWN_WORDS:
        assert escape(ADMIN_OWN_WORDS[case.kind]) in page
        return
    if not case.rows:
        assert escape(exc.message) in page
        return
    # Row faults: step 1 lists every row error, step 2 (confirm) refuses with the same words.
    for message in messages_of(exc):
        assert escape(message) in page
    token = response.context["confirm"].initial["token"]
    confirm = staff_client.post(
        "/admin/batches/batch/add/", {**OPTIONS, "token": token, "filename": case.filename, "skip_invalid": ""}
    )
    assert confirm.status_code == 200
    assert escape(exc.message) in confirm.content.decode()
    assert counts() == before


# --- Formula cells: stored as given, never evaluated, escaped on export -----------------------


@pytest.mark.django_db
def test_formula_cells_are_stored_raw_and_escaped_in_the_csv_export(defaults):
    from batches import exports

    data = b'analysisId,extractedText,tenantName\nf1,"NOTICE TO PAY RENT OR QUIT, $100 due in 3 days",=HYPERLINK("http://x")\n'
    [batch] = batch_create_from_upload(data=data, filename="f.csv", options=UploadOptions(launch=False))
    item = BatchItem.objects.get(batch=batch)
    assert item.user_form_data["tenantName"] == '=HYPERLINK("http://x")'
    assert exports.escape_cell('=HYPERLINK("http://x")').startswith("'")
    for value in ("+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert exports.escape_cell(value).startswith("'")


# --- The ingestion API: the same words (its file is always called api.json) ----------------

API_OWN_WORDS = {"oversize_file": "The body is larger than"}


@pytest.fixture
def api_client(db):
    from ingestion.tokens import api_token_create

    get_user_model().objects.create_user("feed", password="x-unused-1", is_staff=True, is_superuser=True)
    _, raw = api_token_create(username="feed", name="parity test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_api_gives_the_same_message_and_writes_nothing(case, api_client):
    before = counts()
    exc = via_service(Case(case.kind, "api.json", case.data, case.rows))
    response = api_client.post("/api/batches/", data=case.data, content_type="application/json")
    assert counts() == before
    body = response.json()
    if case.kind in API_OWN_WORDS:
        assert response.status_code == 413 and API_OWN_WORDS[case.kind] in body["error"]
        return
    assert response.status_code == 400, body
    assert body["error"] == exc.message
    assert [e["message"] for e in body.get("errors", [])] == messages_of(exc)
