"""POST /api/batches/ and GET /api/batches/<id>/ with staff API tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import override_settings

from batches.models import Batch, BatchStatus
from ingestion.models import ApiToken, IngestRejection, RejectionSource
from ingestion.selectors import rejection_counts_by_source
from ingestion.tokens import api_token_create
from tests.conftest import make_event, make_request

pytestmark = pytest.mark.django_db
TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Z. Sample\nYou owe $1,000.00 in rent."


def post(client, data: bytes, token: str | None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post("/api/batches/", data=data, content_type="application/json", **headers)


def test_post_creates_and_launches_a_batch_and_get_returns_metrics(client, staff_token, sample_event_bytes):
    response = post(client, sample_event_bytes, staff_token)
    assert response.status_code == 201, response.content
    assert response.json()["batches"][0]["status"] == "QUEUED"
    batch = Batch.objects.get(pk=response.json()["id"])
    assert batch.external_id == "batch_sample_001" and batch.status == BatchStatus.QUEUED
    assert batch.created_by.username == "feed-bot"
    detail = client.get(f"/api/batches/{batch.pk}/", HTTP_AUTHORIZATION=f"Bearer {staff_token}").json()
    assert detail["status"] == "QUEUED" and detail["batchId"] == "batch_sample_001"
    assert detail["batchMetrics"]["totalItems"] == 14 and detail["batchMetrics"]["totalProcessed"] == 0
    assert ApiToken.objects.get().last_used_at is not None


def test_row_errors_are_a_400_naming_each_row(client, staff_token):
    data = make_event([make_request("ok-1", TEXT), make_request("bad-2", " "), make_request("bad-3", TEXT, "XX")])
    response = post(client, data, staff_token)
    assert response.status_code == 400
    assert sorted(e["row"] for e in response.json()["errors"]) == [2, 3]
    assert not Batch.objects.exists()


def test_repeated_batch_id_is_a_409_with_the_existing_batch(client, staff_token, sample_event_bytes):
    first = post(client, sample_event_bytes, staff_token).json()["id"]
    response = post(client, sample_event_bytes, staff_token)
    assert response.status_code == 409 and response.json()["id"] == first
    assert Batch.objects.count() == 1


def test_no_or_bad_token_is_401_and_non_staff_is_403(client, sample_event_bytes):
    assert post(client, sample_event_bytes, None).status_code == 401
    assert post(client, sample_event_bytes, "ta_not-a-token").status_code == 401
    user = User.objects.create_user("staffer", is_staff=True)
    _, token = api_token_create(username="staffer")
    assert post(client, sample_event_bytes, token).status_code == 403  # staff, but no add_batch permission
    User.objects.filter(pk=user.pk).update(is_staff=False)
    assert client.get("/api/batches/1/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert post(client, sample_event_bytes, token).status_code == 401
    assert not Batch.objects.exists()


def stored_text(rejection: IngestRejection) -> str:
    return " ".join(str(value) for value in model_to_dict(rejection).values())


def test_invalid_rows_are_recorded_as_an_api_rejection_without_tenant_data(client, staff_token):
    requests = [make_request("ok-1", TEXT), make_request("bad-2", " "), make_request("bad-3", TEXT, "XX")]
    response = post(client, make_event(requests, batch_id="api-bad"), staff_token)
    assert response.status_code == 400
    rejection = IngestRejection.objects.get()
    assert rejection.source == RejectionSource.API and not rejection.duplicate
    assert rejection.reason.splitlines()[0] == response.json()["error"]
    assert "Row 2" in rejection.reason and "extractedText" in rejection.reason and "Row 3" in rejection.reason
    assert (rejection.message_id, rejection.queue_url, rejection.batch_external_id) == ("", "", "")
    stored = stored_text(rejection)
    # Notice text and form data (the tenant's and landlord's names) are never kept.
    for personal in (TEXT, "THREE-DAY NOTICE", "Tenant Z. Sample", "Owner Z. Example", "$1,000.00"):
        assert personal not in stored
    counts = rejection_counts_by_source()  # what /metrics exports
    assert counts.pop(("api", "invalid")) == 1 and set(counts.values()) == {0}


def test_a_rejection_keeps_the_first_twenty_row_errors(client, staff_token):
    requests = [make_request(f"blank-{n}", " ") for n in range(25)]
    assert post(client, make_event(requests, batch_id="api-many"), staff_token).status_code == 400
    lines = IngestRejection.objects.get().reason.splitlines()
    assert len(lines) == 22 and lines[1].startswith("Row 1:") and lines[-1] == "... and 5 more row error(s)."


def test_malformed_and_oversize_bodies_are_recorded(client, staff_token):
    assert post(client, b'{"Records": [{"body": ', staff_token).status_code == 400
    with override_settings(UPLOAD_MAX_BYTES=64):
        assert post(client, b"[" + b" " * 100 + b"]", staff_token).status_code == 413
    reasons = list(IngestRejection.objects.order_by("pk").values_list("source", "duplicate", "reason"))
    assert [(source, duplicate) for source, duplicate, _ in reasons] == [("api", False), ("api", False)]
    assert reasons[0][2] and "larger than 64 bytes" in reasons[1][2]


def test_repeated_batch_id_is_recorded_as_a_duplicate(client, staff_token, sample_event_bytes):
    first = post(client, sample_event_bytes, staff_token).json()["id"]
    assert not IngestRejection.objects.exists()  # an accepted upload is not a rejection
    assert post(client, sample_event_bytes, staff_token).status_code == 409
    rejection = IngestRejection.objects.get()
    assert rejection.source == RejectionSource.API and rejection.duplicate
    assert rejection.batch_external_id == "batch_sample_001" and f"#{first}" in rejection.reason
    counts = rejection_counts_by_source()
    assert counts.pop(("api", "duplicate")) == 1 and set(counts.values()) == {0}


def test_refused_tokens_are_not_recorded_as_rejections(client, sample_event_bytes):
    bad_body = b'{"Records": ['
    assert post(client, bad_body, None).status_code == 401
    assert post(client, bad_body, "ta_not-a-token").status_code == 401
    User.objects.create_user("staffer-2", is_staff=True)
    _, token = api_token_create(username="staffer-2")
    assert post(client, bad_body, token).status_code == 403  # no add_batch permission
    assert not IngestRejection.objects.exists()


def test_get_unknown_batch_is_404(client, staff_token):
    assert client.get("/api/batches/999/", HTTP_AUTHORIZATION=f"Bearer {staff_token}").status_code == 404


def test_create_api_token_prints_it_once_and_stores_only_a_hash(capsys):
    User.objects.create_user("ops", is_staff=True)
    call_command("create_api_token", "ops", "--name", "partner feed")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert raw.startswith("ta_") and len(raw) > 40
    assert raw not in (token.token_hash, token.prefix) and token.prefix == raw[:10]
    assert token.name == "partner feed"


def test_create_api_token_refuses_non_staff():
    User.objects.create_user("visitor")
    with pytest.raises(Exception, match="not an active staff user"):
        call_command("create_api_token", "visitor")
