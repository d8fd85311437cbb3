"""Text extraction as its own step before analysis (items in status EXTRACTING).

The slice runner calls `extraction_run` before it analyses anything: it claims documents
with a lease and counts the attempt before the work (a PDF that kills its worker is capped
like any poison item), extracts text in a small thread pool (no database access in the
threads), then moves each item to PENDING with its text, or to FAILED with
TEXT_EXTRACTION_FAILED and the reason. Transient failures (OCR timeout, Textract
throttling) release the item for a later slice.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from batches.analysis.guess import guess_reason
from batches.extraction import ExtractionError
from batches.extraction.service import document_extract, document_load, document_record
from batches.models import BATCH_ACTIVE, BatchItem, ErrorCategory, ItemStatus

logger = logging.getLogger(__name__)

# OCR is CPU-bound (one Tesseract process per page): more threads than cores only queue.
MAX_EXTRACTION_THREADS = 2


def extraction_pending(batch_id: int) -> bool:
    return BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.EXTRACTING).exists()


def _claim(batch_id: int, *, owner: str, limit: int) -> list[int]:
    now = timezone.now()
    free = Q(lease_owner="") | Q(lease_expires_at__lt=now)
    candidates = list(
        BatchItem.objects.filter(free, batch_id=batch_id, status=ItemStatus.EXTRACTING, batch__status__in=BATCH_ACTIVE)
        .order_by("row_number")
        .values_list("pk", flat=True)[:limit]
    )
    if not candidates:
        return []
    BatchItem.objects.filter(free, pk__in=candidates, status=ItemStatus.EXTRACTING).update(
        lease_owner=owner,
        lease_expires_at=now + timedelta(seconds=settings.BATCH_ITEM_LEASE_SECONDS),
        attempts=F("attempts") + 1,
        started_at=now,
    )
    claimed = BatchItem.objects.filter(pk__in=candidates, status=ItemStatus.EXTRACTING, lease_owner=owner)
    return list(claimed.values_list("pk", flat=True))


def _fail_exhausted(batch_id: int) -> None:
    """Documents that already used every attempt (their worker died) fail as WORKER_LOST."""
    BatchItem.objects.filter(
        Q(lease_owner="") | Q(lease_expires_at__lt=timezone.now()),
        batch_id=batch_id,
        status=ItemStatus.EXTRACTING,
        attempts__gte=settings.BATCH_ITEM_MAX_ATTEMPTS,
    ).update(
        status=ItemStatus.FAILED,
        error_category=ErrorCategory.WORKER_LOST,
        error="Text extraction stopped its worker on every attempt; the document was set aside.",
        finished_at=timezone.now(),
        lease_owner="",
        lease_expires_at=None,
    )


def extraction_run(batch_id: int, *, owner: str, deadline: float) -> int:
    """Extract text for the batch's documents until none are left or `deadline`
    (a `time.monotonic()` value) passes. Returns how many items it finished."""
    _fail_exhausted(batch_id)
    finished = 0
    with ThreadPoolExecutor(max_workers=MAX_EXTRACTION_THREADS, thread_name_prefix="extract") as pool:
        while time.monotonic() < deadline:
            ids = _claim(batch_id, owner=owner, limit=MAX_EXTRACTION_THREADS)
            if not ids:
                break
            futures = {_submit(pool, item_id): item_id for item_id in ids}
            wait(futures)
            for future, item_id in futures.items():
                finished += _finish(item_id, future, owner=owner)
    return finished


def _submit(pool: ThreadPoolExecutor, item_id: int) -> Future:
    try:
        data, kind = document_load(item_id=item_id)  # database and storage: this thread
    except ExtractionError as exc:
        failed: Future = Future()
        failed.set_exception(exc)
        return failed
    return pool.submit(document_extract, data, kind)


def _finish(item_id: int, future, *, owner: str) -> int:
    mine = BatchItem.objects.filter(pk=item_id, status=ItemStatus.EXTRACTING, lease_owner=owner)
    try:
        result = future.result()
    except ExtractionError as exc:
        document_record(item_id=item_id, error=exc)
        if exc.transient:
            mine.update(lease_owner="", lease_expires_at=None)
            return 0
        return _fail(mine, f"Text extraction failed: {exc.reason}")
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the batch
        logger.exception("extraction failed", extra={"item_id": item_id})
        return _fail(mine, f"Text extraction failed: internal error ({type(exc).__name__}).")
    document_record(item_id=item_id, result=result)
    # Back to PENDING for analysis; the attempt spent on extraction is not charged to it.
    return mine.update(
        extracted_text=result.text,
        reason_guess=guess_reason(result.text),
        status=ItemStatus.PENDING,
        attempts=F("attempts") - 1,
        lease_owner="",
        lease_expires_at=None,
    )


def _fail(mine, message: str) -> int:
    return mine.update(
        status=ItemStatus.FAILED,
        error_category=ErrorCategory.TEXT_EXTRACTION_FAILED,
        error=message[:2000],
        finished_at=timezone.now(),
        lease_owner="",
        lease_expires_at=None,
    )
