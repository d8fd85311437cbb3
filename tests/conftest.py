"""Shared fixtures. Tests hit the real database; only what leaves the process is faked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = SHARED / "samples"
SAMPLE_EVENT = SAMPLES / "batch-sqs-event.json"
SAMPLE_NOTICES = SAMPLES / "notices.json"


@pytest.fixture(autouse=True)
def _fresh_template_l1():
    """The L1 template cache is per process: never let one test's entries leak into the next."""
    from templates_app import cache

    cache.clear_local()
    yield
    cache.clear_local()


@pytest.fixture
def sample_event_bytes() -> bytes:
    return SAMPLE_EVENT.read_bytes()


@pytest.fixture
def sample_notices() -> list[dict]:
    return json.loads(SAMPLE_NOTICES.read_text())


@pytest.fixture
def defaults(db):
    """The shipped templates and state rules, as `make run` loads them."""
    from templates_app.defaults.prompts import DEFAULT_PROMPTS
    from templates_app.defaults.state_rules import STATE_RULES
    from templates_app.defaults.templates import DEFAULT_TEMPLATES
    from templates_app.services import rules_load_defaults, templates_load_defaults

    templates_load_defaults(templates=DEFAULT_TEMPLATES + DEFAULT_PROMPTS)
    rules_load_defaults(rules=STATE_RULES)


def make_event(requests: list[dict], batch_id: str = "batch_test") -> bytes:
    body = {"batchProcessing": True, "batchId": batch_id, "batchRequests": requests}
    return json.dumps({"Records": [{"body": body}]}).encode()


def make_request(analysis_id: str, text: str, state: str = "CA", **extra) -> dict:
    return {
        "analysisId": analysis_id,
        "extractedText": text,
        "userSelectedState": state,
        "userFormData": {"tenantName": "Tenant Z. Sample", "landlordName": "Owner Z. Example"},
        "isImageUpload": False,
        "userId": extra.pop("userId", "user_test"),
        **extra,
    }
