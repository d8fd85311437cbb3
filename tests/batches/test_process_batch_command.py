"""`process_batch FILE|-` hands the open file (stdin: a temporary copy) to the streaming ingest."""

import io
import json

import pytest
from django.core.management import call_command

from batches.management.commands import process_batch
from batches.models import Batch, BatchItem
from tests.conftest import SAMPLE_EVENT, make_event, make_request

pytestmark = pytest.mark.django_db

TEXT = "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Z. Sample\nYou owe $1,000.00 in rent."


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("process_batch", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_stdin_is_ingested_and_its_bytes_stored(monkeypatch, defaults):
    data = SAMPLE_EVENT.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run("-", "--sync", "--json")
    assert code == 0 and json.loads(out)["batchMetrics"]["totalProcessed"] == 14
    batch = Batch.objects.get()
    assert batch.source_name == "stdin"
    with batch.source_file.open("rb") as stored:
        assert stored.read() == data


def test_a_rejected_file_names_its_rows_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(make_event([make_request("c-1", TEXT), make_request("c-2", TEXT, state="ZZ")]))
    code, out, _ = run(str(path), "--sync", "--json")
    doc = json.loads(out)
    assert code == process_batch.EXIT_REJECTED and doc["rejected"] is True
    assert [(e["row"], e["field"]) for e in doc["errors"]] == [(2, "userSelectedState")]
    assert not Batch.objects.exists() and not BatchItem.objects.exists()


def test_without_a_cluster_a_bad_file_is_still_reported_as_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(process_batch, "cluster_running", lambda: False)
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    bad.write_bytes(make_event([make_request("d-1", TEXT, state="ZZ")]))
    good.write_bytes(make_event([make_request("d-2", TEXT)]))
    assert run(str(bad))[0] == process_batch.EXIT_REJECTED
    code, _, err = run(str(good))
    assert code == process_batch.EXIT_NO_CLUSTER and "No django-q2 cluster" in err
    assert not Batch.objects.exists()


def test_without_a_cluster_an_already_ingested_batch_id_is_reported_as_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(process_batch, "cluster_running", lambda: False)
    old = Batch.objects.create(name="earlier", external_id="taken-id")
    path = tmp_path / "again.json"
    path.write_bytes(make_event([make_request("e-1", TEXT)], batch_id="taken-id"))
    code, out, _ = run(str(path), "--json")
    assert code == process_batch.EXIT_REJECTED
    assert (
        json.loads(out)["message"]
        == f"batchId 'taken-id' was already ingested as batch #{old.pk}; nothing was created."
    )
    assert list(Batch.objects.values_list("pk", flat=True)) == [old.pk]


class _Pipe(io.RawIOBase):
    """stdin as a pipe: it cannot seek."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._data.readinto(buffer)


def test_a_piped_stdin_is_ingested_and_its_bytes_stored(monkeypatch, defaults):
    data = SAMPLE_EVENT.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(_Pipe(data))))
    code, out, _ = run("-", "--sync", "--json")
    assert code == 0 and json.loads(out)["batchMetrics"]["totalProcessed"] == 14
    with Batch.objects.get().source_file.open("rb") as stored:
        assert stored.read() == data


def test_a_piped_stdin_over_the_size_limit_is_rejected(monkeypatch, settings):
    settings.UPLOAD_MAX_BYTES = 100
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(_Pipe(SAMPLE_EVENT.read_bytes()))))
    code, out, _ = run("-", "--sync", "--json")
    assert (
        code == process_batch.EXIT_REJECTED and "'stdin' is larger than the upload limit" in json.loads(out)["message"]
    )
    assert not Batch.objects.exists()
