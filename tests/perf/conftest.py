"""Performance proxies that do not depend on the machine's speed: query counts and the
order in which items complete. Timings live in `make bench` (bench/run.py), never here."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from batches.models import Batch, BatchStatus
from batches.services import runner
from batches.services.ingest import UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request

CA_TEXT = (
    "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Q. Sample\n100 Example St, Sampleville, CA 90000\n"
    "You owe $1,200.00 in rent for March 2025. Pay within 3 days or quit.\nDated: March 4, 2025\nOwner Q. Example"
)
NY_TEXT = (
    "FOURTEEN-DAY RENT DEMAND\nTo: Tenant R. Sample, 5 Example Ave, Apt 2, Sample City, NY 10000\n"
    "You are required to pay $2,000.00 in rent for April 2025 within fourteen (14) days or surrender "
    "possession.\nDated: April 3, 2025\nLandlord R. Example"
)


def queued_batch(n: int, *, prefix: str, concurrency: int = 5, analyzer: str = "rules", texts=None) -> Batch:
    """A QUEUED batch of `n` items (CA and NY non-payment notices, alternating)."""
    texts = texts or [(CA_TEXT, "CA"), (NY_TEXT, "NY")]
    requests = [make_request(f"{prefix}-{i}", texts[i % len(texts)][0], texts[i % len(texts)][1]) for i in range(n)]
    [batch] = batch_create_from_upload(
        data=make_event(requests, batch_id=f"{prefix}-batch"),
        filename="perf.json",
        options=UploadOptions(launch=False, analyzer=analyzer, concurrency=concurrency),
    )
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    return batch


def run_to_end(batch: Batch) -> None:
    while runner.batch_run_slice(batch_id=batch.pk, time_budget=60):
        pass


TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN")


def count_queries(batch: Batch) -> list[str]:
    """The SQL statements that running `batch` to the end takes in this process, without
    transaction control (inside a test's transaction each `atomic` is a savepoint pair;
    in production it is a BEGIN and a COMMIT)."""
    with CaptureQueriesContext(connection) as ctx:
        run_to_end(batch)
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)]
