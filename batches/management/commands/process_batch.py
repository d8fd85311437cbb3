"""Ingest a batch file and run it (inline with --sync, else on the django-q2 cluster)."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from batches.metric_names import SEED_METRICS
from batches.models import BATCH_TERMINAL, Batch, BatchStatus
from batches.selectors import batch_failed_items, batch_metrics
from batches.services import lifecycle, runner
from batches.services.ingest import (
    BatchRejected,
    UploadOptions,
    batch_create_from_upload,
    upload_check,
    upload_parse,
)

EXIT_REJECTED = 2
EXIT_NO_CLUSTER = 3


def cluster_running() -> bool:
    from django_q.status import Stat

    try:
        return bool(Stat.get_all())
    except Exception:  # noqa: BLE001 - a broken heartbeat cache means "cannot tell": say no
        return False


def batch_document(batch: Batch, *, with_results: bool) -> dict:
    metrics = batch_metrics(batch)
    doc = {
        "batchId": batch.external_id or str(batch.pk),
        "id": batch.pk,
        "status": batch.status,
        "batchMetrics": {name: metrics[name] for name in SEED_METRICS},
        "metrics": metrics,
        "failed": [
            {"analysisId": f["analysis_id"], "error": f["error"], "errorCategory": f["error_category"]}
            for f in batch_failed_items(batch.pk)
        ],
    }
    if with_results:
        doc["results"] = [
            {"analysisId": a, "status": s, "analysisResults": r}
            for a, s, r in batch.items.order_by("row_number").values_list("analysis_id", "status", "analysis_results")
        ]
    return doc


class Command(BaseCommand):
    help = "Ingest FILE (SQS event JSON, JSON list, JSON Lines or CSV) and analyse every notice."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Batch file to ingest, or - for standard input.")
        parser.add_argument("--concurrency", type=int, default=0, help="Items analysed at once.")
        parser.add_argument("--analyzer", choices=["rules", "openai"], default=None)
        parser.add_argument("--name", default="", help="Batch name (default: the file's batchId).")
        parser.add_argument("--sync", action="store_true", help="Run in this process, without a cluster.")
        parser.add_argument("--skip-invalid", action="store_true", help="Ingest the valid rows, skip invalid ones.")
        parser.add_argument("--json", action="store_true", help="Print one JSON document.")
        parser.add_argument("--results", action="store_true", help="With --json: include every item's result.")
        parser.add_argument("--timeout", type=float, default=3600, help="Seconds to wait for the cluster.")

    def handle(self, *args, **opts):
        options = UploadOptions(
            name=opts["name"],
            analyzer=opts["analyzer"] or settings.TENANTARMOR_ANALYZER,
            concurrency=opts["concurrency"],
            launch=False,
            skip_invalid=opts["skip_invalid"],
        )
        try:
            with self._open(opts["file"]) as (fileobj, filename):
                batches = self._ingest(fileobj, filename, options, sync=opts["sync"])
        except BatchRejected as exc:
            self._rejected(exc, as_json=opts["json"])
            sys.exit(EXIT_REJECTED)
        for batch in batches:
            self._run(batch, sync=opts["sync"], timeout=opts["timeout"], quiet=opts["json"])
        self._report([Batch.objects.get(pk=b.pk) for b in batches], opts)

    def _ingest(self, fileobj: BinaryIO, filename: str, options: UploadOptions, *, sync: bool) -> list[Batch]:
        if not sync and not cluster_running():
            # A rejected file is still reported as such; only then the missing cluster.
            upload_check(upload_parse(fileobj=fileobj, filename=filename), skip_invalid=options.skip_invalid)
            self.stderr.write(
                "No django-q2 cluster is running, so nothing would process this batch (nothing was created).\n"
                "Start one with `make worker` (or `python manage.py qcluster`), or run with --sync."
            )
            sys.exit(EXIT_NO_CLUSTER)
        return batch_create_from_upload(fileobj=fileobj, filename=filename, options=options)

    @contextlib.contextmanager
    def _open(self, path: str) -> Iterator[tuple[BinaryIO, str]]:
        """The open file: ingest streams it, never reads it whole (and copies a stdin that
        cannot seek to a temporary file itself, since storing the file reads it again)."""
        if path == "-":
            yield sys.stdin.buffer, "stdin"
            return
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        with file.open("rb") as handle:
            yield handle, file.name

    def _run(self, batch: Batch, *, sync: bool, timeout: float, quiet: bool) -> None:
        if sync:
            Batch.objects.filter(pk=batch.pk, status=BatchStatus.DRAFT).update(status=BatchStatus.QUEUED)
            while runner.batch_run_slice(batch_id=batch.pk):
                pass
            return
        lifecycle.batch_launch(batch_id=batch.pk)
        self._wait(batch, timeout=timeout, quiet=quiet)

    def _wait(self, batch: Batch, *, timeout: float, quiet: bool) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            batch.refresh_from_db()
            if batch.status in BATCH_TERMINAL or batch.status == BatchStatus.PAUSED:
                return
            if not quiet:
                m = batch_metrics(batch)
                self.stderr.write(f"batch #{batch.pk}: {m['totalProcessed']}/{m['totalItems']} processed")
            time.sleep(0.5)
        raise CommandError(f"Batch #{batch.pk} did not finish within {timeout:.0f} s (status {batch.status}).")

    def _rejected(self, exc: BatchRejected, *, as_json: bool) -> None:
        errors = [{"row": e.row, "field": e.field, "message": e.message} for e in exc.errors]
        if as_json:
            self.stdout.write(json.dumps({"rejected": True, "message": exc.message, "errors": errors}, indent=2))
            return
        self.stderr.write(f"Rejected: {exc.message}")
        for error in errors[:200]:
            self.stderr.write(f"  {error['message']}")
        if len(errors) > 200:
            self.stderr.write(f"  ... and {len(errors) - 200} more")

    def _report(self, batches: list[Batch], opts) -> None:
        docs = [batch_document(b, with_results=opts["results"]) for b in batches]
        if opts["json"]:
            self.stdout.write(json.dumps(docs[0] if len(docs) == 1 else {"batches": docs}, indent=2))
            return
        for doc in docs:
            m = doc["batchMetrics"]
            self.stdout.write(
                f"Batch #{doc['id']} ({doc['batchId']}): {doc['status']} - {m['successCount']} succeeded, "
                f"{m['failureCount']} failed, {m['processingTimeMs']} ms, cache {m['templateCacheHits']} hits / "
                f"{m['templateCacheMisses']} misses"
            )
            for failed in doc["failed"]:
                self.stdout.write(f"  FAILED {failed['analysisId']}: [{failed['errorCategory']}] {failed['error']}")
