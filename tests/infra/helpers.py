"""Real services for the infra tests: a fresh PostgreSQL database per test, extra qcluster
processes (stand-ins for worker machines), a claim log kept by a PostgreSQL trigger."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.cluster import ROOT, SUITE_ON_POSTGRES, ProductEnv

# These tests run the product in subprocesses on a fresh PostgreSQL database of their own,
# whatever the suite's database is: CI's PostgreSQL pass would only repeat them.
FIRST_PASS_ONLY = pytest.mark.skipif(
    SUITE_ON_POSTGRES,
    reason="subprocess product on its own PostgreSQL database; identical in both passes, run in the SQLite pass",
)
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/0"
# The worker settings both cluster tests share: a fake LLM that answers or times out fast,
# one attempt, short leases, and a django-q2 timeout/retry scaled down to match.
WORKER_ENV = {
    "TENANTARMOR_ANALYZER": "openai",
    "OPENAI_API_KEY": "sk-test-fake",
    "OPENAI_TIMEOUT_SECONDS": "2",
    "OPENAI_MAX_ATTEMPTS": "1",
    "BATCH_ITEM_LEASE_SECONDS": "6",
    "Q_WORKERS": "2",
    "Q_TIMEOUT": "10",
    "Q_RETRY": "25",
}


@contextlib.contextmanager
def pg_database():
    """A new, empty database on the local server; dropped (connections forced out) after."""
    import psycopg

    name = f"ta_infra_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def unique_names() -> dict[str, str]:
    """Queue name and Redis key prefix of their own, so parallel runs never share a queue."""
    tag = uuid.uuid4().hex[:10]
    return {"Q_CLUSTER_NAME": f"ta-test-{tag}", "REDIS_KEY_PREFIX": f"ta-test-{tag}"}


CLAIM_LOG_SQL = """
CREATE TABLE claim_log (
    id serial PRIMARY KEY, item_id bigint, owner text, event text,
    attempts int, lease_expires_at timestamptz, at timestamptz DEFAULT clock_timestamp());
CREATE FUNCTION claim_log_row() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'PROCESSING' AND NEW.lease_owner <> '' AND NEW.lease_owner IS DISTINCT FROM OLD.lease_owner THEN
    INSERT INTO claim_log (item_id, owner, event, attempts, lease_expires_at)
    VALUES (NEW.id, NEW.lease_owner, 'claim', NEW.attempts, NEW.lease_expires_at);
  ELSIF NEW.status IN ('ANALYSIS_COMPLETE', 'FAILED') AND OLD.status = 'PROCESSING' THEN
    INSERT INTO claim_log (item_id, owner, event, attempts) VALUES (NEW.id, OLD.lease_owner, 'done', NEW.attempts);
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER claim_log_trigger AFTER UPDATE ON batches_batchitem FOR EACH ROW EXECUTE FUNCTION claim_log_row();
"""


def install_claim_log(database_url: str) -> None:
    """Test-only: record every claim and every finish of an item (who, when, lease)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(CLAIM_LOG_SQL)


def claim_history(product: ProductEnv) -> dict[int, list[tuple]]:
    rows = product.query("SELECT item_id, owner, event, lease_expires_at, at FROM claim_log ORDER BY id")
    history: dict[int, list[tuple]] = {}
    for item_id, owner, event, lease, at in rows:
        history.setdefault(item_id, []).append((owner, event, lease, at))
    return history


def overlapping_claims(history: dict[int, list[tuple]]) -> list[int]:
    """Items claimed again while an earlier claim was still live (neither finished nor
    past its lease): that would be the same item processed twice at once."""
    bad = []
    for item_id, events in history.items():
        live_until = None
        for _owner, event, lease, at in events:
            if event == "claim":
                if live_until is not None and at < live_until:
                    bad.append(item_id)
                live_until = lease
            else:
                live_until = None
    return bad


def start_qcluster(product: ProductEnv, log_path: Path, **env_overrides: str) -> subprocess.Popen:
    """Another qcluster on the same database/queue: a second 'machine'."""
    with log_path.open("a") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            cwd=ROOT,
            env={**product.env, **env_overrides},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_clusters(product: ProductEnv, count: int, *, timeout: float = 30) -> None:
    """Until `count` clusters report a heartbeat (django-q2 Stat in the shared cache)."""
    probe = "from django_q.status import Stat; print('HEARTBEATS', len(Stat.get_all()))"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = product.manage("shell", "-v", "0", "-c", probe, check=False).stdout
        found = [int(line.split()[1]) for line in out.splitlines() if line.startswith("HEARTBEATS ")]
        if found and found[-1] >= count:
            return
        time.sleep(0.5)
    raise AssertionError(f"fewer than {count} clusters came up")


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        proc.wait(timeout=30)


def stop_cluster(proc: subprocess.Popen) -> None:
    """SIGTERM to the main PID only; SIGKILL the group if it hangs (django-q2 #346)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill_group(proc)


def group_pids(pgid: int) -> set[int]:
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                pids.add(int(entry.name))
    return pids


INGEST_SCRIPT = (
    "import sys, json; from batches.services.feed import feed_ingest; "
    "b = feed_ingest(data=open(sys.argv[-1], 'rb').read(), filename='event.json'); print('BATCH', b[0].pk)"
)


def ingest(product: ProductEnv, event: dict, tmp_path: Path) -> int:
    """Create and launch a batch through the product's own feed service, in a subprocess."""
    path = tmp_path / f"event-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps(event))
    code = INGEST_SCRIPT.replace("sys.argv[-1]", repr(str(path)))
    out = product.manage("shell", "-v", "0", "-c", code).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("BATCH ")))


def reconcile(product: ProductEnv) -> str:
    code = "from batches.tasks import items_reconcile; print('RECONCILE', items_reconcile())"
    return product.manage("shell", "-v", "0", "-c", code).stdout


def wait_terminal(product: ProductEnv, batch_id: int, *, timeout: float, reconcile_every: float | None = None) -> str:
    """Poll until the batch reaches a final status. With `reconcile_every`, run the
    reconciler (what the django-q2 schedule does each minute) that often meanwhile."""
    deadline = time.monotonic() + timeout
    last_reconcile = time.monotonic()
    while time.monotonic() < deadline:
        status = product.query("SELECT status FROM batches_batch WHERE id = ?", (batch_id,))[0][0]
        if status in {"COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED"}:
            return status
        if reconcile_every and time.monotonic() - last_reconcile > reconcile_every:
            reconcile(product)
            last_reconcile = time.monotonic()
        time.sleep(0.5)
    counts = product.status_counts(batch_id)
    raise AssertionError(f"batch {batch_id} not finished after {timeout}s: {counts}")


def notice_event(n: int, *, batch_id: str) -> dict:
    """n distinct notices; each carries a REF marker so LLM requests can be matched to items."""
    text = (
        "THREE DAY NOTICE TO PAY RENT OR QUIT\nDate: March 2, 2026\nTo: Tenant {i} and all occupants of "
        "{i} Elm Street, Austin, TX 78701\nRent of $1,425.00 is past due. Pay or vacate within three (3) days.\n"
        "Landlord: Oak Tree Properties LLC\nREF-{ref}-{i:05d}\n"
    )
    ref = uuid.uuid4().hex[:6]
    requests = [
        {
            "analysisId": f"{batch_id}-{i:05d}",
            "extractedText": text.format(i=i, ref=ref),
            "userSelectedState": "TX",
            "userFormData": {"tenantName": f"Tenant {i}", "landlordName": "Oak Tree Properties LLC"},
            "isImageUpload": False,
            "userId": "user_infra",
        }
        for i in range(n)
    ]
    return {"batchProcessing": True, "batchId": batch_id, "batchRequests": requests}


def marker_counts(journal: list[dict]) -> dict[str, int]:
    import re

    counts: dict[str, int] = {}
    for entry in journal:
        if entry.get("path", "").endswith("/chat/completions"):
            for marker in set(re.findall(r"REF-[0-9a-f]{6}-\d{5}", json.dumps(entry.get("body")))):
                counts[marker] = counts.get(marker, 0) + 1
    return counts
