"""Helpers for the real-cluster reliability tests: a fake OpenAI server in its own process,
short timeout ladders for the product's subprocesses, batch creation and progress polling."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.cluster import ROOT, SUITE_ON_POSTGRES, ProductEnv
from tests.fakes.openai_server import SAMPLE_NOTICE

# LLM 1.5 s x 2 attempts + 0.5 s backoff = 3.5 < lease 4; slice 1.5 + lease 4 = 5.5 < timeout 6;
# retry 13 > (queue_limit/workers + 1) x timeout = 12. batches.checks enforces the same order.
FAST_LADDER = {
    "TENANTARMOR_ANALYZER": "openai",
    "OPENAI_API_KEY": "sk-test",
    "OPENAI_TIMEOUT_SECONDS": "1.5",
    "OPENAI_MAX_ATTEMPTS": "2",
    "OPENAI_RETRY_MAX_DELAY_SECONDS": "0.5",
    "BATCH_ITEM_LEASE_SECONDS": "4",
    "BATCH_SLICE_SECONDS": "1.5",
    "BATCH_ITEM_MAX_ATTEMPTS": "3",
    "BATCH_RECONCILE_ON_SPAWN_SECONDS": "1",
    "Q_TIMEOUT": "6",
    "Q_RETRY": "13",
    "Q_WORKERS": "2",
    "LOG_LEVEL": "INFO",
}
TERMINAL = ("ANALYSIS_COMPLETE", "FAILED", "CANCELLED")
# The product in these subprocesses always runs on its own SQLite file, so CI's second pass
# of the suite on PostgreSQL would only repeat them: run them in the SQLite pass only.
SQLITE_PASS_ONLY = pytest.mark.skipif(
    SUITE_ON_POSTGRES,
    reason="subprocess product runs on SQLite; covered by the SQLite pass of the suite",
)


class FakeServer:
    """`tests/fakes/openai_server.py` as a separate process, controlled over HTTP."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "fakes" / "openai_server.py"), "--port", "0", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        self.base_url = self.proc.stdout.readline().strip()
        assert self.base_url.startswith("http://127.0.0.1:"), self.base_url
        self.port = int(self.base_url.rsplit(":", 1)[1].split("/")[0])

    def _call(self, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body or {}).encode()
        req = urllib.request.Request(self.base_url.removesuffix("/v1") + path, data=data, method="POST")
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def configure(self, **knobs) -> None:
        self._call("/_fake/configure", knobs)

    def chat_requests(self) -> list[dict]:
        return [e for e in self._call("/_fake/journal")["journal"] if e["path"].endswith("/chat/completions")]

    def stop(self) -> None:
        self.proc.stdout.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def notice(i: int, *, extra: str = "") -> str:
    return f"{SAMPLE_NOTICE}{extra}Reference line {i:05d}\n"


def marker_of(entry: dict) -> str:
    messages = (entry.get("body") or {}).get("messages") or []
    text = "".join(str(m.get("content")) for m in messages)
    return text.split("Reference line ", 1)[1][:5] if "Reference line " in text else "?"


def product(tmp_path: Path, fake: FakeServer, **overrides: str) -> ProductEnv:
    env = ProductEnv(tmp_path, **{**FAST_LADDER, "OPENAI_BASE_URL": fake.base_url, **overrides}).setup()
    env.manage("setup_schedules")
    return env


def create_batch(env: ProductEnv, tmp_path: Path, n: int, *, concurrency: int, poison: set[int] = frozenset()) -> int:
    """Ingest and launch a batch of `n` openai items (the launch enqueues after commit)."""
    requests = [
        {
            "analysisId": f"rel-{i}",
            "extractedText": notice(i, extra="POISON PILL\n" if i in poison else ""),
            "userSelectedState": "TX",
            "userFormData": {"tenantName": "Tenant Z. Sample"},
            "isImageUpload": False,
            "userId": "user_rel",
        }
        for i in range(1, n + 1)
    ]
    upload = tmp_path / "batch.json"
    upload.write_text(json.dumps({"batchProcessing": True, "batchRequests": requests}))
    script = (
        "from pathlib import Path\n"
        "from batches.services.ingest import UploadOptions, batch_create_from_upload\n"
        f"data = Path({str(upload)!r}).read_bytes()\n"
        "[b] = batch_create_from_upload(data=data, filename='batch.json', "
        f"options=UploadOptions(analyzer='openai', concurrency={concurrency}, launch=True))\n"
        "print('BATCH', b.pk)\n"
    )
    out = env.manage("shell", "-v", "0", "-c", script).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("BATCH ")))


def terminal_count(env: ProductEnv, batch_id: int) -> int:
    counts = env.status_counts(batch_id)
    return sum(counts.get(s, 0) for s in TERMINAL)


def wait_until(predicate, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def batch_status(env: ProductEnv, batch_id: int) -> str:
    return env.query("SELECT status FROM batches_batch WHERE id=?", (batch_id,))[0][0]


def processing_items(env: ProductEnv, batch_id: int) -> set[str]:
    rows = env.query("SELECT analysis_id FROM batches_batchitem WHERE batch_id=? AND status='PROCESSING'", (batch_id,))
    return {r[0] for r in rows}


def _socket_inodes(port: int, remote_port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if int(local.rsplit(":", 1)[1], 16) == port and int(remote.rsplit(":", 1)[1], 16) == remote_port:
                inodes.add(inode)
    return inodes


def pid_owning_connection(client_port: int, server_port: int, *, group: int) -> int | None:
    """The process (in process group `group`) holding the client end of a TCP connection."""
    inodes = _socket_inodes(client_port, server_port)
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            if os.getpgid(int(pid_dir.name)) != group:
                continue
            links = {os.readlink(fd) for fd in (pid_dir / "fd").iterdir()}
        except (OSError, ProcessLookupError):
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            return int(pid_dir.name)
    return None
