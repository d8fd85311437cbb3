"""Shared fixtures. Tests hit the real database; only what leaves the process is faked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# The team's shared folder (samples, reference) sits beside the checkout, as in CI; point
# TENANTARMOR_SHARED_DIR at it when the checkout lives elsewhere.
SHARED = Path(os.environ.get("TENANTARMOR_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared")
if not (SHARED / "samples").is_dir():
    raise RuntimeError(f"{SHARED}/samples is missing: set TENANTARMOR_SHARED_DIR to the shared/ folder.")
SAMPLES = SHARED / "samples"
SAMPLE_EVENT = SAMPLES / "batch-sqs-event.json"
SAMPLE_NOTICES = SAMPLES / "notices.json"


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Per-process caches (template L1, the runner's per-batch contexts) must not leak from
    one test into the next: test databases reuse primary keys after a rollback."""
    from batches.services.batch_context import batch_contexts_reset
    from templates_app import cache

    cache.clear_local()
    batch_contexts_reset()
    yield
    cache.clear_local()
    batch_contexts_reset()


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


# --- Services (PostgreSQL, Redis): issue 7 ----------------------------------------------
SERVICE_PORTS = {"postgres": 5432, "redis": 6379}


def _service_up(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _services_marker(request):
    """`@pytest.mark.services("postgres", "redis")`: skip when a service is not answering,
    unless REQUIRE_SERVICES=1 (set by .ci/run when they run), which turns the skip into a
    failure so a broken integration cannot hide."""
    import os

    marker = request.node.get_closest_marker("services")
    if marker is None:
        return
    missing = [name for name in (marker.args or SERVICE_PORTS) if not _service_up(SERVICE_PORTS[name])]
    if not missing:
        return
    message = f"{', '.join(missing)} not answering on 127.0.0.1"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL each pytest run gets its own test database (test_<name>_p<pid>), so
    two runs on one server (two engineers, CI and a developer) never drop each other's."""
    import os

    from django.db import connections

    if connections["default"].vendor == "postgresql":
        from pytest_django.fixtures import _set_suffix_to_test_databases

        _set_suffix_to_test_databases(suffix=f"p{os.getpid()}")


@pytest.fixture
def on_postgres(db):
    """For tests of PostgreSQL behaviour: they run in the PostgreSQL pass of the suite
    (`.ci/run` runs pytest again with DATABASE_URL=postgres://...)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: runs in the suite's PostgreSQL pass (DATABASE_URL=postgres://...)")
