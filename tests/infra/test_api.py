"""POST /api/batches/ and GET /api/batches/<id>/ with staff API tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from batches.models import Batch, BatchStatus
from ingestion.models import ApiToken
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
