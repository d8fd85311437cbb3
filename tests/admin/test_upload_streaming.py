"""The admin upload preview streams from the stash (same figures as the whole-file preview),
and a staff upload refused by validation is recorded as an IngestRejection (source=admin)
holding the reason only: no notice text, form data, names or filename."""

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from batches.analysis.guess import guess_reason
from batches.models import Batch, BatchItem
from batches.parsing import ParsedUpload
from batches.services.ingest import PENDING_DIR, upload_parse, upload_stash
from batches.services.upload_preview import UploadPreview, upload_preview_stream
from ingestion.models import IngestRejection, RejectionSource
from ingestion.selectors import rejection_counts_by_source
from tests.admin.conftest import CA_TEXT, FL_MOVE_IN, create_batch, make_event, make_request
from tests.admin.test_upload import ADD_URL, MIXED, confirm_data, pending_files

pytestmark = pytest.mark.django_db

FICTIONAL_NAMES = ("Tenant Q. Sample", "Tenant Z. Sample", "Owner Z. Example", "Quill Sampleton")
FORM = {"name": "", "concurrency": 2, "analyzer": "rules", "start": "draft"}


def post_file(client, content: bytes, name: str = "notices.json"):
    return client.post(ADD_URL, {**FORM, "file": SimpleUploadedFile(name, content, "application/octet-stream")})


def two_records() -> bytes:
    """An SQS event of two Records whose invalid rows share row numbers (2 and 3)."""
    first = {"batchId": "b-one", "batchRequests": MIXED}
    second = [
        make_request("r2-1", FL_MOVE_IN, state="FL"),
        make_request("r2-2", ""),
        make_request("r2-3", "x", state=""),
    ]
    records = [{"body": first}, {"body": {"batchId": "b-two", "batchRequests": second}}]
    return json.dumps({"Records": records}).encode()


def jsonl(n_bad: int) -> bytes:
    lines = [json.dumps(make_request(f"j-{i}", CA_TEXT if i % 2 else FL_MOVE_IN, state="CA")) for i in range(20)]
    lines += ["{not json"] * n_bad + [json.dumps(make_request("j-0", CA_TEXT))]  # a repeated analysisId too
    return "\n".join(lines).encode()


CSV = b"analysisId,extractedText,userSelectedState\nc-1,Pay rent or quit in 3 days,CA\nc-2,,NY\nc-3,Quit,ZZ\n"


def whole_file_preview(parsed: ParsedUpload, *, max_errors: int) -> UploadPreview:
    """The reference: the preview computed from the whole parsed file (every row in memory)."""
    bad = {(id(b), e.row) for b in parsed.batches for e in b.errors}
    rows = [row for b in parsed.batches for row in b.rows if (id(b), row.row) not in bad]
    errors = sorted(parsed.errors, key=lambda e: (e.row, e.field or ""))
    return UploadPreview(
        format=parsed.format,
        total_rows=parsed.total_rows,
        valid_rows=len(rows),
        invalid_rows=parsed.total_rows - len(rows),
        batch_count=len(parsed.batches),
        batch_ids=[b.batch_id or "" for b in parsed.batches],
        by_state=Counter(row.user_selected_state or "(none given)" for row in rows).most_common(),
        by_reason=Counter(guess_reason(row.extracted_text) for row in rows).most_common(),
        errors=errors[:max_errors],
        error_count=len(errors),
    )


@pytest.mark.parametrize(
    ("content", "max_errors"),
    [(make_event(MIXED), 300), (two_records(), 300), (two_records(), 2), (jsonl(40), 5), (CSV, 300)],
    ids=["sqs", "two-records", "two-records-capped", "jsonl-capped", "csv"],
)
def test_streamed_preview_equals_the_whole_file_preview(content, max_errors):
    create_batch([make_request("j-3", CA_TEXT), make_request("u-1", CA_TEXT)], batch_id="b-already")  # ingested ids
    whole = whole_file_preview(upload_parse(data=content, filename="f"), max_errors=max_errors)
    streamed = upload_preview_stream(fileobj=io.BytesIO(content), filename="f", max_errors=max_errors)
    assert streamed == whole
    assert streamed.error_count > len(streamed.errors) or max_errors == 300


def test_a_large_upload_is_stashed_from_its_temporary_file_and_previewed(admin_client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # Django spools the upload to a temporary file
    requests = [make_request(f"big-{i}", CA_TEXT if i % 3 else FL_MOVE_IN, state="CA") for i in range(400)]
    content = b"\n".join(json.dumps(r).encode() for r in requests)  # ~250 KB: several upload chunks
    response = post_file(admin_client, content, "big.jsonl")
    preview = response.context["preview"]
    assert (preview.total_rows, preview.valid_rows, preview.error_count) == (400, 400, 0)
    assert sum(n for _, n in preview.by_reason) == 400 and dict(preview.by_state) == {"CA": 400}
    token = response.context["confirm"]["token"].value()
    assert (Path(settings.MEDIA_ROOT) / PENDING_DIR / token).read_bytes() == content
    assert Batch.objects.count() == 0 and BatchItem.objects.count() == 0
    assert not IngestRejection.objects.exists()


def test_the_page_caps_the_row_errors_with_an_and_n_more_line(admin_client, monkeypatch):
    monkeypatch.setattr("batches.admin_upload.PREVIEW_MAX_ERRORS", 3)
    response = post_file(admin_client, jsonl(10), "notices.jsonl")
    html = response.content.decode()
    preview = response.context["preview"]
    assert preview.error_count == 11 and [e.row for e in preview.errors] == [21, 22, 23]
    assert html.count('class="row-error"') == 3 and "… and 8 more not shown" in html


def stored_text(rejection: IngestRejection) -> str:
    fields = [f.name for f in IngestRejection._meta.fields]
    return " ".join(str(value) for value in IngestRejection.objects.filter(pk=rejection.pk).values_list(*fields)[0])


def assert_no_notice_text_or_names(rejection: IngestRejection) -> None:
    text = stored_text(rejection)
    for secret in (*FICTIONAL_NAMES, "THREE-DAY NOTICE", "100 Example St", "$1,200", "personally occupy"):
        assert secret not in text


def test_a_file_that_fails_to_parse_is_recorded_without_its_filename(admin_client):
    before, stashes = rejection_counts_by_source()[("admin", "invalid")], pending_files()
    response = post_file(admin_client, b"  \n\t\n", "Quill Sampleton eviction.json")
    html = response.content.decode()
    assert "Rejected:" in html and "Quill Sampleton eviction.json" in html  # staff see their own file's name
    rejection = IngestRejection.objects.get()
    assert rejection.source == RejectionSource.ADMIN and not rejection.duplicate
    assert rejection.reason == "The file is empty (only whitespace)"
    assert (rejection.queue_url, rejection.message_id, rejection.batch_external_id) == ("", "", "")
    assert_no_notice_text_or_names(rejection)
    assert rejection_counts_by_source()[("admin", "invalid")] == before + 1  # what /metrics exports
    assert pending_files() == stashes  # the stash was discarded


def test_a_refused_confirm_is_recorded_with_its_row_errors_only(admin_client):
    first = post_file(admin_client, make_event(MIXED, batch_id="b-mixed"))
    assert not IngestRejection.objects.exists()  # a preview with invalid rows is not a rejection
    response = admin_client.post(ADD_URL, confirm_data(first, _confirm="1"))
    assert "2 invalid row(s)" in response.content.decode() and Batch.objects.count() == 0
    rejection = IngestRejection.objects.get()
    assert rejection.source == RejectionSource.ADMIN and rejection.batch_external_id == "b-mixed"
    assert rejection.reason.splitlines()[0] == "2 invalid row(s); nothing was created."
    assert "Row 2:" in rejection.reason and "Row 3:" in rejection.reason and not rejection.duplicate
    assert_no_notice_text_or_names(rejection)


def test_a_cancel_or_an_accepted_upload_is_not_a_rejection(admin_client):
    first = post_file(admin_client, make_event(MIXED))
    admin_client.post(ADD_URL, confirm_data(first, _cancel="1"))
    second = post_file(admin_client, make_event(MIXED))
    admin_client.post(ADD_URL, confirm_data(second, _confirm="1", skip_invalid="on"))
    assert Batch.objects.count() == 1 and not IngestRejection.objects.exists()


def test_a_repeated_batch_id_is_recorded_as_a_duplicate(admin_client):
    create_batch([make_request("first-1", CA_TEXT)], batch_id="b-again")
    before = rejection_counts_by_source()[("admin", "duplicate")]
    first = post_file(admin_client, make_event([make_request("again-1", CA_TEXT)], batch_id="b-again"))
    response = admin_client.post(ADD_URL, confirm_data(first, _confirm="1"))
    assert "already ingested" in response.content.decode() and Batch.objects.count() == 1
    rejection = IngestRejection.objects.get()
    assert rejection.duplicate and rejection.batch_external_id == "b-again"
    assert rejection_counts_by_source()[("admin", "duplicate")] == before + 1
    assert_no_notice_text_or_names(rejection)


def test_a_pasted_notice_rejected_as_unrecognised_leaves_no_text_in_the_record(admin_client):
    response = post_file(admin_client, CA_TEXT.encode(), "Quill Sampleton notice.txt")
    assert "Rejected:" in response.content.decode() and Batch.objects.count() == 0
    rejection = IngestRejection.objects.get(source=RejectionSource.ADMIN)
    assert rejection.reason.startswith("Not a recognised batch file")
    assert_no_notice_text_or_names(rejection)


def test_a_stash_whose_upload_fails_midway_leaves_no_partial_file():
    def chunks():
        yield b'{"analysisId": "half-'
        raise OSError("client went away")

    before = pending_files()
    with pytest.raises(OSError, match="client went away"):
        upload_stash(chunks=chunks())
    assert pending_files() == before


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_whose_entries_name_a_tenant_is_recorded_without_those_names(admin_client):
    manifest = (
        b"filename,userSelectedState\nnotice-1.txt,CA\nQuill Sampleton notice.txt,CA\nTenant Q. Sample's copy.txt,CA\n"
    )
    content = zip_of({"notice-1.txt": CA_TEXT.encode(), "manifest.csv": manifest})
    first = post_file(admin_client, content, "court.zip")
    assert first.context["preview"].error_count == 2  # the manifest names two entries the archive lacks
    admin_client.post(ADD_URL, confirm_data(first, _confirm="1"))
    nested = post_file(admin_client, zip_of({"Owner Z. Example.zip": zip_of({"a.txt": b"x"})}), "court.zip")
    assert "Rejected:" in nested.content.decode()
    refused, nested_refused = IngestRejection.objects.order_by("pk")
    assert refused.reason.count("names [name withheld], which is not in the archive") == 2
    assert "entry [name withheld] is an archive" in nested_refused.reason
    for rejection in (refused, nested_refused):
        assert_no_notice_text_or_names(rejection)
