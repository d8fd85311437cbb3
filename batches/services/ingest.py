"""Upload -> Batch + BatchItems, all or nothing, enqueued only after commit."""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.db import transaction

from batches.extraction.storage import StoredDocuments
from batches.models import Batch
from batches.parsing import (
    BatchEnd,
    BatchStart,
    ParsedBatch,
    ParsedUpload,
    UploadEvent,
    UploadRejected,
    ZipLimits,
    collect,
    spooled_copy,
    stream_upload,
)
from batches.services.upload_writer import (  # noqa: F401 - BatchRejected, UploadOptions, INSERT_CHUNK: this module's API
    INSERT_CHUNK,
    BatchRejected,
    UploadOptions,
    UploadWriter,
    batch_id_conflict,
    existing_id_errors,
    upload_refuse,
)


def upload_parse(
    *, data: bytes | None = None, fileobj: BinaryIO | None = None, filename: str, default_state: str | None = None
) -> ParsedUpload:
    """Parse and validate an upload without writing anything, rows kept (the feed and
    `process_batch` without a cluster use it; the admin preview streams instead).
    Give the bytes or an open binary file (read from its current position).

    `default_state` applies to ZIP documents that the manifest gives no state."""
    source = fileobj if fileobj is not None else io.BytesIO(data or b"")
    parsed = collect(upload_events(source, filename=filename, default_state=default_state))
    for parsed_batch in parsed.batches:
        parsed_batch.errors.extend(existing_id_errors(parsed_batch.rows))
    return parsed


def upload_events(fileobj: BinaryIO, *, filename: str, default_state: str | None = None) -> Iterator[UploadEvent]:
    """`parsing.stream_upload` with this deployment's limits (the one place that passes them).
    A file-level fault raises BatchRejected with its message, possibly after some events."""
    try:
        yield from stream_upload(
            fileobj,
            filename=filename,
            max_items=settings.UPLOAD_MAX_ITEMS,
            max_text_chars=settings.NOTICE_MAX_CHARS,
            max_bytes=settings.UPLOAD_MAX_BYTES,
            zip_limits=_zip_limits(),
            default_state=default_state,
        )
    except UploadRejected as exc:
        raise BatchRejected(exc.message) from exc


def _zip_limits() -> ZipLimits:
    return ZipLimits(
        max_entries=settings.ZIP_MAX_ENTRIES,
        max_total_bytes=settings.ZIP_MAX_TOTAL_BYTES,
        max_entry_bytes=settings.ZIP_MAX_ENTRY_BYTES,
        max_ratio=settings.ZIP_MAX_RATIO,
    )


def _valid_rows(parsed_batch: ParsedBatch):
    bad_rows = {e.row for e in parsed_batch.errors}
    return [row for row in parsed_batch.rows if row.row not in bad_rows]


def upload_check(parsed: ParsedUpload, *, skip_invalid: bool) -> None:
    """BatchRejected, naming every bad row, when ingesting `parsed` would be refused."""
    errors = [e for b in parsed.batches for e in b.errors]
    upload_refuse(errors=errors, valid=sum(len(_valid_rows(b)) for b in parsed.batches), skip_invalid=skip_invalid)
    conflict = batch_id_conflict([b.batch_id for b in parsed.batches if b.batch_id])
    if conflict:
        raise BatchRejected(conflict)


def batch_create_from_upload(
    *,
    data: bytes | None = None,
    fileobj: BinaryIO | None = None,
    filename: str,
    options: UploadOptions,
    parsed: ParsedUpload | None = None,
) -> list[Batch]:
    """Create (and optionally launch) one batch per parsed batch in ONE transaction.

    Reads `fileobj` (an open binary file, from its current position) or `data` one request
    at a time and inserts INSERT_CHUNK rows at a time, so memory holds one chunk, not the
    file. Raises BatchRejected, writing nothing, when the file is unusable or has invalid
    rows (every one named) and `skip_invalid` is false. Pass `parsed` to reuse an earlier
    `upload_parse` (its rows are then in memory anyway).
    """
    source = fileobj if fileobj is not None else io.BytesIO(data or b"")
    stored = StoredDocuments()  # ZIP documents written to storage; removed if the transaction fails
    with _seekable(source, filename=filename) as source:
        try:
            with transaction.atomic():
                writer = UploadWriter(options=options, filename=filename, stored=stored, checked=parsed is not None)
                for event in (
                    _checked_events(parsed) if parsed is not None else upload_events(source, filename=filename)
                ):
                    writer.add(event)
                batches = writer.finish()
                if options.store_file and writer.batch_count == 1:
                    source.seek(0)
                    batches[0].source_file.save(f"batch-{batches[0].pk}.upload", File(source), save=True)
        except BaseException:
            stored.discard()
            raise
    if options.launch:
        from batches.services.lifecycle import batch_launch

        for batch in batches:
            batch_launch(batch_id=batch.pk)
    return batches


@contextlib.contextmanager
def _seekable(fileobj: BinaryIO, *, filename: str):
    """The file itself, or (stdin, a socket) a temporary copy: storing it needs a second read."""
    if fileobj.seekable():
        yield fileobj
        return
    try:
        copy = spooled_copy(fileobj, max_bytes=settings.UPLOAD_MAX_BYTES, filename=filename)
    except UploadRejected as exc:  # over the size limit: the same rejection as a seekable file's
        raise BatchRejected(exc.message) from exc
    with copy:
        yield copy


def _checked_events(parsed: ParsedUpload) -> Iterator[UploadEvent]:
    """Events of an `upload_parse` result: its valid rows, then its errors (analysisIds
    already checked against the database)."""
    for parsed_batch in parsed.batches:
        yield BatchStart(parsed.format, parsed_batch.record_index)
        yield from _valid_rows(parsed_batch)
        if parsed_batch.errors:
            yield list(parsed_batch.errors)
        yield BatchEnd(parsed_batch.batch_id, parsed_batch.total_rows)


# --- Two-step admin upload: the bytes wait in a private file between preview and confirm ---

PENDING_DIR = "uploads-pending"
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class PendingUploadMissing(Exception):
    """The token names no pending upload (expired, already used, or never existed)."""


def pending_path(token: str) -> Path:
    """Where the stash named `token` lives; PendingUploadMissing for a malformed token."""
    if not (20 <= len(token) <= 64) or not set(token) <= _TOKEN_CHARS:
        raise PendingUploadMissing("The upload token is not valid.")
    return Path(settings.MEDIA_ROOT) / PENDING_DIR / token


def upload_stash(*, chunks: Iterable[bytes]) -> str:
    """Keep an upload awaiting confirmation (mode 0600, nothing in the DB), written from its
    chunks (e.g. `UploadedFile.chunks()`), never held whole. Returns the random token that
    names it; a failed write leaves no partial file. Expired stashes are removed on the way."""
    upload_stash_expire()
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(24)
    path = pending_path(token)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return token


def upload_unstash_open(*, token: str) -> BinaryIO:
    """The pending upload opened for reading (the caller closes it): ingest streams from it."""
    path = pending_path(token)
    try:
        if time.time() - path.stat().st_mtime > settings.UPLOAD_PENDING_TTL_SECONDS:
            path.unlink(missing_ok=True)
            raise PendingUploadMissing("The upload expired; please upload the file again.")
        return path.open("rb")
    except FileNotFoundError as exc:
        raise PendingUploadMissing("The upload is no longer available; please upload the file again.") from exc


def upload_discard(*, token: str) -> None:
    try:
        pending_path(token).unlink(missing_ok=True)
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
