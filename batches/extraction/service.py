"""The database/storage side of extraction, for the worker. No item status changes here:
the worker owns transitions (EXTRACTING -> PENDING, or FAILED with TEXT_EXTRACTION_FAILED).

    document_extract(document_bytes, kind) -> ExtractionResult
        Pure and thread-safe: no ORM, no storage. Call it from a worker thread.
    document_load(*, item_id) -> (bytes, kind)
        Reads the item's ItemDocument through default_storage and checks its SHA-256.
    item_extract_text(*, item_id) -> ExtractionResult
        document_load + document_extract in one call.
    document_record(*, item_id, result=None, error=None) -> None
        Stores method/confidence/pages/extracted_at (or the error reason) on ItemDocument.

All raise ExtractionError(reason, transient=...) for the staff-facing reason.
"""

from __future__ import annotations

import hashlib

from django.core.files.storage import default_storage
from django.utils import timezone

from batches.models import ItemDocument

from .extract import extract_text
from .results import ExtractionError, ExtractionResult, ExtractionSettings


def document_extract(document_bytes: bytes, kind: str, *, config: ExtractionSettings | None = None) -> ExtractionResult:
    """Text of one document. Touches neither the database nor storage; safe in a thread."""
    return extract_text(document_bytes, kind=kind, settings=config)


def document_load(*, item_id: int) -> tuple[bytes, str]:
    try:
        document = ItemDocument.objects.only("file", "kind", "size", "sha256").get(item_id=item_id)
    except ItemDocument.DoesNotExist:
        raise ExtractionError("the item has no stored document") from None
    try:
        with default_storage.open(document.file.name, "rb") as handle:
            data = handle.read(document.size + 1)
    except FileNotFoundError:
        raise ExtractionError("the stored document is missing from storage") from None
    except OSError as exc:
        raise ExtractionError(f"the stored document cannot be read ({type(exc).__name__})", transient=True) from None
    if len(data) != document.size or hashlib.sha256(data).hexdigest() != document.sha256:
        raise ExtractionError("the stored document does not match its checksum")
    return data, document.kind


def item_extract_text(*, item_id: int) -> ExtractionResult:
    data, kind = document_load(item_id=item_id)
    return document_extract(data, kind)


def document_record(
    *, item_id: int, result: ExtractionResult | None = None, error: ExtractionError | None = None
) -> None:
    """Record how extraction went on the ItemDocument row (the item's own fields are the worker's)."""
    now = timezone.now()
    if result is not None:
        ItemDocument.objects.filter(item_id=item_id).update(
            extraction_method=result.method,
            extraction_confidence=result.confidence,
            page_count=result.pages,
            extracted_at=now,
            extraction_error="",
        )
    elif error is not None:
        ItemDocument.objects.filter(item_id=item_id).update(extraction_error=error.reason[:2000], extracted_at=now)
