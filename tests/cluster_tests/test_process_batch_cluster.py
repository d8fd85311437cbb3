"""`process_batch` against a real django-q2 cluster, and without one."""

import json

import pytest

from tests.cluster import ProductEnv
from tests.conftest import SAMPLE_EVENT

pytestmark = pytest.mark.slow


@pytest.fixture
def product(tmp_path):
    env = ProductEnv(tmp_path).setup()
    yield env
    env.stop_cluster()


def test_without_a_cluster_it_says_so_and_creates_nothing(product):
    proc = product.manage("process_batch", str(SAMPLE_EVENT), "--json", check=False)
    assert proc.returncode == 3
    assert "No django-q2 cluster is running" in proc.stderr
    assert product.query("SELECT COUNT(*) FROM batches_batch") == [(0,)]


def test_sample_batch_on_a_running_cluster_completes_14_of_14(product):
    product.start_cluster()
    doc = product.json_command("process_batch", str(SAMPLE_EVENT), timeout=240)
    assert doc["status"] == "COMPLETED"
    metrics = doc["batchMetrics"]
    assert metrics["totalProcessed"] == 14 and metrics["successCount"] == 14 and metrics["failureCount"] == 0
    assert metrics["templateCacheHits"] + metrics["templateCacheMisses"] == 28
    # Distinct templates used by the items = the misses (each read once from the database).
    used = product.query(
        "SELECT COUNT(DISTINCT json_extract(template_versions, '$.response.key')) + "
        "COUNT(DISTINCT json_extract(template_versions, '$.meta.key')) FROM batches_batchitem"
    )
    assert metrics["templateCacheMisses"] == used[0][0]
    # The queue carried ids only: no notice text or names in the task table.
    for (args,) in product.query("SELECT func FROM django_q_task"):
        assert args == "batches.tasks.batch_run_slice"


def test_sync_run_prints_the_seed_document_with_results(product):
    proc = product.manage("process_batch", str(SAMPLE_EVENT), "--sync", "--json", "--results")
    doc = json.loads(proc.stdout)
    assert doc["batchId"] == "batch_sample_001"
    assert set(doc["batchMetrics"]) == {
        "totalProcessed",
        "successCount",
        "failureCount",
        "processingTimeMs",
        "templateCacheHits",
        "templateCacheMisses",
    }
    assert len(doc["results"]) == 14 and doc["failed"] == []
    assert all(r["status"] == "ANALYSIS_COMPLETE" for r in doc["results"])


def test_rejected_file_exits_non_zero_with_row_errors(product, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"analysisId": "r1", "extractedText": "NOTICE TO VACATE", "userSelectedState": "TX"}\n'
        '{"analysisId": "r2", "extractedText": "", "userSelectedState": "ZZ"}\n'
    )
    proc = product.manage("process_batch", str(bad), "--sync", "--json", check=False)
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    assert doc["rejected"] is True
    assert {e["row"] for e in doc["errors"]} == {2}
    assert product.query("SELECT COUNT(*) FROM batches_batch") == [(0,)]
