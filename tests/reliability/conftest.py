"""Fixtures for the reliability tests: a fake OpenAI on 127.0.0.1 wired in through
settings (nothing of ours is patched), and helpers to build and run batches inline."""

from __future__ import annotations

import pytest
from django.test import override_settings

from batches.analysis import reset_analyzers
from batches.models import Batch, BatchStatus
from batches.services import runner
from batches.services.batch_context import batch_contexts_reset
from batches.services.ingest import UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request
from tests.fakes.openai_server import SAMPLE_NOTICE, FakeOpenAI


@pytest.fixture(autouse=True)
def _fresh_contexts():
    batch_contexts_reset()
    reset_analyzers()
    yield
    batch_contexts_reset()
    reset_analyzers()


@pytest.fixture
def fake_llm():
    with FakeOpenAI(seed=5) as fake:
        with override_settings(
            OPENAI_BASE_URL=fake.base_url,
            OPENAI_API_KEY="sk-test",
            OPENAI_TIMEOUT_SECONDS=1.0,
            OPENAI_MAX_ATTEMPTS=2,
        ):
            reset_analyzers()
            yield fake


def notice(i: int) -> str:
    # A unique line per item lets the fake's journal count calls per item without sending
    # any identifier of ours to the LLM.
    return f"{SAMPLE_NOTICE}Reference line {i:05d}\n"


def create_batch(n: int, *, analyzer: str = "openai", concurrency: int = 1, prefix: str = "rel") -> Batch:
    requests = [make_request(f"{prefix}-{i}", notice(i), "TX") for i in range(1, n + 1)]
    [batch] = batch_create_from_upload(
        data=make_event(requests, batch_id=None),
        filename="u.json",
        options=UploadOptions(launch=False, analyzer=analyzer, concurrency=concurrency),
    )
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    return batch


def run_all(batch: Batch, *, time_budget: float | None = None, max_slices: int = 50) -> Batch:
    for _ in range(max_slices):
        if not runner.batch_run_slice(batch_id=batch.pk, time_budget=time_budget):
            break
    batch.refresh_from_db()
    return batch


def calls_per_item(fake: FakeOpenAI) -> dict[str, int]:
    """Chat requests per item, keyed by the item's unique reference line."""
    counts: dict[str, int] = {}
    for entry in fake.chat_requests():
        text = "".join(str(m.get("content")) for m in (entry["body"] or {}).get("messages", []))
        marker = text.split("Reference line ", 1)[1][:5] if "Reference line " in text else "?"
        counts[marker] = counts.get(marker, 0) + 1
    return counts
