"""Fixtures for the openai analyzer: a fake OpenAI behind an in-process transport."""

import functools

import httpx2
import pytest

from batches.analysis.llm import OpenAIAnalyzer
from tests.fakes.openai_server import FakeOpenAI


def analyzer_for(fake: FakeOpenAI, *, base_url: str | None = None, **overrides) -> OpenAIAnalyzer:
    """An analyzer wired to `fake` (its transport unless a real `base_url` is given)."""
    options = {
        "api_key": "sk-test",
        "base_url": base_url or fake.TRANSPORT_BASE_URL,
        "model": "gpt-test",
        "timeout": 2.0,
        "max_attempts": 3,
        "retry_base_delay": 0.01,
        "retry_max_delay": 1.0,
    }
    if base_url is None:
        options["http_client_factory"] = functools.partial(httpx2.Client, transport=fake.transport())
    return OpenAIAnalyzer(**{**options, **overrides})


@pytest.fixture
def fake():
    return FakeOpenAI(seed=1)


@pytest.fixture
def analyzer(fake):
    analyzer = analyzer_for(fake)
    yield analyzer
    analyzer.close()
