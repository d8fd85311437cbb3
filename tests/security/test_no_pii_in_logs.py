"""No personal data in logs, command output or django-q2's tables (reliability-security.md
§3.4, G9). The fixture is the shared sample batch; its tenant and landlord names, street
addresses and notice lines must appear nowhere but in our own item rows."""

from __future__ import annotations

import io
import json
import logging
import shutil

import pytest
from django.core.management import call_command

from tests.cluster import ProductEnv
from tests.conftest import SAMPLE_EVENT

from .pii import leaks, leaks_in_bytes, personal_strings, sample_requests


def test_the_fixture_has_personal_strings_to_look_for():
    strings = personal_strings()
    assert "Tenant A. Sample" in strings and "Owner Q. Example" in strings
    assert "100 Example St" in strings
    assert len(strings) > 100


@pytest.mark.django_db(transaction=True)
def test_sync_run_logs_nothing_personal_at_debug(caplog, defaults):
    caplog.set_level(logging.DEBUG)
    out, err = io.StringIO(), io.StringIO()
    call_command("process_batch", str(SAMPLE_EVENT), "--sync", "--json", stdout=out, stderr=err)
    doc = json.loads(out.getvalue())
    assert doc["batchMetrics"]["totalProcessed"] == len(sample_requests())
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "the run logged nothing at DEBUG: the test would prove nothing"
    assert leaks(logged) == []
    assert leaks(out.getvalue() + err.getvalue()) == []


@pytest.mark.django_db
def test_model_strings_are_free_of_personal_data(defaults):
    from batches.models import Batch, BatchItem

    call_command("process_batch", str(SAMPLE_EVENT), "--sync", "--json", stdout=io.StringIO())
    for obj in [*Batch.objects.all(), *BatchItem.objects.all()]:
        assert leaks(str(obj)) == [], obj.pk
    from templates_app.models import EvictionTemplate, StateNoticeRule

    for obj in [*EvictionTemplate.objects.all(), *StateNoticeRule.objects.all()]:
        assert leaks(str(obj)) == []


# --- The real thing: a qcluster subprocess at DEBUG, the CLI, and django-q2's tables -------

SHELL_LAUNCH = """
from pathlib import Path
from batches.services.ingest import UploadOptions, batch_create_from_upload
data = Path({path!r}).read_bytes()
[batch] = batch_create_from_upload(data=data, filename="sample.json", options=UploadOptions(launch=True))
print("BATCH", batch.pk)
"""

SHELL_DECODE = """
import json
from django_q.models import OrmQ, Task
from django_q.signing import SignedPackage
rows = []
for task in Task.objects.all():
    rows.append(repr((task.name, task.func, task.hook, task.args, task.kwargs, task.result, task.group)))
for queued in OrmQ.objects.all():
    rows.append(repr(SignedPackage.loads(queued.payload)))
print("DECODED", json.dumps(rows))
"""


def _variant(tmp_path, suffix: str):
    """The sample with new batch and analysis ids (each may be ingested only once)."""
    event = json.loads(SAMPLE_EVENT.read_text())
    for record in event["Records"]:
        record["body"]["batchId"] += suffix
        for request in record["body"]["batchRequests"]:
            request["analysisId"] += suffix
    path = tmp_path / f"sample{suffix}.json"
    path.write_text(json.dumps(event))
    return path


def _decoded_rows(product) -> list[str]:
    out = product.manage("shell", "-v", "0", "-c", SHELL_DECODE).stdout
    [line] = [line for line in out.splitlines() if line.startswith("DECODED ")]
    return json.loads(line[len("DECODED ") :])


def _raw_rows(product, table: str) -> list:
    return [value for row in product.query(f"SELECT * FROM {table}") for value in row]  # noqa: S608


def _wait_done(product, batch_id: int, timeout: float = 180) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        [(status,)] = product.query("SELECT status FROM batches_batch WHERE id=?", (batch_id,))
        if status in ("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"):
            return
        time.sleep(0.5)
    raise AssertionError(f"batch {batch_id} did not finish: {product.status_counts(batch_id)}")


@pytest.mark.slow
def test_cluster_run_at_debug_leaves_no_personal_data_in_logs_or_queue_tables(tmp_path):
    product = ProductEnv(tmp_path, LOG_LEVEL="DEBUG").setup()
    try:
        # 1. Queued but not yet run: the broker rows hold only ids.
        launch = product.manage("shell", "-v", "0", "-c", SHELL_LAUNCH.format(path=str(_variant(tmp_path, "_q"))))
        batch_id = int(launch.stdout.split("BATCH")[1].split()[0])
        assert product.query("SELECT COUNT(*) FROM django_q_ormq")[0][0] >= 1
        queued_raw, queued_decoded = _raw_rows(product, "django_q_ormq"), _decoded_rows(product)
        # 2. A cluster at DEBUG runs it, and the CLI runs another copy of the sample.
        product.start_cluster()
        _wait_done(product, batch_id)
        cli = product.manage("process_batch", str(_variant(tmp_path, "_cli")), "--json", timeout=240)
        assert json.loads(cli.stdout)["batchMetrics"]["successCount"] == len(sample_requests())
    finally:
        product.stop_cluster()
    done = product.status_counts(batch_id)
    assert done == {"ANALYSIS_COMPLETE": len(sample_requests())}, done

    cluster_log = product.cluster_log.read_text()
    assert "DEBUG" in cluster_log, "the cluster did not log at DEBUG: the scan would prove nothing"
    shutil.copy(product.cluster_log, tmp_path / "kept-cluster.log")
    assert leaks(cluster_log) == [], "personal data in the qcluster log"
    assert leaks(launch.stdout + launch.stderr + cli.stdout + cli.stderr) == [], "personal data in command output"
    assert product.query("SELECT COUNT(*) FROM django_q_task")[0][0] >= 2
    assert leaks_in_bytes(queued_raw) == [], "personal data in django_q_ormq"
    assert leaks_in_bytes(_raw_rows(product, "django_q_task")) == [], "personal data in django_q_task"
    assert leaks_in_bytes(_raw_rows(product, "django_q_ormq")) == []
    decoded = queued_decoded + _decoded_rows(product)
    assert len(decoded) >= 3
    assert leaks("\n".join(decoded)) == [], "personal data in decoded task args/kwargs/results"


def test_the_scanners_see_through_django_q_encodings():
    """Proof the table scan could fail: PII in a signed payload or a pickled field is found."""
    from django_q.signing import SignedPackage
    from picklefield.fields import dbsafe_encode

    secret = {"args": ("Tenant A. Sample lives at 100 Example St",)}
    assert leaks_in_bytes([SignedPackage.dumps(secret)]) != []
    assert leaks_in_bytes([str(dbsafe_encode(secret))]) != []
    assert leaks_in_bytes([str(dbsafe_encode(secret, compress_object=True))]) != []
    assert leaks_in_bytes([SignedPackage.dumps({"args": (42,)}), str(dbsafe_encode((7,)))]) == []
