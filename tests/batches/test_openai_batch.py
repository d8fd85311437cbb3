"""A batch analysed by the `openai` analyzer against the fake OpenAI server on 127.0.0.1:
one item's bad output, timeout or rate limit never affects the others."""

import pytest
from django.test import override_settings

from batches.analysis import reset_analyzers
from batches.models import Batch, BatchStatus, ItemStatus
from batches.selectors import batch_metrics
from batches.services import runner
from batches.services.ingest import UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request
from tests.fakes.openai_server import SAMPLE_NOTICE, FakeOpenAI

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fake_llm():
    with FakeOpenAI(seed=3) as fake:
        with override_settings(
            OPENAI_BASE_URL=fake.base_url, OPENAI_API_KEY="sk-test", OPENAI_TIMEOUT_SECONDS=1.0, OPENAI_MAX_ATTEMPTS=2
        ):
            reset_analyzers()
            yield fake
    reset_analyzers()


def run_openai_batch(n: int, *, concurrency: int = 1) -> Batch:
    requests = [make_request(f"llm-{i}", SAMPLE_NOTICE, "TX") for i in range(1, n + 1)]
    [batch] = batch_create_from_upload(
        data=make_event(requests, batch_id=None),
        filename="u.json",
        options=UploadOptions(launch=False, analyzer="openai", concurrency=concurrency),
    )
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    batch.refresh_from_db()
    return batch


def by_id(batch: Batch) -> dict:
    return {item.analysis_id: item for item in batch.items.all()}


def test_one_bad_item_does_not_affect_the_others(defaults, fake_llm):
    # Requests go out in row order with concurrency 1: item 2 gets malformed JSON, item 3 a
    # 429 then a success, item 4 two timeouts (its two attempts).
    fake_llm.enqueue("ok", "malformed", ("status", 429, {"retry-after-ms": "20"}), "ok", "timeout", "timeout", "ok")
    batch = run_openai_batch(5)
    items = by_id(batch)
    assert items["llm-1"].status == ItemStatus.ANALYSIS_COMPLETE
    assert items["llm-2"].status == ItemStatus.FAILED and items["llm-2"].error_category == "LLM_BAD_OUTPUT"
    assert items["llm-3"].status == ItemStatus.ANALYSIS_COMPLETE
    assert items["llm-4"].status == ItemStatus.FAILED and items["llm-4"].error_category == "LLM_TIMEOUT"
    assert items["llm-5"].status == ItemStatus.ANALYSIS_COMPLETE
    assert batch.status == BatchStatus.COMPLETED_WITH_ERRORS
    metrics = batch_metrics(batch)
    assert (metrics["successCount"], metrics["failureCount"]) == (3, 2)
    assert metrics["byErrorCategory"] == {"LLM_BAD_OUTPUT": 1, "LLM_TIMEOUT": 1}


def test_llm_result_has_code_decided_compliance_and_prompt_provenance(defaults, fake_llm):
    batch = run_openai_batch(1)
    item = batch.items.get()
    results = item.analysis_results
    assert results["notice"]["state"] == "TX" and results["notice"]["amountDue"] == 1500.0
    assert results["compliance"]["statute"]  # from the TX rule table, not the model
    provenance = results["provenance"]
    assert provenance["analyzer"] == "openai" and provenance["requestId"]
    assert provenance["promptVersion"] == "template:general:general:prompt:v1"
    [request] = fake_llm.chat_requests()
    system = request["body"]["messages"][0]["content"]
    assert "Tenant M. Sample" not in system, "the notice is data, never part of the instructions"
    assert item.tokens > 0


def test_auth_error_pauses_the_batch_instead_of_failing_every_item(defaults, fake_llm):
    fake_llm.enqueue("auth")
    batch = run_openai_batch(3)
    assert batch.status == BatchStatus.PAUSED
    assert "Paused" in batch.status_message
    assert set(batch.items.values_list("status", flat=True)) == {ItemStatus.PENDING}
