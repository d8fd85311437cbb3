"""The shared rate limit holds across processes: three processes spending from one
requests-per-minute window at the same time are granted exactly the limit between them."""

import subprocess
import sys

import pytest

from tests.cluster import ROOT, ProductEnv
from tests.reliability.cluster_support import SQLITE_PASS_ONLY

pytestmark = [pytest.mark.slow, SQLITE_PASS_ONLY]

SPEND = """
from datetime import datetime, timezone
from batches import ratelimit
now = datetime(2026, 12, 3, 12, 0, 30, tzinfo=timezone.utc)
charges = ratelimit.charges_for(batch_id=1, estimated_tokens=10)
granted = sum(ratelimit.limits_acquire(charges, now=now) == 0.0 for _ in range(40))
print("GRANTED", granted)
"""


def test_three_processes_share_one_limit(tmp_path):
    env = ProductEnv(tmp_path, LLM_RPM_LIMIT="50", LLM_TPM_LIMIT="0", BATCH_RPM_LIMIT="0")
    env.manage("migrate", "--noinput")
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", SPEND],
            cwd=ROOT,
            env=env.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    granted = [int(out.split("GRANTED", 1)[1]) for out, _ in outputs]
    assert sum(granted) == 50, (granted, [err[-500:] for _, err in outputs])
    assert env.query("SELECT used FROM batches_ratelimitwindow WHERE key='llm:rpm'") == [(50,)]
