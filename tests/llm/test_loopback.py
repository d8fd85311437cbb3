"""The analyzer over real sockets: the loopback fake, fork safety, the fake as a script."""

import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx2
import pytest

from batches.analysis import errors
from batches.analysis.errors import AnalyzerError
from tests.fakes.openai_server import SAMPLE_NOTICE, FakeOpenAI

from .conftest import analyzer_for

SERVER_SCRIPT = Path(__file__).resolve().parents[1] / "fakes" / "openai_server.py"


@pytest.fixture
def server():
    with FakeOpenAI(seed=2) as fake:
        yield fake


def test_success_and_timeouts_over_loopback(server):
    analyzer = analyzer_for(server, base_url=server.base_url, timeout=0.3, max_attempts=2)
    _, provenance = analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")
    assert provenance["requestId"] == server.chat_requests()[0]["requestId"]
    server.enqueue("timeout", "timeout")
    started = time.monotonic()
    with pytest.raises(AnalyzerError) as info:
        analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")
    assert info.value.category == errors.LLM_TIMEOUT
    assert 0.6 <= time.monotonic() - started < 2.0 and len(server.chat_requests()) == 3
    analyzer.close()


def wait_for_child(pid: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("forked child did not finish in time")


def test_a_forked_child_makes_its_own_client_and_connection(server):
    analyzer = analyzer_for(server, base_url=server.base_url)
    analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")  # parent holds a keep-alive connection
    parent_peer = server.chat_requests()[0]["peer"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads
        pid = os.fork()
    if pid == 0:  # child: never return into pytest
        code = 1
        try:
            code = 0 if analyzer.extract_facts(SAMPLE_NOTICE, state_hint="NM")[1]["attempts"] == 1 else 2
        finally:
            os._exit(code)
    analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")
    assert wait_for_child(pid, timeout=10) == 0
    child = [e for e in server.chat_requests() if "hint from the uploader: NM" in e["body"]["messages"][1]["content"]]
    assert len(child) == 1 and child[0]["peer"] != parent_peer
    assert server.chat_requests()[-1]["status"] == 200 and server.counters["200"] == 3
    analyzer.close()


def test_the_fake_runs_as_a_script_in_another_process():
    args = [sys.executable, str(SERVER_SCRIPT), "--port", "0", "--script", "429:retry-after-ms=20,ok"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        analyzer = analyzer_for(FakeOpenAI(), base_url=base_url)
        assert analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")[1]["attempts"] == 2
        stats = httpx2.get(base_url.removesuffix("/v1") + "/_fake/stats", timeout=2).json()
        assert stats["counters"]["429"] == 1 and stats["counters"]["200"] == 1
        analyzer.close()
    finally:
        proc.terminate()
        proc.wait(timeout=5)
        proc.stdout.close()


def test_a_reply_reaches_the_client_when_its_latency_ends(server):
    # The fake's latency is what benchmarks compare against: its replies must not wait for
    # the client's delayed ACK (Nagle), which added ~40 ms to every reply.
    server.configure(latency_ms=20)
    analyzer = analyzer_for(server, base_url=server.base_url)
    analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")  # connect outside the timing
    took = []
    for _ in range(15):
        started = time.monotonic()
        analyzer.extract_facts(SAMPLE_NOTICE, state_hint="TX")
        took.append(time.monotonic() - started)
    analyzer.close()
    assert sorted(took)[len(took) // 2] < 0.055, took  # 20 ms served + client work, not + 40 ms
