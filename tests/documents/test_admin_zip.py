"""Issue 8's "done when" through the admin: a ZIP of a PDF notice, a photographed notice
(PNG) and a manifest, uploaded on the Batch add page, ends with three analysed items whose
extracted text and results are visible on the item page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from batches.models import Batch, BatchStatus, ItemStatus
from batches.services import runner

from .fixtures import documents_zip
from .test_ingest import needs_tesseract

pytestmark = [pytest.mark.django_db, needs_tesseract]
ADD_URL = "/admin/batches/batch/add/"


def test_zip_uploaded_in_the_admin_ends_with_three_analysed_items(admin_client, defaults):
    upload = SimpleUploadedFile("court-pull.zip", documents_zip(), "application/zip")
    fields = {"name": "Court pull", "concurrency": 2, "analyzer": "rules", "start": "launch"}
    preview = admin_client.post(ADD_URL, {**fields, "file": upload})
    assert preview.status_code == 200
    assert preview.context["preview"].valid_rows == 3 and preview.context["preview"].error_count == 0
    form = preview.context["confirm"]
    confirm = {name: form[name].value() for name in ("token", "filename", "name", "concurrency", "analyzer", "start")}
    response = admin_client.post(ADD_URL, {**confirm, "_confirm": "1"})
    batch = Batch.objects.get()
    assert response.status_code == 302
    # The worker's slice (run inline here): extraction first, then analysis.
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED
    assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.ANALYSIS_COMPLETE}
    photo = batch.items.get(document__kind="image")
    page = admin_client.get(f"/admin/batches/batchitem/{photo.pk}/change/").content.decode()
    assert "OCR (Tesseract)" in page, "the extraction method is shown beside the original file"
    assert f"/admin/batches/itemdocument/{photo.document.pk}/file/" in page
    first_line = next(line for line in photo.extracted_text.splitlines() if len(line.strip()) > 12)
    assert first_line.strip()[:12] in page, "the extracted text is shown"
    assert photo.analysis_results["notice"]["reason"] == "non-payment"
