"""Analyzers turn notice text into `NoticeFacts`. `get_analyzer` builds one per process,
lazily, so nothing opens a connection before django-q2 forks its workers."""

from __future__ import annotations

import os
import threading
from typing import Protocol

from django.conf import settings


class FactExtractor(Protocol):
    name: str

    def extract_facts(
        self,
        text: str,
        *,
        state_hint: str | None,
        system_prompt: str | None = None,
        deadline: float | None = None,
        prompt_version: str | None = None,
    ) -> tuple[dict, dict]: ...


class RulesAnalyzer:
    """The offline default: deterministic extraction, no network."""

    name = "rules"

    def extract_facts(self, text, *, state_hint, system_prompt=None, deadline=None, prompt_version=None):
        from batches.analysis.rules import extract_facts

        facts = extract_facts(text, state_hint=state_hint)
        return facts, {"analyzer": self.name, "model": None, "totalTokens": 0}


_lock = threading.Lock()
_analyzers: dict[tuple[int, str], FactExtractor] = {}


def get_analyzer(name: str) -> FactExtractor:
    """One analyzer per (process, name); a forked child builds its own."""
    key = (os.getpid(), name)
    with _lock:
        if key not in _analyzers:
            _analyzers[key] = _build(name)
        return _analyzers[key]


def _build(name: str) -> FactExtractor:
    if name == "rules":
        return RulesAnalyzer()
    if name == "openai":
        from batches.analysis.llm import OpenAIAnalyzer

        return OpenAIAnalyzer(
            api_key=settings.OPENAI_API_KEY or "missing-key",
            base_url=settings.OPENAI_BASE_URL or None,
            model=settings.OPENAI_MODEL,
            timeout=settings.OPENAI_TIMEOUT_SECONDS,
            max_attempts=settings.OPENAI_MAX_ATTEMPTS,
            retry_max_delay=settings.OPENAI_RETRY_MAX_DELAY_SECONDS,  # part of the checked timeout ladder
        )
    raise ValueError(f"Unknown analyzer {name!r}: expected 'rules' or 'openai'.")


def reset_analyzers() -> None:
    """Close and forget this process's analyzers (tests that change settings)."""
    with _lock:
        for (pid, _), analyzer in list(_analyzers.items()):
            if pid == os.getpid() and hasattr(analyzer, "close"):
                analyzer.close()
        _analyzers.clear()
