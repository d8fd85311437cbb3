"""Upload -> Batch + BatchItems, all or nothing, enqueued only after commit."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from batches.analysis.guess import guess_reason
from batches.extraction.storage import StoredDocuments, item_documents_create
from batches.models import Analyzer, Batch, BatchItem, BatchStatus, ItemStatus
from batches.parsing import ParsedBatch, ParsedUpload, RowError, UploadRejected, ZipLimits, parse_upload

INSERT_CHUNK = 2000


class BatchRejected(Exception):
    """The upload cannot be ingested; `errors` name every row and why (nothing was written)."""

    def __init__(self, message: str, errors: list[RowError] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


@dataclass
class UploadOptions:
    name: str = ""
    analyzer: str = Analyzer.RULES
    concurrency: int = 0
    launch: bool = True
    skip_invalid: bool = False
    user: object = None
    store_file: bool = True


def upload_parse(*, data: bytes, filename: str, default_state: str | None = None) -> ParsedUpload:
    """Parse and validate an upload without writing anything (the admin preview uses it).

    `default_state` applies to ZIP documents that the manifest gives no state."""
    try:
        parsed = parse_upload(
            data,
            filename=filename,
            max_items=settings.UPLOAD_MAX_ITEMS,
            max_text_chars=settings.NOTICE_MAX_CHARS,
            max_bytes=settings.UPLOAD_MAX_BYTES,
            zip_limits=_zip_limits(),
            default_state=default_state,
        )
    except UploadRejected as exc:
        raise BatchRejected(str(exc.message if hasattr(exc, "message") else exc)) from exc
    for parsed_batch in parsed.batches:
        parsed_batch.errors.extend(_existing_id_errors(parsed_batch))
    return parsed


def _zip_limits() -> ZipLimits:
    return ZipLimits(
        max_entries=settings.ZIP_MAX_ENTRIES,
        max_total_bytes=settings.ZIP_MAX_TOTAL_BYTES,
        max_entry_bytes=settings.ZIP_MAX_ENTRY_BYTES,
        max_ratio=settings.ZIP_MAX_RATIO,
    )


def _existing_id_errors(parsed_batch: ParsedBatch) -> list[RowError]:
    """analysisId is unique across batches: a re-submitted request is a row error."""
    by_id = {row.analysis_id: row for row in parsed_batch.rows}
    errors = []
    ids = list(by_id)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for analysis_id, batch_id in BatchItem.objects.filter(analysis_id__in=chunk).values_list(
            "analysis_id", "batch_id"
        ):
            row = by_id[analysis_id]
            errors.append(
                RowError(
                    row=row.row,
                    field="analysisId",
                    message=f"Row {row.row}: analysisId {analysis_id!r} was already ingested in batch #{batch_id}.",
                    analysis_id=analysis_id,
                )
            )
    return errors


def _valid_rows(parsed_batch: ParsedBatch):
    bad_rows = {e.row for e in parsed_batch.errors}
    return [row for row in parsed_batch.rows if row.row not in bad_rows]


def upload_check(parsed: ParsedUpload, *, skip_invalid: bool) -> list[tuple[ParsedBatch, list]]:
    """The rows that would be ingested per batch, or BatchRejected naming every bad row."""
    errors = [e for b in parsed.batches for e in b.errors]
    if errors and not skip_invalid:
        raise BatchRejected(f"{len(errors)} invalid row(s); nothing was created.", errors)
    plans = [(b, _valid_rows(b)) for b in parsed.batches]
    if not any(rows for _, rows in plans):
        raise BatchRejected("The file contains no valid notices; nothing was created.", errors)
    _check_external_ids(parsed)
    return plans


def batch_create_from_upload(
    *, data: bytes, filename: str, options: UploadOptions, parsed: ParsedUpload | None = None
) -> list[Batch]:
    """Create (and optionally launch) one batch per parsed batch in ONE transaction.

    Raises BatchRejected, writing nothing, when the file is unusable or has invalid rows
    and `skip_invalid` is false. Pass `parsed` to reuse an earlier `upload_parse`.
    """
    parsed = parsed or upload_parse(data=data, filename=filename)
    plans = upload_check(parsed, skip_invalid=options.skip_invalid)
    stored = StoredDocuments()  # ZIP documents written to storage; removed if the transaction fails
    try:
        with transaction.atomic():
            batches = [
                _create_batch(
                    parsed_batch, rows, parsed=parsed, data=data, filename=filename, options=options, stored=stored
                )
                for parsed_batch, rows in plans
                if rows
            ]
    except BaseException:
        stored.discard()
        raise
    if options.launch:
        from batches.services.lifecycle import batch_launch

        for batch in batches:
            batch_launch(batch_id=batch.pk)
    return batches


def _check_external_ids(parsed: ParsedUpload) -> None:
    ids = [b.batch_id for b in parsed.batches if b.batch_id]
    existing = dict(Batch.objects.filter(external_id__in=ids).values_list("external_id", "pk"))
    if existing:
        ext, pk = next(iter(existing.items()))
        raise BatchRejected(f"batchId {ext!r} was already ingested as batch #{pk}; nothing was created.")


def _create_batch(parsed_batch, rows, *, parsed, data, filename, options: UploadOptions, stored=None) -> Batch:
    batch = Batch.objects.create(
        name=options.name or parsed_batch.batch_id or filename or "Uploaded batch",
        external_id=parsed_batch.batch_id or None,
        analyzer=options.analyzer,
        concurrency=_concurrency(options.concurrency),
        source_format=parsed.format,
        source_name=(filename or "")[:255],
        created_by=options.user if getattr(options.user, "pk", None) else None,
        status=BatchStatus.DRAFT,
    )
    if options.store_file and len(parsed.batches) == 1:
        batch.source_file.save(f"batch-{batch.pk}.upload", ContentFile(data), save=True)
    for chunk in _chunks(_items(batch, rows), INSERT_CHUNK):
        BatchItem.objects.bulk_create(chunk)
    item_documents_create(batch=batch, rows=rows, stored=stored or StoredDocuments())
    return batch


def _concurrency(requested: int) -> int:
    value = requested or settings.BATCH_CONCURRENCY
    return max(1, min(int(value), settings.BATCH_MAX_CONCURRENCY))


def _items(batch: Batch, rows) -> Iterator[BatchItem]:
    for row in rows:
        yield BatchItem(
            batch=batch,
            row_number=row.row,
            analysis_id=row.analysis_id,
            user_id=row.user_id or "",
            user_selected_state=row.user_selected_state or "",
            user_form_data=row.user_form_data,
            is_image_upload=row.is_image_upload,
            extracted_text=row.extracted_text,
            reason_guess=guess_reason(row.extracted_text),
            # A PDF/image has no text yet: the worker extracts it first (issue 8).
            status=ItemStatus.EXTRACTING if row.document is not None else ItemStatus.PENDING,
        )


def _chunks(iterable, size: int):
    chunk = []
    for value in iterable:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- Two-step admin upload: the bytes wait in a private file between preview and confirm ---

PENDING_DIR = "uploads-pending"
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class PendingUploadMissing(Exception):
    """The token names no pending upload (expired, already used, or never existed)."""


def _pending_path(token: str) -> Path:
    if not (20 <= len(token) <= 64) or not set(token) <= _TOKEN_CHARS:
        raise PendingUploadMissing("The upload token is not valid.")
    return Path(settings.MEDIA_ROOT) / PENDING_DIR / token


def upload_stash(*, data: bytes) -> str:
    """Keep the bytes of an upload awaiting confirmation (mode 0600, nothing in the DB).
    Returns the random token that names it. Expired stashes are removed on the way."""
    upload_stash_expire()
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(24)
    fd = os.open(_pending_path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return token


def upload_unstash(*, token: str) -> bytes:
    path = _pending_path(token)
    try:
        if time.time() - path.stat().st_mtime > settings.UPLOAD_PENDING_TTL_SECONDS:
            path.unlink(missing_ok=True)
            raise PendingUploadMissing("The upload expired; please upload the file again.")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise PendingUploadMissing("The upload is no longer available; please upload the file again.") from exc


def upload_discard(*, token: str) -> None:
    try:
        _pending_path(token).unlink(missing_ok=True)
    except PendingUploadMissing:
        pass


def upload_stash_expire() -> int:
    """Delete stashes older than UPLOAD_PENDING_TTL_SECONDS; returns how many."""
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
    if not directory.is_dir():
        return 0
    cutoff = time.time() - settings.UPLOAD_PENDING_TTL_SECONDS
    removed = 0
    for path in directory.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


@dataclass
class UploadPreview:
    """What the admin shows before anything is written: counts, breakdowns and row errors."""

    format: str
    total_rows: int
    valid_rows: int
    invalid_rows: int
    batch_count: int
    batch_ids: list[str]
    by_state: list[tuple[str, int]]
    by_reason: list[tuple[str, int]]
    errors: list[RowError]
    error_count: int


def upload_preview(parsed: ParsedUpload, *, max_errors: int = 300) -> UploadPreview:
    rows = [row for parsed_batch in parsed.batches for row in _valid_rows(parsed_batch)]
    states = Counter(row.user_selected_state or "(none given)" for row in rows)
    reasons = Counter(guess_reason(row.extracted_text) for row in rows)
    errors = sorted(parsed.errors, key=lambda e: (e.row, e.field or ""))
    return UploadPreview(
        format=parsed.format,
        total_rows=parsed.total_rows,
        valid_rows=len(rows),
        invalid_rows=parsed.total_rows - len(rows),
        batch_count=len(parsed.batches),
        batch_ids=[b.batch_id or "" for b in parsed.batches],
        by_state=states.most_common(),
        by_reason=reasons.most_common(),
        errors=errors[:max_errors],
        error_count=len(errors),
    )
