"""The seed's approach, for comparison: items in chunks of C, each chunk waiting for its
slowest item before the next one starts.

Run by bench/run.py in a subprocess (Django settings from the environment, OPENAI_BASE_URL
pointing at the fake): `python bench/chunked.py N C` prints one JSON line. It makes only
the LLM calls (the same `extract_facts` the engine's threads make) and no database writes,
so any gap it shows is a lower bound on the engine's advantage.
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def run_chunked(texts: list[str], *, concurrency: int, extract) -> dict:
    """Chunks of `concurrency`; each waits for all of its items. Returns wall time and the
    per-chunk waits (the slowest item of each chunk decides it)."""
    start = time.monotonic()
    latencies: list[float] = []
    failures = 0

    def one(text: str) -> float:
        began = time.monotonic()
        extract(text)
        return time.monotonic() - began

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for offset in range(0, len(texts), concurrency):
            futures = [pool.submit(one, text) for text in texts[offset : offset + concurrency]]
            for future in futures:  # the chunk barrier
                try:
                    latencies.append(future.result())
                except Exception:
                    failures += 1
    wall = time.monotonic() - start
    return {"wall": wall, "n": len(texts), "failures": failures, "meanLatency": sum(latencies) / max(1, len(latencies))}


def main() -> None:
    import django

    django.setup()
    from batches.analysis import get_analyzer
    from tests.fakes.openai_server import SAMPLE_NOTICE

    n, concurrency = int(sys.argv[1]), int(sys.argv[2])
    analyzer = get_analyzer("openai")

    def extract(text: str):
        return analyzer.extract_facts(text, state_hint="TX")

    extract(SAMPLE_NOTICE)  # connection and client set-up, outside the timing (as the engine's)
    print(json.dumps(run_chunked([SAMPLE_NOTICE] * n, concurrency=concurrency, extract=extract)))


if __name__ == "__main__":
    main()
