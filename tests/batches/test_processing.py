"""Processing a batch end to end on the real database, inline (the cluster tests are slow)."""

import pytest

from batches.models import Batch, BatchStatus, ItemStatus
from batches.selectors import batch_metrics
from batches.services import runner
from batches.services.ingest import UploadOptions, batch_create_from_upload
from templates_app.cache import fallback_chain, template_key
from templates_app.models import EvictionTemplate
from tests.conftest import make_event, make_request

pytestmark = pytest.mark.django_db


def run_inline(data: bytes, **options) -> Batch:
    [batch] = batch_create_from_upload(data=data, filename="u.json", options=UploadOptions(launch=False, **options))
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    batch.refresh_from_db()
    return batch


def templates_needed(batch: Batch) -> set[str]:
    """Distinct templates the items' final (state, reason) resolve to."""
    needed = set()
    existing = set(EvictionTemplate.objects.filter(is_active=True).values_list("state", "reason", "template_type"))
    for state, reason in batch.items.values_list("state", "reason").distinct():
        for ttype in ("response", "meta"):
            for s, r in fallback_chain(state or "general", reason):
                if (s, r, ttype) in existing:
                    needed.add(template_key(s, r, ttype))
                    break
    return needed


def test_sample_batch_completes_with_exact_cache_counts(defaults, sample_event_bytes):
    batch = run_inline(sample_event_bytes)
    metrics = batch_metrics(batch)
    assert batch.status == BatchStatus.COMPLETED
    assert metrics["successCount"] == 14 and metrics["failureCount"] == 0
    assert metrics["templateCacheMisses"] == len(templates_needed(batch))
    # Every item resolves a response and a meta template: the first use of each template
    # is its database read (a miss), every other lookup is served from cache.
    assert metrics["templateCacheHits"] + metrics["templateCacheMisses"] == 28
    for item in batch.items.all():
        results = item.analysis_results
        assert results["response"]["letter"].strip()
        assert results["provenance"]["templates"]["response"]["version"] >= 1
        assert item.template_versions["response"]["key"].startswith("template:")


def test_fallback_chain_state_then_general_reason_then_general(defaults):
    ca = "THREE-DAY NOTICE TO PAY RENT OR QUIT\n(California Code of Civil Procedure Section 1161(2))\nTO: Tenant Z. Sample\nTotal rent due $900.00"
    fl = "THREE-DAY NOTICE TO PAY RENT OR DELIVER POSSESSION\n(Section 83.56(3), Florida Statutes)\nYou owe $900.00 rent."
    EvictionTemplate.objects.filter(state="general", reason="non-payment").update(is_active=False)
    batch = run_inline(make_event([make_request("fb-ca", ca, "CA"), make_request("fb-fl", fl, "FL")]))
    ca_item, fl_item = batch.items.order_by("row_number")
    assert ca_item.template_versions["response"]["key"] == "template:CA:non-payment:response"
    assert ca_item.fallback_used is False
    # FL has no state template and general/non-payment is inactive: general/general answers.
    assert fl_item.template_versions["response"]["key"] == "template:general:general:response"
    assert fl_item.fallback_used is True
    assert batch_metrics(batch)["fallbackCount"] == 1


def test_missing_templates_fail_one_item_not_the_batch(defaults):
    ok = "THREE-DAY NOTICE TO PAY RENT OR QUIT\n(California Code of Civil Procedure Section 1161(2))\nRent due $900.00"
    renewal = "RENEWAL LEASE OFFER\nYour lease expires June 30, 2025. We offer a renewal at $1,900 per month."
    EvictionTemplate.objects.filter(state="general", reason__in=["not-a-notice", "general"]).delete()
    batch = run_inline(make_event([make_request("m-1", ok, "CA"), make_request("m-2", renewal, "NY")]))
    good, bad = batch.items.order_by("row_number")
    assert good.status == ItemStatus.ANALYSIS_COMPLETE
    assert bad.status == ItemStatus.FAILED
    assert bad.error_category == "TEMPLATE_NOT_FOUND"
    assert "not-a-notice" in bad.error
    assert batch.status == BatchStatus.COMPLETED_WITH_ERRORS


def test_redelivered_slice_claims_nothing_and_changes_nothing(defaults, sample_event_bytes):
    batch = run_inline(sample_event_bytes)
    before = list(batch.items.values_list("pk", "finished_at", "attempts"))
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    assert runner.batch_run_slice(batch_id=batch.pk) is False
    assert list(batch.items.values_list("pk", "finished_at", "attempts")) == before


def test_cancelled_batch_stops_claiming(defaults, sample_event_bytes):
    from batches.services.lifecycle import batch_cancel

    [batch] = batch_create_from_upload(data=sample_event_bytes, filename="u.json", options=UploadOptions(launch=False))
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    assert batch_cancel(batch_id=batch.pk) == 14
    assert runner.batch_run_slice(batch_id=batch.pk) is False
    assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.CANCELLED}


def test_slice_restores_the_process_switch_interval(defaults, sample_event_bytes):
    """A slice lowers the GIL switch interval for its own run only: the worker process gets
    its own value back afterwards (sys.setswitchinterval is process-wide)."""
    import sys

    before = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    try:
        batch = run_inline(sample_event_bytes)
        after = sys.getswitchinterval()
    finally:
        sys.setswitchinterval(before)
    assert batch.status == BatchStatus.COMPLETED
    assert after == pytest.approx(0.004)
    assert runner.SLICE_SWITCH_INTERVAL < 0.004  # so a missing restore would show above
