"""/metrics for Prometheus and the CloudWatch push (against moto's server)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from batches.models import Batch, BatchItem, ErrorCategory, ItemStatus
from batches.selectors import batch_metrics
from batches.services.ingest import UploadOptions, batch_create_from_upload
from batches.services.lifecycle import items_retry
from batches.services.runner import batch_run_slice
from ingestion.models import IngestRejection
from ingestion.tokens import api_token_create
from tests.conftest import make_event, make_request

pytestmark = pytest.mark.django_db


def scrape(client, token=None, **extra):
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.get("/metrics", **extra)


def samples(text: str) -> dict[tuple, float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


@pytest.fixture
def processed_batch(defaults, sample_event_bytes):
    [batch] = batch_create_from_upload(
        data=sample_event_bytes, filename="event.json", options=UploadOptions(launch=False)
    )
    Batch.objects.filter(pk=batch.pk).update(status="QUEUED")
    while batch_run_slice(batch_id=batch.pk):
        pass
    IngestRejection.objects.create(source="sqs", message_id="m-1", reason="bad")
    return Batch.objects.get(pk=batch.pk)


def test_metrics_match_the_one_metrics_selector(client, staff_token, processed_batch):
    response = scrape(client, staff_token)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    values = samples(response.content.decode())
    expected = batch_metrics(processed_batch)
    # Non-zero numbers, so agreeing with the selector is not 0 == 0.
    assert expected["successCount"] == 14 and expected["templateCacheHits"] + expected["templateCacheMisses"] > 0
    assert values[("tenantarmor_batches", (("status", "COMPLETED"),))] == 1
    assert values[("tenantarmor_items", (("status", "ANALYSIS_COMPLETE"),))] == 14
    assert values[("tenantarmor_items_succeeded_total", ())] == expected["successCount"]
    assert values[("tenantarmor_items_failed", ())] == expected["failureCount"]
    assert values[("tenantarmor_template_cache_hits_total", ())] == expected["templateCacheHits"]
    assert values[("tenantarmor_template_cache_misses_total", ())] == expected["templateCacheMisses"]
    assert values[("tenantarmor_item_processing_seconds_count", ())] == 14
    assert values[("tenantarmor_item_processing_seconds_bucket", (("le", "+Inf"),))] == 14
    # Base units: the buckets and the sum are seconds (processing_ms is stored in milliseconds).
    assert values[("tenantarmor_item_processing_seconds_bucket", (("le", "60.0"),))] == 14
    total_ms = sum(
        BatchItem.objects.filter(status=ItemStatus.ANALYSIS_COMPLETE).values_list("processing_ms", flat=True)
    )
    assert values[("tenantarmor_item_processing_seconds_sum", ())] == pytest.approx(total_ms / 1000)
    assert values[("tenantarmor_queue_depth", ())] == 0
    assert values[("tenantarmor_ingest_rejections_total", (("kind", "invalid"), ("source", "sqs")))] == 1
    # A staff upload refused in the admin is not a feed fault: it has its own source label.
    assert values[("tenantarmor_ingest_rejections_total", (("kind", "invalid"), ("source", "admin")))] == 0


def test_admin_upload_rejections_are_labelled_apart_from_the_feed(client, staff_token, db):
    IngestRejection.objects.create(source="admin", reason="The file has no valid rows.")
    IngestRejection.objects.create(source="api", reason="duplicate: x", duplicate=True)
    values = samples(scrape(client, staff_token).content.decode())
    rejections = {k[1]: v for k, v in values.items() if k[0] == "tenantarmor_ingest_rejections_total" and v}
    assert rejections == {(("kind", "invalid"), ("source", "admin")): 1, (("kind", "duplicate"), ("source", "api")): 1}


GAUGES = {"tenantarmor_batches", "tenantarmor_items", "tenantarmor_items_failed", "tenantarmor_queue_depth"}
COUNTERS = {
    "tenantarmor_items_succeeded",
    "tenantarmor_template_cache_hits",
    "tenantarmor_template_cache_misses",
    "tenantarmor_llm_tokens",
    "tenantarmor_ingest_rejections",
}


def types(text: str) -> dict[str, str]:
    return {line.split()[2]: line.split()[3] for line in text.splitlines() if line.startswith("# TYPE ")}


def test_current_counts_are_gauges_and_only_totals_are_counters(client, staff_token, processed_batch):
    text = scrape(client, staff_token).content.decode()
    declared = types(text)
    assert {name for name, kind in declared.items() if kind == "gauge"} == GAUGES
    assert {name.removesuffix("_total") for name, kind in declared.items() if kind == "counter"} == COUNTERS
    assert declared["tenantarmor_item_processing_seconds"] == "histogram"
    counter_samples = {s.name for f in text_string_to_metric_families(text) if f.type == "counter" for s in f.samples}
    assert counter_samples and all(name.endswith("_total") for name in counter_samples)
    gauge_samples = {s.name for f in text_string_to_metric_families(text) if f.type == "gauge" for s in f.samples}
    assert gauge_samples == GAUGES  # no `_total` on a gauge


def _monotonic(text: str) -> dict[tuple, float]:
    """The samples Prometheus treats as counters: counters and histogram buckets/count/sum."""
    kinds = {"counter", "histogram"}
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in text_string_to_metric_families(text)
        if f.type in kinds
        for s in f.samples
    }


def test_retrying_a_failed_item_lowers_a_gauge_and_no_counter(client, staff_token, processed_batch):
    [other] = batch_create_from_upload(
        data=make_event([make_request("mon-fail-1", "THREE-DAY NOTICE TO PAY RENT OR QUIT")], batch_id="b-mon"),
        filename="event.json",
        options=UploadOptions(launch=False),
    )
    Batch.objects.filter(pk=other.pk).update(status="COMPLETED_WITH_ERRORS")
    BatchItem.objects.filter(batch=other).update(
        status=ItemStatus.FAILED,
        error_category=ErrorCategory.LLM_TIMEOUT,
        error="LLM call timed out.",
        processing_ms=700,
    )
    before_text = scrape(client, staff_token).content.decode()
    assert samples(before_text)[("tenantarmor_items_failed", ())] == 1
    # Only completed items are in the histogram (the failed one's 700 ms is not).
    assert samples(before_text)[("tenantarmor_item_processing_seconds_count", ())] == 14
    assert items_retry(item_ids=BatchItem.objects.filter(batch=other).values_list("pk", flat=True)) == 1
    after_text = scrape(client, staff_token).content.decode()
    assert samples(after_text)[("tenantarmor_items_failed", ())] == 0
    before, after = _monotonic(before_text), _monotonic(after_text)
    assert before.keys() == after.keys() and len(before) > 10
    fallen = {key: (before[key], after[key]) for key in before if after[key] < before[key]}
    assert not fallen, f"counters that fell (Prometheus reads a reset): {fallen}"


def test_metrics_need_a_staff_token_or_an_allowed_network(client, db):
    assert scrape(client).status_code == 401
    user = User.objects.create_user("ex-staff", is_staff=True)
    _, token = api_token_create(username="ex-staff")
    User.objects.filter(pk=user.pk).update(is_staff=False)
    assert scrape(client, token).status_code == 403
    with override_settings(METRICS_ALLOWED_CIDRS=["10.0.0.0/8"]):
        assert scrape(client, REMOTE_ADDR="10.1.2.3").status_code == 200
        assert scrape(client, REMOTE_ADDR="192.168.1.1", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 401


def test_cloudwatch_push_sends_the_same_numbers(boto, aws, processed_batch, capsys):
    with override_settings(CLOUDWATCH_ENDPOINT_URL=aws):
        call_command("push_cloudwatch", "--namespace", "TenantArmor/Test")
    assert "pushed" in capsys.readouterr().out
    cloudwatch = boto("cloudwatch")
    names = {m["MetricName"] for m in cloudwatch.list_metrics(Namespace="TenantArmor/Test")["Metrics"]}
    assert {"Batches", "Items", "TemplateCacheHits", "TemplateCacheMisses", "QueueDepth"} <= names
    items = cloudwatch.list_metrics(Namespace="TenantArmor/Test", MetricName="Items")["Metrics"]
    assert {"Name": "Status", "Value": "ANALYSIS_COMPLETE"} in [d for m in items for d in m["Dimensions"]]
    stats = cloudwatch.get_metric_statistics(
        Namespace="TenantArmor/Test",
        MetricName="Items",
        Dimensions=[{"Name": "Status", "Value": "ANALYSIS_COMPLETE"}],
        StartTime=timezone.now() - timedelta(hours=1),
        EndTime=timezone.now() + timedelta(hours=1),
        Period=3600,
        Statistics=["Maximum"],
    )["Datapoints"]
    assert [point["Maximum"] for point in stats] == [batch_metrics(processed_batch)["successCount"]]


def test_push_cloudwatch_needs_a_namespace():
    with pytest.raises(Exception, match="CLOUDWATCH_NAMESPACE"):
        call_command("push_cloudwatch", "--namespace", "")
