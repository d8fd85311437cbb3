"""The staff workflow in a real browser against a real server and a real django-q2 cluster:
upload with an invalid row -> preview -> confirm with skip -> progress reaches 100% ->
open the failed item -> retry it -> metrics page."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CA_TEXT = (
    "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Q. Sample\n100 Example St, Sampleville, CA 90000\n"
    "You owe ${amount} in rent for March 2025. Pay within 3 days or quit.\nDated: March 4, 2025\nOwner Q. Example"
)
FL_MOVE_IN = (
    "NOTICE OF TERMINATION: OWNER MOVE-IN\nTO: Tenant Q. Sample\n7 Example Rd, Sample City, FL 33000\n"
    "The owner intends to personally occupy the unit. Vacate within 30 days.\nDated: March 4, 2025"
)
# No FL templates exist; without these two general fallbacks an FL owner-move-in notice has
# no template at all, so the item fails for real with TEMPLATE_NOT_FOUND.
FALLBACKS = "EvictionTemplate.objects.filter(state='general', reason__in=['owner-move-in', 'general'])"


def set_fallbacks(product, *, active: bool) -> None:
    product.shell(
        "from templates_app.models import EvictionTemplate\n"
        f"for t in {FALLBACKS}:\n    t.is_active = {active}\n    t.save()\n"
    )


def request(analysis_id: str, text: str, state: str) -> dict:
    return {
        "analysisId": analysis_id,
        "extractedText": text,
        "userSelectedState": state,
        "userFormData": {"tenantName": "Tenant Q. Sample", "landlordName": "Owner Q. Example"},
        "isImageUpload": False,
        "userId": "user_browser",
    }


def write_upload(tmp_path) -> str:
    requests = [request(f"br-ca-{i}", CA_TEXT.replace("${amount}", f"{1000 + i}.00"), "CA") for i in range(1, 5)]
    requests.append(request("br-fl-1", FL_MOVE_IN, "FL"))
    requests.append(request("br-bad-1", "   ", "CA"))  # row 6: invalid (no text)
    body = {"batchProcessing": True, "batchId": "browser-batch-1", "batchRequests": requests}
    path = tmp_path / "browser-batch.json"
    path.write_text(json.dumps({"Records": [{"body": body}]}))
    return str(path)


def wait_for_full_progress(page, status: str) -> None:
    expect(page.locator("#batch-percent")).to_have_text("100%", timeout=120_000)
    expect(page.locator("#batch-status")).to_have_text(status, timeout=30_000)


def test_upload_run_review_retry_and_metrics(admin_page, product, tmp_path, screenshots_dir):
    page = admin_page
    set_fallbacks(product, active=False)
    try:
        # Upload: step 1 shows the preview with the invalid row; nothing is created yet.
        page.goto("/admin/batches/batch/add/")
        page.set_input_files("#id_file", write_upload(tmp_path))
        page.fill("#id_name", "Browser batch")
        page.fill("#id_concurrency", "2")
        page.check("input[name=start][value=launch]")
        page.click("input[name=_preview]")
        expect(page.locator("#preview-valid")).to_have_text("5")
        expect(page.locator("#preview-invalid")).to_have_text("1")
        errors = page.locator("#preview-errors tr.row-error")
        expect(errors).to_have_count(1)
        expect(errors.first).to_contain_text("6")
        expect(errors.first).to_contain_text("extractedText")
        assert product.query("SELECT COUNT(*) FROM batches_batch") == [(0,)]

        # Step 2: confirm with "skip invalid rows"; the batch page polls until 100%.
        page.check("#id_skip_invalid")
        page.click("input[name=_confirm]")
        page.wait_for_url(re.compile(r"/admin/batches/batch/\d+/change/"))
        expect(page.locator(".messagelist")).to_contain_text("with 5 item(s); launched")
        wait_for_full_progress(page, "Completed with errors")
        expect(page.locator("#batch-poll-state")).to_contain_text("finished")  # set by the poller only
        expect(page.locator('[data-metric="successCount"]')).to_have_text("4")
        expect(page.locator('[data-metric="failureCount"]')).to_have_text("1")
        page.reload()
        expect(page.locator("#batch-error-categories")).to_contain_text("Template not found")
        page.screenshot(path=str(screenshots_dir / "batch-page.png"), full_page=True)

        # The failed item: error, category and attempts.
        page.click("text=br-fl-1")
        expect(page.locator("#item-failure")).to_contain_text("TEMPLATE_NOT_FOUND")
        expect(page.locator("#item-error")).to_contain_text("No active response template for FL/owner-move-in")
        expect(page.locator("#item-attempts")).to_have_text("1")

        # Fix the cause, then retry with the latest template versions.
        set_fallbacks(product, active=True)
        page.click("#retry-item")
        expect(page.locator("#eligible-count")).to_have_text("1")
        page.check("input[name=templates][value=latest]")
        page.click("#confirm-action")
        expect(page.locator(".messagelist")).to_contain_text("Queued 1 failed item(s) for another attempt.")
        page.goto(f"/admin/batches/batch/{_batch_id(product)}/change/")
        wait_for_full_progress(page, "Completed")
        expect(page.locator('[data-metric="successCount"]')).to_have_text("5")

        # The retried item now shows a result a person can read.
        page.goto("/admin/batches/batchitem/?q=br-fl-1")
        page.click("text=br-fl-1")
        expect(page.locator("#compliance-verdict")).to_be_visible()
        expect(page.locator("#response-letter")).to_contain_text("Tenant Q. Sample")

        # The metrics dashboard draws its charts with the vendored Chart.js.
        page.goto("/admin/batches/batch/metrics/")
        expect(page.locator("#metrics-batches")).to_contain_text("Browser batch")
        page.wait_for_function("window.batchMetricsCharts && Object.keys(window.batchMetricsCharts).length === 3")
        expect(page.locator("#metrics-alerts")).to_contain_text("cache hit ratio")
    finally:
        set_fallbacks(product, active=True)


def _batch_id(product) -> int:
    [(batch_id,)] = product.query("SELECT id FROM batches_batch WHERE external_id = 'browser-batch-1'")
    return batch_id


def test_progress_endpoint_is_json_for_staff_and_refused_to_anonymous(admin_page, product, browser):
    data = admin_page.request.get("/admin/batches/batch/metrics/")
    assert data.status == 200
    anonymous = browser.new_context(base_url=product.base_url)
    try:
        response = anonymous.request.get("/admin/batches/batch/1/progress/", max_redirects=0)
        assert response.status == 302 and "/admin/login/" in response.headers["location"]
    finally:
        anonymous.close()
