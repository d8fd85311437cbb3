"""Shared pieces of the benchmark: the fake OpenAI server in its own process, an isolated
product environment (tests/cluster.py ProductEnv), request files, and machine facts.

Every figure in the table is measured in the run that prints it; nothing here is cached
between runs.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.cluster import ProductEnv  # noqa: E402  (after the path fix above)
from tests.fakes.openai_server import SAMPLE_NOTICE  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples" / "batch-sqs-event.json"
PY = sys.executable


class FakeServer:
    """`tests/fakes/openai_server.py` in a subprocess on 127.0.0.1 (the product's workers
    are other processes, so the fake must be one too)."""

    def __init__(self, *, latency_mean_ms: float, seed: int = 1, rpm: int | None = None, sigma: float = 0.5):
        args = [PY, str(ROOT / "tests" / "fakes" / "openai_server.py"), "--port", "0", "--seed", str(seed)]
        args += ["--latency-mean-ms", str(latency_mean_ms), "--latency-sigma", str(sigma)]
        if rpm:
            args += ["--rpm", str(rpm)]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        self.base_url = self.proc.stdout.readline().strip()
        if not self.base_url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"fake OpenAI server did not start (got {self.base_url!r})")

    def _get(self, path: str) -> dict:
        root = self.base_url.rsplit("/v1", 1)[0]
        with urllib.request.urlopen(root + path, timeout=30) as response:
            return json.loads(response.read())

    def stats(self) -> dict:
        return self._get("/_fake/stats")

    def journal(self) -> list[dict]:
        return self._get("/_fake/journal")["journal"]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@contextmanager
def fake_server(**kwargs):
    server = FakeServer(**kwargs)
    try:
        yield server
    finally:
        server.stop()


def sample_requests() -> list[dict]:
    return json.loads(SAMPLES.read_text())["Records"][0]["body"]["batchRequests"]


def llm_requests(n: int, prefix: str) -> list[dict]:
    """`n` requests carrying the fake's sample notice (its canned answer matches the text,
    so the cross-check passes and every item can complete)."""
    return [
        {
            "analysisId": f"{prefix}-{i:06d}",
            "extractedText": SAMPLE_NOTICE,
            "userSelectedState": "TX",
            "userFormData": {"tenantName": "Tenant M. Sample", "landlordName": "Owner O. Example LLC"},
            "isImageUpload": False,
            "userId": "bench",
        }
        for i in range(n)
    ]


def cycled_requests(n: int, prefix: str) -> list[dict]:
    """`n` requests cycling the 14 shared sample notices (about 1.5 KB each, 9 states)."""
    base = sample_requests()
    out = []
    for i in range(n):
        item = dict(base[i % len(base)])
        item["analysisId"] = f"{prefix}-{i:06d}"
        out.append(item)
    return out


def write_jsonl(path: Path, requests: list[dict]) -> Path:
    with path.open("w") as handle:
        for request in requests:
            handle.write(json.dumps(request) + "\n")
    return path


def write_sqs(path: Path, requests: list[dict], batch_id: str) -> Path:
    body = {"batchProcessing": True, "batchId": batch_id, "batchRequests": requests}
    path.write_text(json.dumps({"Records": [{"body": body}]}))
    return path


def product_env(tmp: Path, **env: str) -> ProductEnv:
    # DJANGO_DEBUG=0: production behaviour (with DEBUG on, Django formats and keeps every
    # query with its parameters, which costs ~0.1 ms per statement and shows up below).
    defaults = {
        "OPENAI_API_KEY": "sk-bench",
        "LOG_LEVEL": "WARNING",
        "DJANGO_DEBUG": "0",
        "Q_CLUSTER_NAME": f"bench{os.getpid()}",
    }
    return ProductEnv(tmp, **{**defaults, **env})


def run_json(args: list[str], *, env: dict, timeout: float = 900) -> dict:
    """Run a bench helper script in a subprocess; its last stdout line is one JSON object."""
    proc = subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def parse_ts(value: str | None) -> float | None:
    """A timestamp column as SQLite stores it (ISO text) -> epoch seconds."""
    if value is None:
        return None
    return datetime.fromisoformat(str(value).replace(" ", "T")).timestamp()


def group_cpu_seconds(pgid: int) -> float:
    """user+system CPU of every live process in a process group (a qcluster and its
    workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state ppid pgrp ... utime(11) stime(12)
            total += int(fields[11]) + int(fields[12])
    return total / tick


def pid_cpu_seconds(pid: int) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def machine() -> dict:
    mem_kb = 0
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    load = os.getloadavg()
    return {
        "cores": os.cpu_count(),
        "ramGB": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "loadavg": [round(x, 2) for x in load],
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    }
