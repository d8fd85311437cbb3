"""Throughput and accuracy of the rules extractor on both label files.

Run: `.venv/bin/python -m tests.analysis.bench_rules`. Not collected by pytest on purpose:
a timing assertion would fail on a busy CI machine. CPU time (not wall time) is used so
that other processes on the machine do not distort the per-core figure.
"""

from __future__ import annotations

import time

from batches.analysis.evaluation import evaluate
from batches.analysis.rules import extract_facts
from tests.analysis.labels import PROJECT_LABELS, SHARED_LABELS, load

SECONDS = 3.0


def notices_per_second(texts: list[str]) -> float:
    for text in texts:  # warm up
        extract_facts(text)
    count, start = 0, time.process_time()
    while time.process_time() - start < SECONDS:
        for text in texts:
            extract_facts(text)
        count += len(texts)
    return count / (time.process_time() - start)


def _analyze(label: dict) -> dict:
    facts = extract_facts(label["extracted_text"], state_hint=label["user_selected_state"])
    return {"notice": facts, "compliance": {}}


def main() -> None:
    for path in (SHARED_LABELS, PROJECT_LABELS):
        labels = load(path)
        report = evaluate(labels, _analyze)
        rate = notices_per_second([label["extracted_text"] for label in labels])
        print(f"{path.name}: {report['total']} notices, {rate:.0f} notices/s (CPU, one core)")
        for field, counts in report["fields"].items():
            if field != "meetsStatutoryMinimum":
                print(f"  {field:18s} {counts['correct']}/{counts['scored']}")


if __name__ == "__main__":
    main()
