"""PostgreSQL behaviour (these run in the suite's PostgreSQL pass): SKIP LOCKED claims,
NUL bytes stopped by the parser before the database could refuse them."""

from __future__ import annotations

import threading

import pytest
from django.db import DataError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from batches.models import Batch, BatchItem, BatchStatus, ItemStatus
from batches.services.claims import claim_items
from batches.services.ingest import BatchRejected, UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request

TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Z. Sample\nYou owe $1,000.00 in rent."


def _batch(n: int) -> Batch:
    data = make_event([make_request(f"pg-{i}", TEXT) for i in range(n)], batch_id=f"pg-{n}")
    [batch] = batch_create_from_upload(data=data, filename="e.json", options=UploadOptions(launch=False))
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    return batch


def _other_connection():
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432)


@pytest.mark.django_db(transaction=True)
def test_claims_skip_rows_another_worker_has_locked(on_postgres):
    batch = _batch(6)
    first_three = list(batch.items.order_by("row_number").values_list("pk", flat=True)[:3])
    with _other_connection() as other:  # another machine, mid-claim, holding row locks
        other.execute("SELECT id FROM batches_batchitem WHERE id = ANY(%s) FOR UPDATE", (first_three,))
        with CaptureQueriesContext(connection) as queries:
            claimed = claim_items(batch.pk, owner="w1", limit=6)
        other.rollback()
    assert any("FOR UPDATE OF" in q["sql"] and "SKIP LOCKED" in q["sql"] for q in queries.captured_queries)
    assert [c["pk"] for c in claimed] == sorted(set(batch.items.values_list("pk", flat=True)) - set(first_three))
    assert claim_items(batch.pk, owner="w2", limit=6) == [dict(c, attempts=1) for c in _fresh(first_three)]


def _fresh(pks):
    return list(
        BatchItem.objects.filter(pk__in=pks)
        .order_by("row_number")
        .values("pk", "analysis_id", "extracted_text", "user_selected_state", "user_form_data", "attempts")
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_claimers_never_share_an_item(on_postgres):
    batch = _batch(60)
    results: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        try:
            mine = results.setdefault(name, [])
            while claimed := claim_items(batch.pk, owner=name, limit=4):
                mine.extend(c["pk"] for c in claimed)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    everything = [pk for pks in results.values() for pk in pks]
    assert len(everything) == len(set(everything)) == 60
    assert BatchItem.objects.filter(status=ItemStatus.PROCESSING, attempts=1).count() == 60


@pytest.mark.django_db
def test_nul_bytes_are_rejected_before_the_database(on_postgres):
    data = make_event([make_request("nul-1", TEXT), make_request("nul-2", "NOTICE\x00TO QUIT pay $5")])
    with pytest.raises(BatchRejected) as caught:
        batch_create_from_upload(data=data, filename="e.json", options=UploadOptions(launch=False))
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "extractedText")]
    assert "NUL" in caught.value.errors[0].message
    assert not Batch.objects.exists()
    # Why the parser must catch it: PostgreSQL itself refuses NUL in text.
    batch = Batch.objects.create(name="direct")
    with pytest.raises(DataError, match="NUL"), transaction.atomic():
        BatchItem.objects.create(batch=batch, row_number=1, analysis_id="direct-1", extracted_text="a\x00b")


@pytest.mark.django_db
def test_nul_bytes_in_ids_and_form_data_are_rejected_too(on_postgres):
    bad_id = make_request("nul\x00id", TEXT)
    bad_form = make_request("nul-form", TEXT)
    bad_form["userFormData"]["tenantName"] = "Ten\x00ant"
    with pytest.raises(BatchRejected) as caught:
        batch_create_from_upload(
            data=make_event([bad_id, bad_form]), filename="e.json", options=UploadOptions(launch=False)
        )
    assert sorted(e.row for e in caught.value.errors) == [1, 2]
