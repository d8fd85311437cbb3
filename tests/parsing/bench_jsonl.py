"""Measure parsing 100,000 JSON Lines / CSV requests: `.venv/bin/python -m tests.parsing.bench_jsonl`.

Not a test (timings are reported, never asserted). Texts are the 14 shared sample notices
(about 1.5 KB each) cycled, so the file is roughly the size of a real 100k batch."""

import csv
import io
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from batches.parsing import parse_stream, parse_upload

SAMPLE = Path("/work/shared/samples/batch-sqs-event.json")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
REPEATS = 3


def requests():
    base = json.loads(SAMPLE.read_text())["Records"][0]["body"]["batchRequests"]
    for i in range(N):
        item = dict(base[i % len(base)])
        item["analysisId"] = f"analysis_{i:06d}"
        yield item


def jsonl_bytes() -> bytes:
    return "".join(json.dumps(item) + "\n" for item in requests()).encode()


def csv_bytes() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["analysisId", "extractedText", "userSelectedState", "tenantName", "landlordName", "isImageUpload", "userId"]
    )
    for r in requests():
        form = r["userFormData"]
        writer.writerow(
            [
                r["analysisId"],
                r["extractedText"],
                r["userSelectedState"],
                form["tenantName"],
                form["landlordName"],
                "false",
                r["userId"],
            ]
        )
    return out.getvalue().encode()


def measure(label, call):
    timings, cpu_timings = [], []
    for _ in range(REPEATS):  # best of N, and CPU time too: other processes share the machine
        start, cpu_start = time.perf_counter(), time.process_time()
        result = call()
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu_start)
        rows = result.valid_rows
        del result
    elapsed, cpu = min(timings), min(cpu_timings)
    tracemalloc.start()
    kept = call()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    # retained = the ParsedUpload itself (the rows' texts); peak - retained = parsing overhead
    print(
        f"{label:24s} {elapsed:5.2f} s (cpu {cpu:5.2f} s)  peak {peak / 1e6:6.1f} MB  result {retained / 1e6:6.1f} MB  rows {rows:,}"
    )


def stream_file(path: str):
    with open(path, "rb") as handle:
        return parse_stream(handle)


def bench(name: str, data: bytes) -> None:
    print(f"{name}: {N:,} requests, {len(data) / 1e6:.1f} MB")
    with tempfile.NamedTemporaryFile(suffix=f".{name}") as handle:
        handle.write(data)
        handle.flush()
        measure("  parse_upload(bytes)", lambda: parse_upload(data))
        measure("  parse_stream(file)", lambda: stream_file(handle.name))


def main():
    bench("jsonl", jsonl_bytes())
    bench("csv", csv_bytes())


if __name__ == "__main__":
    main()
