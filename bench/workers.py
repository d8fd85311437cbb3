"""Worker scaling: one batch shared by 1, 2 and 4 qcluster processes (stand-ins for
worker machines) on PostgreSQL, against the fake OpenAI server with a fixed latency.

    .venv/bin/python bench/workers.py [--items 240] [--latency-ms 200] [--clusters 1,2,4]

Each run gets a fresh PostgreSQL database and its own queue name; the batch is launched
with enough slice chains (BATCH_PARALLEL_SLICES, see `slices_for`) that every worker takes
part. Wall time is the batch's own queued_at -> finished_at. Prints a table (and --json).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cluster import ProductEnv  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402
from tests.infra.helpers import (  # noqa: E402
    ingest,
    marker_counts,
    notice_event,
    pg_database,
    start_qcluster,
    stop_cluster,
    unique_names,
    wait_clusters,
    wait_terminal,
)


def slices_for(clusters: int, workers: int) -> int:
    """Enough chains that every cluster gets work: a django-q2 cluster takes up to
    2 x workers + 1 tasks off the queue (running, its prefetch queue of queue_limit =
    workers, one in the pusher's hand) before another cluster sees any."""
    return clusters * (2 * workers + 1)


def run_once(*, clusters: int, items: int, latency_ms: float, concurrency: int, workers: int) -> dict:
    # One fake LLM server per cluster (like one upstream for many machines, without one
    # Python process's GIL becoming the bottleneck being measured).
    fakes = [FakeOpenAI(latency_ms=latency_ms).start() for _ in range(clusters)]
    try:
        return _run(fakes, clusters=clusters, items=items, concurrency=concurrency, workers=workers)
    finally:
        for fake in fakes:
            fake.stop()


def _run(fakes, *, clusters: int, items: int, concurrency: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="ta-bench-workers-") as tmp:
        tmp_path = Path(tmp)
        with pg_database() as url:
            product = ProductEnv(
                tmp_path,
                database_url=url,
                **unique_names(),
                TENANTARMOR_ANALYZER="openai",
                OPENAI_API_KEY="sk-bench-fake",
                OPENAI_BASE_URL=fakes[0].base_url,
                BATCH_CONCURRENCY=str(concurrency),
                BATCH_PARALLEL_SLICES=str(slices_for(clusters, workers)),
                BATCH_SLICE_SECONDS="10",
                Q_WORKERS=str(workers),
                LOG_LEVEL="WARNING",
            ).setup()
            procs = [
                start_qcluster(product, tmp_path / f"qcluster-{i}.log", OPENAI_BASE_URL=fake.base_url)
                for i, fake in enumerate(fakes)
            ]
            try:
                wait_clusters(product, clusters, timeout=60)
                batch_id = ingest(product, notice_event(items, batch_id=f"bench-{clusters}-{time.time_ns()}"), tmp_path)
                status = wait_terminal(product, batch_id, timeout=900)
                wall, run = product.query(
                    "SELECT EXTRACT(EPOCH FROM finished_at - queued_at), EXTRACT(EPOCH FROM finished_at - started_at) "
                    "FROM batches_batch WHERE id = ?",
                    (batch_id,),
                )[0]
                done = product.status_counts(batch_id).get("ANALYSIS_COMPLETE", 0)
            finally:
                for proc in procs:
                    stop_cluster(proc)
        counts = marker_counts([entry for fake in fakes for entry in fake.journal])
    return {
        "clusters": clusters,
        "workers": clusters * workers,
        "items": items,
        "status": status,
        "completed": done,
        "wall_s": round(float(wall), 2),
        "run_s": round(float(run), 2),
        "items_per_s": round(items / float(wall), 1),
        "llm_requests": sum(counts.values()),
        "items_sent_twice": sum(1 for n in counts.values() if n > 1),
    }


def table(rows: list[dict], *, latency_ms: float, concurrency: int) -> str:
    base = rows[0]["items_per_s"]
    lines = [
        f"Worker scaling: one batch, PostgreSQL, fake LLM {latency_ms:.0f} ms/request, "
        f"{concurrency} items in flight per worker (wall = launch -> done, run = first pick-up -> done)",
        f"{'clusters':>8} {'workers':>7} {'items':>6} {'wall s':>7} {'run s':>6} {'items/s':>8} {'speedup':>7} "
        f"{'LLM req':>7} {'dup':>4} status",
    ]
    for r in rows:
        lines.append(
            f"{r['clusters']:>8} {r['workers']:>7} {r['items']:>6} {r['wall_s']:>7.2f} {r['run_s']:>6.2f} "
            f"{r['items_per_s']:>8.1f} "
            f"{r['items_per_s'] / base:>6.2f}x {r['llm_requests']:>7} {r['items_sent_twice']:>4} {r['status']}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=240)
    parser.add_argument("--latency-ms", type=float, default=200)
    parser.add_argument("--concurrency", type=int, default=4, help="items in flight per worker (batch concurrency)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes per cluster (Q_WORKERS)")
    parser.add_argument("--clusters", default="1,2,4")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = [
        run_once(
            clusters=int(n),
            items=args.items,
            latency_ms=args.latency_ms,
            concurrency=args.concurrency,
            workers=args.workers,
        )
        for n in args.clusters.split(",")
    ]
    print(json.dumps(rows) if args.json else table(rows, latency_ms=args.latency_ms, concurrency=args.concurrency))
    return 0 if all(r["status"] == "COMPLETED" and r["items_sent_twice"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
