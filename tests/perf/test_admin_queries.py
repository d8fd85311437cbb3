"""Query budgets for the admin pages staff open: the same budget for a small and a large
database, so a per-row query (an N+1) fails however it is introduced."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from batches.models import BatchItem, ErrorCategory, ItemStatus
from tests.perf.conftest import queued_batch, run_to_end

pytestmark = pytest.mark.django_db

BUDGETS = {  # measured when written (4, 11, 7, 4, 7), plus 1-2 of headroom; never per row
    "batch list": 5,
    "batch page": 12,
    "item list (batch + FAILED)": 8,
    "item page": 5,
    "metrics page": 8,
}


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("perf-boss", "", "pw-Sample-123"))
    return client


def _database(*, batches: int, items_per_batch: int):
    """`batches` processed batches; a tenth of each batch's items failed."""
    made = []
    for b in range(batches):
        batch = queued_batch(items_per_batch, prefix=f"adm{b}x{items_per_batch}")
        run_to_end(batch)
        failed = list(batch.items.order_by("pk").values_list("pk", flat=True)[::10])
        BatchItem.objects.filter(pk__in=failed).update(
            status=ItemStatus.FAILED, error_category=ErrorCategory.LLM_TIMEOUT, error="LLM call timed out."
        )
        made.append(batch)
    return made


def _pages(batch) -> dict[str, str]:
    item = batch.items.filter(status=ItemStatus.FAILED).order_by("pk").first()
    return {
        "batch list": "/admin/batches/batch/",
        "batch page": f"/admin/batches/batch/{batch.pk}/change/",
        "item list (batch + FAILED)": f"/admin/batches/batchitem/?batch={batch.pk}&status__exact=FAILED",
        "item page": f"/admin/batches/batchitem/{item.pk}/change/",
        "metrics page": "/admin/batches/batch/metrics/",
    }


def _counts(client, batch) -> dict[str, int]:
    counts = {}
    for name, url in _pages(batch).items():
        client.get(url)  # first request of a session warms per-process caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx)
    return counts


@pytest.mark.parametrize(("batches", "items_per_batch"), [(1, 5), (4, 50)])
def test_admin_pages_stay_within_the_same_budget_small_and_large(
    defaults, staff_client, django_assert_max_num_queries, batches, items_per_batch
):
    made = _database(batches=batches, items_per_batch=items_per_batch)
    for name, url in _pages(made[-1]).items():
        staff_client.get(url)
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            assert staff_client.get(url).status_code == 200


def test_admin_page_query_counts_do_not_grow_with_rows(defaults, staff_client):
    small = _counts(staff_client, _database(batches=1, items_per_batch=5)[-1])
    large = _counts(staff_client, _database(batches=4, items_per_batch=50)[-1])
    grown = {name: (small[name], large[name]) for name in small if large[name] > small[name]}
    assert not grown, f"query count grows with rows (small, large): {grown}"
