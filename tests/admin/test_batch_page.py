"""The batch page, the progress endpoint, and the query budgets of the lists."""

import pytest

from batches.models import ItemStatus
from tests.admin.conftest import CA_TEXT, create_batch, make_request, staff_user

pytestmark = pytest.mark.django_db


def progress_url(batch):
    return f"/admin/batches/batch/{batch.pk}/progress/"


def test_progress_json_for_staff(admin_client, processed_batch):
    response = admin_client.get(progress_url(processed_batch))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    doc = response.json()
    assert doc["status"] == "COMPLETED_WITH_ERRORS" and doc["terminal"] is True
    assert doc["counts"][ItemStatus.ANALYSIS_COMPLETE] == 2 and doc["counts"][ItemStatus.FAILED] == 1
    assert doc["percent"] == 100.0 and doc["done"] == doc["total"] == 3
    metrics = doc["metrics"]
    assert metrics["successCount"] == 2 and metrics["failureCount"] == 1 and metrics["totalProcessed"] == 3
    assert metrics["byErrorCategory"] == {"TEMPLATE_NOT_FOUND": 1}


def test_progress_redirects_anonymous_to_login(client, processed_batch):
    response = client.get(progress_url(processed_batch))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_progress_is_403_for_non_staff_and_staff_without_view_permission(client, processed_batch, django_user_model):
    plain = django_user_model.objects.create_user("plain", password="pw-Sample-123")
    client.force_login(plain)
    assert client.get(progress_url(processed_batch)).status_code == 403
    client.force_login(staff_user("nobody"))
    assert client.get(progress_url(processed_batch)).status_code == 403
    client.force_login(staff_user("looker", "batches.view_batch"))
    assert client.get(progress_url(processed_batch)).status_code == 200


def test_batch_page_shows_status_metrics_and_failures(admin_client, processed_batch):
    response = admin_client.get(f"/admin/batches/batch/{processed_batch.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("totalProcessed", "successCount", "failureCount", "processingTimeMs", "templateCacheHits"):
        assert f"<code>{name}</code>" in html
    assert "Completed with errors" in html and 'id="batch-progress"' in html
    assert "TEMPLATE_NOT_FOUND" in html and "fl-1" in html
    assert f"batch={processed_batch.pk}&amp;error_category__exact=TEMPLATE_NOT_FOUND" in html
    assert "batches/progress.js" in html and "Export CSV" in html


def test_paused_batch_shows_its_reason(admin_client, defaults):
    from batches.models import Batch, BatchStatus

    batch = create_batch([make_request("p-1", CA_TEXT)], batch_id="b-paused")
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.PAUSED, status_message="The LLM API key was refused.")
    html = admin_client.get(f"/admin/batches/batch/{batch.pk}/change/").content.decode()
    assert "The LLM API key was refused." in html and "Resume" in html


def test_item_list_filters_by_batch_status_and_search(admin_client, processed_batch):
    base = f"/admin/batches/batchitem/?batch={processed_batch.pk}"
    html = admin_client.get(base + "&status__exact=FAILED").content.decode()
    assert "fl-1" in html and "ok-1" not in html
    html = admin_client.get(base + "&error_category__exact=TEMPLATE_NOT_FOUND").content.decode()
    assert "fl-1" in html and "ok-2" not in html
    html = admin_client.get(base + "&state=CA").content.decode()
    assert "ok-1" in html and "fl-1" not in html
    html = admin_client.get(base + "&reason=non-payment").content.decode()
    assert "ok-2" in html and "fl-1" not in html
    html = admin_client.get("/admin/batches/batchitem/?q=ok-").content.decode()
    assert "ok-1" in html and "ok-2" in html and "fl-1" not in html


def _many_batches(n_batches=6, per_batch=8):
    batches = []
    for b in range(n_batches):
        reqs = [make_request(f"q-{b}-{i}", CA_TEXT, userId=f"user-{i}") for i in range(per_batch)]
        batches.append(create_batch(reqs, batch_id=f"b-q-{b}"))
    return batches


def test_query_budget_batch_changelist(admin_client, defaults, django_assert_max_num_queries):
    _many_batches()
    with django_assert_max_num_queries(6):
        assert admin_client.get("/admin/batches/batch/").status_code == 200


def test_query_budget_batch_page(admin_client, processed_batch, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert admin_client.get(f"/admin/batches/batch/{processed_batch.pk}/change/").status_code == 200


def test_query_budget_item_changelist(admin_client, defaults, django_assert_max_num_queries):
    batches = _many_batches()
    with django_assert_max_num_queries(9):
        assert admin_client.get("/admin/batches/batchitem/").status_code == 200
    with django_assert_max_num_queries(9):
        assert (
            admin_client.get(f"/admin/batches/batchitem/?batch={batches[0].pk}&status__exact=PENDING").status_code
            == 200
        )


def test_draft_page_does_not_poll_but_a_queued_one_does(admin_client, defaults):
    draft = create_batch([make_request("poll-1", CA_TEXT)], batch_id="b-poll-1")
    queued = create_batch([make_request("poll-2", CA_TEXT)], batch_id="b-poll-2", launch=True)
    assert 'data-polling="0"' in admin_client.get(f"/admin/batches/batch/{draft.pk}/change/").content.decode()
    assert 'data-polling="1"' in admin_client.get(f"/admin/batches/batch/{queued.pk}/change/").content.decode()
    assert admin_client.get(progress_url(queued)).json()["polling"] is True
