"""Exports (formula escaping), the read-only item page, and the metrics dashboard."""

import csv
import io
import json

import pytest

from batches.models import Batch, BatchItem
from tests.admin.conftest import CA_TEXT, create_batch, fail_items, make_request, staff_user

pytestmark = pytest.mark.django_db


def download(client, url) -> str:
    """Read a streaming export to the end: the test client then closes it with the
    connection-closing signal detached (an explicit response.close() would close the
    PostgreSQL connection inside the test transaction)."""
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_export_csv_escapes_formula_cells(admin_client, defaults):
    batch = create_batch([make_request("=cmd()", CA_TEXT, userId="+SUM(A1)")], batch_id="b-x")
    fail_items(batch, "=cmd()", error='=HYPERLINK("http://x")')
    text = download(admin_client, f"/admin/batches/batch/{batch.pk}/export/csv/")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "analysisId"
    assert rows[1][0] == "'=cmd()" and rows[1][1] == "'+SUM(A1)" and rows[1][4].startswith("'=HYPERLINK")


def test_export_jsonl_and_action(admin_client, processed_batch):
    text = download(admin_client, f"/admin/batches/batch/{processed_batch.pk}/export/jsonl/")
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["analysisId"] for r in records] == ["ok-1", "ok-2", "fl-1"]
    response = admin_client.post(
        "/admin/batches/batch/", {"action": "export_csv", "_selected_action": [str(processed_batch.pk)]}
    )
    assert response["Content-Disposition"].startswith("attachment;") and ".csv" in response["Content-Disposition"]
    if response.streaming:
        b"".join(response.streaming_content)


def test_export_needs_permission(client, processed_batch):
    client.force_login(staff_user("v", "batches.view_batch"))
    assert client.get(f"/admin/batches/batch/{processed_batch.pk}/export/csv/").status_code == 403


def test_item_page_for_a_success_shows_verdict_and_letter(admin_client, processed_batch):
    item = BatchItem.objects.get(analysis_id="ok-1")
    response = admin_client.get(f"/admin/batches/batchitem/{item.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="compliance-verdict"' in html
    assert response.context["verdict_label"] in (
        "Meets the statutory minimum",
        "Does not meet the statutory minimum",
        "Needs review",
    )
    assert response.context["verdict_label"] in html
    assert (
        item.analysis_results["response"]["letter"].splitlines()[-1].strip()[:30] in html or "response-letter" in html
    )
    assert 'id="response-letter"' in html and "Tenant Q. Sample" in html
    assert "<details" in html and "Raw analysisResults JSON" in html
    assert "Three-day notice" in html or "THREE-DAY NOTICE" in html


def test_item_page_for_a_failure_shows_error_category_attempts(admin_client, processed_batch):
    item = BatchItem.objects.get(analysis_id="fl-1")
    html = admin_client.get(f"/admin/batches/batchitem/{item.pk}/change/").content.decode()
    assert "Template not found" in html and "TEMPLATE_NOT_FOUND" in html
    assert "No active response template for FL/owner-move-in" in html
    assert f'id="item-attempts">{item.attempts}<' in html
    assert "Retry this item" in html


def test_item_page_escapes_notice_text(admin_client, defaults):
    batch = create_batch([make_request("xss-1", CA_TEXT + "\n<script>alert(1)</script>")], batch_id="b-xss")
    item = batch.items.get()
    html = admin_client.get(f"/admin/batches/batchitem/{item.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_items_are_read_only(admin_client, processed_batch):
    item = BatchItem.objects.get(analysis_id="ok-1")
    html = admin_client.get(f"/admin/batches/batchitem/{item.pk}/change/").content.decode()
    assert 'name="_save"' not in html
    assert admin_client.get("/admin/batches/batchitem/add/").status_code == 403


def test_metrics_page_renders_with_threshold_warnings(admin_client, processed_batch):
    response = admin_client.get("/admin/batches/batch/metrics/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "batches/vendor/chartjs/chart.umd.min.js" in html and 'id="metrics-data"' in html
    kinds = {a["kind"] for a in response.context["alerts"]}
    assert kinds == {"success", "cache"}  # 2/3 succeeded; a 3-item batch has a cold cache
    assert "success rate 66.7% is below 95%" in html
    assert "TEMPLATE_NOT_FOUND" in html and "Activate or add one under Templates" in html
    assert "template cache hit ratio" in html and "is below 80%" in html
    data = json.loads(response.context["chart_data"] and json.dumps(response.context["chart_data"]))
    assert data["labels"] == [f"#{processed_batch.pk}"] and data["successRate"] == [66.7]


def test_metrics_page_without_alerts(admin_client, defaults):
    Batch.objects.all().delete()
    html = admin_client.get("/admin/batches/batch/metrics/").content.decode()
    assert "No batch in this window crosses a threshold." in html


def test_metrics_page_needs_view_permission(client, processed_batch):
    client.force_login(staff_user("none"))
    assert client.get("/admin/batches/batch/metrics/").status_code == 403


def test_recent_series_is_one_query(processed_batch, django_assert_num_queries):
    from batches.selectors import batches_recent_series

    create_batch([make_request("s-1", CA_TEXT)], batch_id="b-series", launch=True)
    with django_assert_num_queries(1):
        series = batches_recent_series(limit=10)
    assert [p["id"] for p in series][-1] > series[0]["id"]
    point = next(p for p in series if p["id"] == processed_batch.pk)
    assert (point["successCount"], point["failureCount"], point["totalItems"]) == (2, 1, 3)
    assert point["successRate"] == round(2 / 3, 4)


def test_multi_record_event_creates_one_batch_per_record(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    records = [
        {
            "body": {
                "batchProcessing": True,
                "batchId": f"rec-{n}",
                "batchRequests": [make_request(f"rec-{n}-1", CA_TEXT)],
            }
        }
        for n in (1, 2)
    ]
    upload = SimpleUploadedFile("event.json", json.dumps({"Records": records}).encode(), "application/json")
    first = admin_client.post(
        "/admin/batches/batch/add/", {"concurrency": 2, "analyzer": "rules", "start": "draft", "file": upload}
    )
    assert first.context["preview"].batch_count == 2
    form = first.context["confirm"]
    data = {k: form[k].value() for k in ("token", "filename", "name", "concurrency", "analyzer", "start")}
    response = admin_client.post("/admin/batches/batch/add/", {**data, "_confirm": "1"})
    assert response.status_code == 302 and response["Location"] == "/admin/batches/batch/"
    assert sorted(Batch.objects.values_list("external_id", flat=True)) == ["rec-1", "rec-2"]
