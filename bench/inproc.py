"""Rows 4, 5, 6 and 7, measured inside one Django process (run by bench/run.py in a
subprocess with TENANTARMOR_VAR_DIR pointing at an isolated, migrated SQLite file):

    python bench/inproc.py costs N      # row 4: queries, template reads, CPU per item
    python bench/inproc.py rules        # row 6: rules analyzer notices/s on one core
    python bench/inproc.py ingest FILE  # row 5: parse + commit one upload (run once per process)
    python bench/inproc.py admin        # row 7: admin pages against the file database

Each prints one JSON line.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    """This process's own high-water RSS (VmHWM). Not ru_maxrss: on Linux that survives
    exec, so a child of a big parent would report the parent's peak."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class TimedQueries:
    """An execute_wrapper recording (milliseconds, sql) per statement."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.rows.append(((time.perf_counter() - start) * 1000, sql))


class QueryLog:
    """A `connection.execute_wrapper` that records every SQL statement."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)

    def count(self, needle: str = "") -> int:
        return sum(1 for s in self.sql if needle in s)


def _create_batch(requests: list[dict], *, analyzer: str = "rules", concurrency: int = 20):
    from batches.models import Batch, BatchStatus
    from batches.services.ingest import UploadOptions, batch_create_from_upload
    from bench.common import write_sqs

    path = write_sqs(Path("/tmp") / f"bench-costs-{time.time_ns()}.json", requests, batch_id=None)
    data = path.read_bytes()
    path.unlink()
    [batch] = batch_create_from_upload(
        data=data,
        filename="bench.json",
        options=UploadOptions(launch=False, analyzer=analyzer, concurrency=concurrency, store_file=False),
    )
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    return batch


def costs(n: int) -> dict:
    """Row 4. A fresh process, so the per-process pre-warm is part of what is counted."""
    from django.db import connection

    from batches.analysis.rules import extract_facts
    from batches.models import Batch
    from batches.selectors import batch_metrics
    from batches.services import runner
    from bench.common import cycled_requests

    batch = _create_batch(cycled_requests(n, f"cost{time.time_ns()}"))
    extract_facts(cycled_requests(1, "warm")[0]["extractedText"])  # import + regex compilation: once per process
    log = QueryLog()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(log):
        while runner.batch_run_slice(batch_id=batch.pk):
            pass
    slice_cpu, slice_wall = time.process_time() - cpu0, time.perf_counter() - wall0
    items = list(batch.items.values_list("extracted_text", "user_selected_state", "status", "template_versions"))
    # The analyzer's own CPU on the same notices, measured separately (best of 3).
    analyzer_cpu = []
    for _ in range(3):
        start = time.process_time()
        for text, state, _, _ in items:
            extract_facts(text, state_hint=state or None)
        analyzer_cpu.append(time.process_time() - start)
    batch = Batch.objects.get(pk=batch.pk)
    metrics = batch_metrics(batch)
    distinct = {(tv or {}).get(kind, {}).get("key") for *_, tv in items for kind in ("response", "meta")}
    kinds = {}
    for sql in log.sql:
        verb = sql.split(None, 1)[0].upper()
        table = next((t for t in ("batchitem", "batches_batch", "evictiontemplate", "cache", "ratelimit", "staterule",
                                  "noticerule", "django_q") if t in sql), "other")  # fmt: skip
        kinds[f"{verb} {table}"] = kinds.get(f"{verb} {table}", 0) + 1
    return {
        "n": n,
        "status": batch.status,
        "completed": sum(1 for i in items if i[2] == "ANALYSIS_COMPLETE"),
        "queries": len(log.sql),
        "queriesPerItem": len(log.sql) / n,
        "templateQueries": log.count("evictiontemplate"),
        # The pre-warm reads the whole active table; a single-key read ends in LIMIT 1.
        "templatePrewarmQueries": sum(1 for q in log.sql if "evictiontemplate" in q and "LIMIT" not in q),
        "cacheTableQueries": log.count("ta_template_cache"),
        "queryKinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        "sliceCpu": slice_cpu,
        "sliceWall": slice_wall,
        "analyzerCpu": min(analyzer_cpu),
        "cpuPerItemMs": (slice_cpu - min(analyzer_cpu)) / n * 1000,
        "hits": metrics["templateCacheHits"],
        "misses": metrics["templateCacheMisses"],
        "distinctTemplates": len(distinct - {None}),
    }


def rules() -> dict:
    """Row 6: CPU time on one core (the 14 shared samples plus the labeled notices)."""
    from batches.analysis.rules import extract_facts
    from bench.common import sample_requests
    from tests.analysis.labels import PROJECT_LABELS, SHARED_LABELS, load

    texts = [r["extractedText"] for r in sample_requests()]
    for path in (SHARED_LABELS, PROJECT_LABELS):
        texts += [label["extracted_text"] for label in load(path)]
    for text in texts:
        extract_facts(text)  # warm-up (regex compilation)
    rates = []
    for _ in range(3):
        count, start = 0, time.process_time()
        while time.process_time() - start < 1.5:
            for text in texts:
                extract_facts(text)
            count += len(texts)
        rates.append(count / (time.process_time() - start))
    return {"notices": len(texts), "rate": max(rates), "rates": rates, "meanChars": statistics.fmean(map(len, texts))}


def ingest(path: str) -> dict:
    """Row 5: what `process_batch FILE` and the admin confirm do: open the file and hand it
    to `batch_create_from_upload`, which parses it one request at a time and inserts 2,000
    items at a time in one transaction (and copies the file to `source_file`). Wall, CPU and
    this process's peak RSS (VmHWM), plus the statements it ran."""
    from django.db import connection

    from batches.services.ingest import UploadOptions, batch_create_from_upload

    base_rss = peak_rss_mb()
    log = QueryLog()
    start, cpu_start = time.perf_counter(), time.process_time()
    with Path(path).open("rb") as handle, connection.execute_wrapper(log):
        [batch] = batch_create_from_upload(
            fileobj=handle, filename=Path(path).name, options=UploadOptions(launch=False, analyzer="rules")
        )
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "cpuSeconds": cpu,
        "batchId": batch.pk,
        "items": batch.items.count(),
        "seconds": elapsed,
        "bytes": Path(path).stat().st_size,
        "peakRssMB": peak_rss_mb(),
        "baseRssMB": base_rss,
        "queries": len(log.sql),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def admin() -> dict:
    """Row 7: the admin pages a staff user opens, via the test client against the file
    database; server time = time inside `client.get` (median of 5 after a warm-up)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from batches.models import Batch, BatchItem

    setup_test_environment()  # lets the test client run against ALLOWED_HOSTS=testserver
    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "", "pw-Bench-123"
    )
    client = Client()
    client.force_login(user)
    big = Batch.objects.order_by("-pk").first()
    item = BatchItem.objects.filter(batch=big).order_by("pk").first()
    pages = {
        "batch list": "/admin/batches/batch/",
        "batch page": f"/admin/batches/batch/{big.pk}/change/",
        "item list (batch + FAILED)": f"/admin/batches/batchitem/?batch={big.pk}&status__exact=FAILED",
        "item list (batch)": f"/admin/batches/batchitem/?batch={big.pk}",
        "item list (all)": "/admin/batches/batchitem/",
        "item page": f"/admin/batches/batchitem/{item.pk}/change/",
        "metrics page": "/admin/batches/batch/metrics/",
    }
    out = {"items": BatchItem.objects.count(), "batches": Batch.objects.count(), "pages": {}}
    for name, url in pages.items():
        response = client.get(url)
        if response.status_code != 200:
            out["pages"][name] = {"status": response.status_code}
            continue
        times, cpu = [], []
        for _ in range(5):
            timed = TimedQueries()
            with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timed):
                start, cpu_start = time.perf_counter(), time.process_time()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - cpu_start) * 1000)
        slowest = max(timed.rows, default=(0.0, ""))
        out["pages"][name] = {
            "ms": statistics.median(times),
            "maxMs": max(times),
            "cpuMs": statistics.median(cpu),
            "queries": len(ctx.captured_queries),
            "sqlMs": sum(ms for ms, _ in timed.rows),
            "slowestMs": slowest[0],
            "slowestSql": slowest[1][:400],
        }
    return out


def main() -> None:
    import django

    django.setup()
    section = sys.argv[1]
    if section == "costs":
        result = costs(int(sys.argv[2]))
    elif section == "rules":
        result = rules()
    elif section == "ingest":
        result = ingest(sys.argv[2])
    elif section == "admin":
        result = admin()
    else:
        raise SystemExit(f"unknown section {section!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
