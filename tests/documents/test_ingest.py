"""Ingest of a ZIP: items with documents start EXTRACTING, files are stored through
default_storage under generated names, and the worker-facing service reads them back."""

from __future__ import annotations

import hashlib
import io
import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.test import Client

from batches.analysis.rules import extract_facts
from batches.extraction import ExtractionError
from batches.extraction.service import document_extract, document_load, document_record, item_extract_text
from batches.models import BatchItem, ExtractionMethod, ItemDocument, ItemStatus
from batches.services.ingest import BatchRejected, UploadOptions, batch_create_from_upload

from .fixtures import documents_zip, make_zip, notice_pdf, notice_png, notice_text

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")
GENERATED = re.compile(r"^documents/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png)$")


def ingest(data: bytes, **options):
    return batch_create_from_upload(
        data=data, filename="court-pull.zip", options=UploadOptions(launch=False, **options)
    )


@pytest.mark.django_db
def test_zip_ingest_creates_extracting_items_with_documents_under_generated_names():
    [batch] = ingest(documents_zip())
    assert batch.source_format == "zip"
    assert batch.items.count() == 3
    assert batch.items.filter(status=ItemStatus.EXTRACTING).count() == 2
    text_item = batch.items.get(status=ItemStatus.PENDING)
    assert text_item.extracted_text == notice_text("s09-tx-notice-to-vacate-nonpay")
    assert not ItemDocument.objects.filter(item=text_item).exists()
    for document in ItemDocument.objects.filter(item__batch=batch).select_related("item"):
        assert document.item.status == ItemStatus.EXTRACTING and document.item.extracted_text == ""
        name = document.file.name
        assert GENERATED.match(name), name
        assert "notice-il" not in name and "photo-fl" not in name and "court" not in name
        assert default_storage.exists(name)
        with default_storage.open(name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == document.sha256
        expected = notice_pdf() if document.kind == "pdf" else notice_png()
        assert document.size == len(expected)
        assert document.original_name in ("'court/notice-il.pdf'", "'photo-fl.png'")
        assert document.item.is_image_upload == (document.kind == "image")


@pytest.mark.django_db
def test_a_rejected_zip_writes_no_item_and_no_file():
    data = make_zip({"manifest.csv": b"filename\r\na.png\r\n", "a.png": notice_png(), "b.png": notice_png()})
    before = _stored_documents()
    with pytest.raises(BatchRejected) as caught:
        ingest(data)
    assert any("has no row in manifest.csv" in error.message for error in caught.value.errors)
    assert not BatchItem.objects.exists() and _stored_documents() == before


@pytest.mark.django_db
def test_files_written_before_a_failed_transaction_are_removed(monkeypatch):
    from batches.services import upload_writer as ingest_module  # the module that stores the documents

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    original = ingest_module.item_documents_create

    def store_then_fail(**kwargs):
        original(**kwargs)
        explode()

    monkeypatch.setattr(ingest_module, "item_documents_create", store_then_fail)
    before = _stored_documents()
    with pytest.raises(RuntimeError):
        ingest(make_zip({"a.png": notice_png()}))
    assert _stored_documents() == before and not ItemDocument.objects.exists()


def _stored_documents() -> set[str]:
    found = set()

    def walk(path):
        if not default_storage.exists(path):
            return
        directories, files = default_storage.listdir(path)
        found.update(f"{path}/{name}" for name in files)
        for directory in directories:
            walk(f"{path}/{directory}")

    walk("documents")
    return found


@pytest.mark.django_db
def test_service_extracts_stored_pdf_without_changing_the_item():
    [batch] = ingest(documents_zip())
    item = batch.items.get(document__kind="pdf")
    result = item_extract_text(item_id=item.pk)
    assert result.method == "pdf-text" and extract_facts(result.text)["reason"] == "lease-violation"
    document_record(item_id=item.pk, result=result)
    item.refresh_from_db()
    assert item.status == ItemStatus.EXTRACTING and item.extracted_text == ""  # the worker's job
    document = item.document
    assert document.extraction_method == ExtractionMethod.PDF_TEXT and document.extraction_confidence == 1.0
    assert document.page_count == 1 and document.extracted_at is not None and document.extraction_error == ""


@needs_tesseract
@pytest.mark.django_db
def test_threaded_pattern_load_then_extract():
    [batch] = ingest(documents_zip())
    item = batch.items.get(document__kind="image")
    data, kind = document_load(item_id=item.pk)  # in the worker's DB thread
    result = document_extract(data, kind)  # in a pool thread: no DB
    assert result.method == "tesseract" and extract_facts(result.text)["reason"] == "non-payment"


@pytest.mark.django_db
def test_tampered_or_missing_file_is_an_extraction_error():
    [batch] = ingest(make_zip({"a.pdf": notice_pdf()}))
    item = batch.items.get()
    name = item.document.file.name
    default_storage.delete(name)
    default_storage.save(name, io.BytesIO(b"%PDF-1.4 something else"))
    with pytest.raises(ExtractionError, match="does not match its checksum"):
        item_extract_text(item_id=item.pk)
    default_storage.delete(name)
    with pytest.raises(ExtractionError, match="missing from storage"):
        item_extract_text(item_id=item.pk)
    error = ExtractionError("encrypted PDF")
    document_record(item_id=item.pk, error=error)
    assert ItemDocument.objects.get(item=item).extraction_error == "encrypted PDF"


@pytest.mark.django_db
def test_document_admin_shows_metadata_and_serves_the_original():
    [batch] = ingest(documents_zip())
    document = ItemDocument.objects.get(item__batch=batch, kind="image")
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", password="x-unused-password-1"))
    page = client.get(f"/admin/batches/itemdocument/{document.pk}/change/")
    assert page.status_code == 200 and b"photo-fl.png" in page.content and b"Open the original" in page.content
    response = client.get(f"/admin/batches/itemdocument/{document.pk}/file/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == notice_png()
    assert "photo-fl" not in response["Content-Disposition"]
    assert client.get("/admin/batches/itemdocument/").status_code == 200


@needs_tesseract
@pytest.mark.django_db(transaction=True)
def test_done_when_zip_with_pdf_photo_and_manifest_ends_with_three_analysed_items(defaults):
    """ZIP (PDF + photo + manifest) -> launch -> the worker extracts text as its own step,
    then analyses: three analysed items with their extracted text stored."""
    from batches.models import Batch, BatchStatus
    from batches.services import runner

    [batch] = ingest(documents_zip())
    assert batch.items.filter(status=ItemStatus.EXTRACTING).count() == 2
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED
    items = {item.document.kind if hasattr(item, "document") else "text": item for item in batch.items.all()}
    assert {kind: item.status for kind, item in items.items()} == dict.fromkeys(
        ("pdf", "image", "text"), ItemStatus.ANALYSIS_COMPLETE
    )
    assert items["pdf"].reason == "lease-violation" and items["pdf"].document.extraction_method == "pdf-text"
    assert items["image"].reason == "non-payment" and items["image"].document.extraction_method == "tesseract"
    assert items["image"].document.extraction_confidence > 0.8
    assert items["image"].extracted_text.strip() and items["image"].attempts == 1


def test_a_document_that_cannot_be_read_fails_with_text_extraction_failed_and_retry_reextracts(defaults):
    from batches.models import Batch, BatchStatus, ErrorCategory
    from batches.services import runner
    from batches.services.lifecycle import items_retry

    [batch] = ingest(documents_zip())
    broken = batch.items.get(document__kind="pdf")
    with default_storage.open(broken.document.file.name, "rb") as handle:
        saved = handle.read()
    with default_storage.open(broken.document.file.name, "wb") as handle:
        handle.write(saved[:-10])  # no longer matches its checksum
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    broken.refresh_from_db()
    assert broken.status == ItemStatus.FAILED
    assert broken.error_category == ErrorCategory.TEXT_EXTRACTION_FAILED
    assert "checksum" in broken.error
    assert batch.items.filter(status=ItemStatus.ANALYSIS_COMPLETE).count() == 2
    with default_storage.open(broken.document.file.name, "wb") as handle:
        handle.write(saved)
    assert items_retry(item_ids=[broken.pk]) == 1
    broken.refresh_from_db()
    assert broken.status == ItemStatus.EXTRACTING, "a failed extraction is retried from the extraction step"
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    broken.refresh_from_db()
    assert broken.status == ItemStatus.ANALYSIS_COMPLETE and broken.reason == "lease-violation"


@pytest.mark.django_db
def test_inline_shows_the_document_on_the_item_page():
    [batch] = ingest(documents_zip())
    item = batch.items.get(document__kind="pdf")
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", password="x-unused-password-1"))
    page = client.get(f"/admin/batches/batchitem/{item.pk}/change/")
    assert page.status_code == 200
    assert f"/admin/batches/itemdocument/{item.document.pk}/file/".encode() in page.content
