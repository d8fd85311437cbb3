"""Rows 1-3: real batches through a real django-q2 cluster against the fake OpenAI server.

Times come from the item rows (started_at / finished_at written by the workers) and the
batch row (queued_at at launch), not from the polling loop of `process_batch`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.common import (
    ROOT,
    fake_server,
    group_cpu_seconds,
    llm_requests,
    parse_ts,
    pid_cpu_seconds,
    product_env,
    run_json,
    write_jsonl,
)


def _run_batch(env, path: Path, *, concurrency: int, fake=None, timeout: float = 900) -> dict:
    cluster_cpu0 = group_cpu_seconds(env.cluster.pid)
    fake_cpu0 = pid_cpu_seconds(fake.proc.pid) if fake else 0.0
    env.manage(
        "process_batch", str(path), "--analyzer", "openai", "--concurrency", str(concurrency), "--json",
        timeout=timeout,
    )  # fmt: skip
    [(batch_id, queued, started, finished)] = env.query(
        "SELECT id, queued_at, started_at, finished_at FROM batches_batch ORDER BY id DESC LIMIT 1"
    )
    rows = env.query(
        "SELECT status, started_at, finished_at, processing_ms, attempts FROM batches_batchitem WHERE batch_id=?",
        (batch_id,),
    )
    cluster_cpu = group_cpu_seconds(env.cluster.pid) - cluster_cpu0
    fake_cpu = (pid_cpu_seconds(fake.proc.pid) - fake_cpu0) if fake else 0.0
    item_starts = [parse_ts(r[1]) for r in rows if r[1]]
    item_ends = [parse_ts(r[2]) for r in rows if r[2]]
    launch = parse_ts(queued)
    return {
        "batchId": batch_id,
        "n": len(rows),
        "completed": sum(1 for r in rows if r[0] == "ANALYSIS_COMPLETE"),
        "failed": sum(1 for r in rows if r[0] == "FAILED"),
        "launch": launch,
        "wall": max(item_ends) - launch,
        "pickup": parse_ts(started) - launch,  # launch -> a worker runs the first slice
        "firstItemStart": min(item_starts) - launch,
        "sumProcessingMs": sum(r[3] or 0 for r in rows),
        "batchFinished": parse_ts(finished) - launch if finished else None,
        # CPU of the qcluster process group (all workers, idle polling included) and of the
        # fake server, per item: on a 2-core machine these bound the achievable rate.
        "clusterCpuPerItemMs": cluster_cpu / max(1, len(rows)) * 1000,
        "fakeCpuPerItemMs": fake_cpu / max(1, len(rows)) * 1000,
    }


def engine_vs_limit(*, n: int, concurrency: int, mean_ms: float, workdir: Path) -> dict:
    """Row 1 (engine vs N x mean / C) and row 2 (the chunked runner, same latencies)."""
    with fake_server(latency_mean_ms=mean_ms, seed=1) as fake:
        env = product_env(
            workdir / "engine", OPENAI_BASE_URL=fake.base_url, TENANTARMOR_ANALYZER="openai", Q_WORKERS="2"
        ).setup()
        try:
            env.start_cluster()
            result = _run_batch(
                env, write_jsonl(workdir / "engine.jsonl", llm_requests(n, "eng")), concurrency=concurrency, fake=fake
            )
        finally:
            env.stop_cluster()
        result["fakeStats"] = fake.stats()["counters"]
    ideal = n * mean_ms / 1000 / concurrency
    result["ideal"] = ideal
    result["ratio"] = result["wall"] / ideal
    # The same ideal from the latencies this run actually got (sum of item times / C).
    result["idealObserved"] = result["sumProcessingMs"] / 1000 / concurrency
    with fake_server(latency_mean_ms=mean_ms, seed=1) as fake:
        chunk_env = dict(env.env, OPENAI_BASE_URL=fake.base_url)
        chunked = run_json([str(ROOT / "bench" / "chunked.py"), str(n), str(concurrency)], env=chunk_env)
    result["chunked"] = chunked
    result["speedup"] = chunked["wall"] / result["wall"]
    return result


def rate_limited(*, rpm: int, n: int, concurrency: int, mean_ms: float, workdir: Path) -> dict:
    """Row 3: the fake answers 429 + Retry-After beyond `rpm` requests per sliding minute.

    A sliding-window limiter lets a full minute's quota through in a burst, so items per
    wall minute over a short run overstates the rate. The measure: once the limit binds,
    the k-th accepted request can at best go exactly 60 s after the (k-R)-th; the mean
    lag behind that instant gives the achieved rate, R x 60 / (60 + mean lag)."""
    with fake_server(latency_mean_ms=mean_ms, seed=2, rpm=rpm) as fake:
        env = product_env(
            workdir / "ratelimited", OPENAI_BASE_URL=fake.base_url, TENANTARMOR_ANALYZER="openai", Q_WORKERS="2"
        ).setup()
        try:
            env.start_cluster()
            result = _run_batch(
                env, write_jsonl(workdir / "rl.jsonl", llm_requests(n, "rl")), concurrency=concurrency, fake=fake
            )
        finally:
            env.stop_cluster()
        journal = [e for e in fake.journal() if e["path"].endswith("/chat/completions")]
    ok = sorted(e["ts"] for e in journal if e.get("outcome") == "ok")
    lags = [ok[k] - (ok[k - rpm] + 60) for k in range(rpm, len(ok))]
    mean_lag = statistics.fmean(lags) if lags else float("nan")
    result.update(
        rpm=rpm,
        requests=len(journal),
        accepted=len(ok),
        rejected429=sum(1 for e in journal if str(e.get("outcome", "")).startswith("status:429")),
        meanLag=mean_lag,
        achievedRpm=rpm * 60 / (60 + max(0.0, mean_lag)) if lags else None,
        rawRpm=len(ok) / ((ok[-1] - ok[0]) / 60) if len(ok) > 1 else None,
    )
    result["achievedRatio"] = result["achievedRpm"] / rpm if result["achievedRpm"] else None
    return result


if __name__ == "__main__":  # a quick manual run: python -m bench.engine
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        print(engine_vs_limit(n=200, concurrency=20, mean_ms=300, workdir=Path(tmp)))
        print(f"{time.monotonic() - t0:.1f} s")
