"""The two-step upload: preview writes nothing; confirm creates; cancel discards."""

import os
import stat
from pathlib import Path

import pytest
from django.conf import settings

from batches.models import Batch, BatchItem, BatchStatus
from batches.services.ingest import PENDING_DIR
from tests.admin.conftest import CA_TEXT, make_event, make_request

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/batches/batch/add/"


def upload_file(requests, batch_id="b-upload"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("notices.json", make_event(requests, batch_id=batch_id), "application/json")


def preview(client, requests, **fields):
    data = {"name": "Admin upload", "concurrency": 3, "analyzer": "rules", "start": "launch", **fields}
    data["file"] = upload_file(requests)
    return client.post(ADD_URL, data)


def confirm_data(response, **extra):
    form = response.context["confirm"]
    data = {name: form[name].value() for name in ("token", "filename", "name", "concurrency", "analyzer", "start")}
    return {**data, **extra}


def pending_files() -> list[Path]:
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
    return list(directory.iterdir()) if directory.is_dir() else []


MIXED = [make_request("u-1", CA_TEXT), make_request("u-2", "   "), make_request("u-3", CA_TEXT, state="XX")]


def test_add_page_shows_the_upload_form(admin_client):
    response = admin_client.get(ADD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and "Launch now" in html and "Save as draft" in html


def test_preview_shows_counts_and_row_errors_and_writes_nothing(admin_client):
    for path in pending_files():
        path.unlink()
    response = preview(admin_client, MIXED)
    assert response.status_code == 200
    html = response.content.decode()
    preview_obj = response.context["preview"]
    assert (preview_obj.total_rows, preview_obj.valid_rows, preview_obj.invalid_rows) == (3, 1, 2)
    assert dict(preview_obj.by_state) == {"CA": 1}
    assert dict(preview_obj.by_reason) == {"non-payment": 1}
    assert [(e.row, e.field) for e in preview_obj.errors] == [(2, "extractedText"), (3, "userSelectedState")]
    assert "Row 2" in html and "Row 3" in html and "Skip invalid rows" in html
    assert Batch.objects.count() == 0 and BatchItem.objects.count() == 0
    [stash] = pending_files()
    assert stat.S_IMODE(os.stat(stash).st_mode) == 0o600


def test_confirm_without_skip_is_rejected_and_writes_nothing(admin_client):
    response = preview(admin_client, MIXED)
    response = admin_client.post(ADD_URL, confirm_data(response, _confirm="1"))
    assert response.status_code == 200
    assert "Rejected:" in response.content.decode() and "2 invalid row(s)" in response.content.decode()
    assert Batch.objects.count() == 0


def test_confirm_with_skip_creates_and_launches_the_batch(admin_client):
    first = preview(admin_client, MIXED)
    token = first.context["confirm"]["token"].value()
    response = admin_client.post(ADD_URL, confirm_data(first, _confirm="1", skip_invalid="on"))
    batch = Batch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/batches/batch/{batch.pk}/change/"
    assert batch.status == BatchStatus.QUEUED and batch.name == "Admin upload" and batch.concurrency == 3
    assert list(batch.items.values_list("analysis_id", flat=True)) == ["u-1"]
    assert not (Path(settings.MEDIA_ROOT) / PENDING_DIR / token).exists()
    # the token is spent: a second confirm creates nothing more
    admin_client.post(ADD_URL, confirm_data(first, _confirm="1", skip_invalid="on"))
    assert Batch.objects.count() == 1


def test_confirm_a_clean_file_as_draft(admin_client):
    first = preview(admin_client, [make_request("d-1", CA_TEXT), make_request("d-2", CA_TEXT)], start="draft")
    assert first.context["preview"].error_count == 0
    admin_client.post(ADD_URL, confirm_data(first, _confirm="1"))
    batch = Batch.objects.get()
    assert batch.status == BatchStatus.DRAFT and batch.items.count() == 2


def test_cancel_discards_the_upload(admin_client):
    first = preview(admin_client, MIXED)
    token = first.context["confirm"]["token"].value()
    response = admin_client.post(ADD_URL, confirm_data(first, _cancel="1"))
    assert response.status_code == 302
    assert Batch.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / PENDING_DIR / token).exists()


def test_another_session_cannot_confirm_a_token(admin_client, client, django_user_model):
    first = preview(admin_client, [make_request("t-1", CA_TEXT)])
    other = django_user_model.objects.create_superuser("other", "", "pw-Sample-123")
    client.force_login(other)
    response = client.post(ADD_URL, confirm_data(first, _confirm="1"))
    assert response.status_code == 302 and Batch.objects.count() == 0


def test_oversize_file_gets_a_clear_message(admin_client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = preview(admin_client, [make_request("big-1", CA_TEXT)])
    html = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 100" in html and "UPLOAD_MAX_BYTES" in html
    assert Batch.objects.count() == 0


def test_file_level_rejection_shows_the_cli_message(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("bad.json", b'{"Records": [', "application/json")
    response = admin_client.post(ADD_URL, {"concurrency": 2, "analyzer": "rules", "start": "launch", "file": bad})
    html = response.content.decode()
    assert "Rejected:" in html and "Nothing was created" in html
    assert Batch.objects.count() == 0


def test_upload_needs_add_permission(client):
    from tests.admin.conftest import staff_user

    client.force_login(staff_user("viewer", "batches.view_batch"))
    assert client.get(ADD_URL).status_code == 403


def test_expired_stash_is_refused_and_removed(admin_client, settings):
    first = preview(admin_client, [make_request("exp-1", CA_TEXT)])
    token = first.context["confirm"]["token"].value()
    settings.UPLOAD_PENDING_TTL_SECONDS = -1
    response = admin_client.post(ADD_URL, confirm_data(first, _confirm="1"), follow=True)
    assert "expired" in response.content.decode()
    assert Batch.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / PENDING_DIR / token).exists()


def test_changelist_links_to_upload_and_metrics(admin_client):
    html = admin_client.get("/admin/batches/batch/").content.decode()
    assert "Upload batch" in html and "/admin/batches/batch/metrics/" in html


def test_oversize_request_is_refused_before_the_body_is_read(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.jsonl", b'{"analysisId": "x"}\n' * 5000, "application/x-ndjson")
    before = pending_files()
    response = admin_client.post(ADD_URL, {"concurrency": 2, "analyzer": "rules", "start": "launch", "file": big})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The upload is" in html and "the limit is 1000" in html
    assert pending_files() == before and Batch.objects.count() == 0


def test_upload_posts_are_csrf_checked(client, admin_user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(admin_user)
    response = csrf_client.post(ADD_URL, {"concurrency": 2, "analyzer": "rules", "start": "launch"})
    assert response.status_code == 403
