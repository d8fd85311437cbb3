"""stream_upload / parse_stream: the same result as parse_upload, read from an open file.

JSON Lines and CSV are read line by line, a UTF-8 JSON document (SQS event, body, list)
request by request (jsonstream); a ZIP or UTF-16/32 text is read whole (up to max_bytes)
and handed to parse_upload. Streaming keeps neither the raw bytes nor the decoded text of
the whole file; stream_upload does not keep the rows either (its consumer does, or not).
"""

from __future__ import annotations

import codecs
import io
import tempfile
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import BinaryIO

from .api import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_MAX_TEXT_CHARS, UploadState, parse_upload
from .csvformat import csv_items
from .errors import UploadRejected
from .formats import jsonl_items, looks_like_jsonl
from .jsonstream import DocumentReader, Unstreamable
from .lines import split_lines
from .results import BatchEnd, BatchStart, ParsedBatch, ParsedUpload, UploadEvent
from .sniff import SNIFF_BYTES, check_not_binary, check_size, detect_encoding, encoding_error, label
from .zipformat import is_zip
from .zipsafety import ZipLimits

CHUNK_BYTES = 1 << 20
PEEK_BYTES = 4 << 20  # enough for the first two lines of any JSON Lines file we accept


def parse_stream(fileobj: BinaryIO, **options) -> ParsedUpload:
    """Parse an upload from a binary file object (e.g. Django's UploadedFile); it is not closed.
    `options` are stream_upload's (filename, limits, zip_limits, default_state).

    Returns exactly what parse_upload(fileobj.read()) would, raising the same rejections."""
    return collect(stream_upload(fileobj, **options))


def collect(events: Iterable[UploadEvent]) -> ParsedUpload:
    """The ParsedUpload that a stream of events describes (rows held in memory)."""
    batches: list[ParsedBatch] = []
    fmt, batch = "", ParsedBatch(batch_id=None)
    for event in events:
        if isinstance(event, BatchStart):
            fmt, batch = event.format, ParsedBatch(batch_id=None, record_index=event.record_index)
        elif isinstance(event, BatchEnd):
            batch.batch_id, batch.total_rows = event.batch_id, event.total_rows
            batches.append(batch)
        elif isinstance(event, list):
            batch.errors.extend(event)
        else:
            batch.rows.append(event)
    return ParsedUpload(fmt, batches)


def stream_upload(
    fileobj: BinaryIO,
    *,
    filename: str = "",
    max_items: int = DEFAULT_MAX_ITEMS,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    zip_limits: ZipLimits | None = None,
    default_state: str | None = None,
) -> Iterator[UploadEvent]:
    """The upload as events (BatchStart, a RequestRow or RowErrors per row, BatchEnd), read
    from `fileobj` one request at a time: JSON Lines, CSV and UTF-8 JSON documents stream;
    a ZIP (its directory is at the end) and UTF-16/32 text are parsed whole.

    UploadRejected may be raised after some events: a consumer must treat the rows it got as
    void (ingest rolls its transaction back). The faults and their messages are those of
    parse_upload. A non-seekable file is first copied to a temporary file."""
    limits = {"filename": filename, "max_items": max_items, "max_text_chars": max_text_chars, "max_bytes": max_bytes}
    if fileobj.seekable():
        yield from _stream_seekable(fileobj, limits, zip_limits=zip_limits, default_state=default_state)
        return
    with spooled_copy(fileobj, max_bytes=max_bytes, filename=filename) as spool:
        yield from _stream_seekable(spool, limits, zip_limits=zip_limits, default_state=default_state)


def _stream_seekable(fileobj: BinaryIO, limits: dict, *, zip_limits, default_state) -> Iterator[UploadEvent]:
    filename, max_bytes = limits["filename"], limits["max_bytes"]
    start = fileobj.tell()

    def whole() -> ParsedUpload:
        fileobj.seek(start)
        data = b"".join(_chunks(fileobj, fileobj.read(CHUNK_BYTES), max_bytes=max_bytes, filename=filename))
        return parse_upload(data, **limits, zip_limits=zip_limits, default_state=default_state)

    check_size(_remaining(fileobj), max_bytes=max_bytes, filename=filename)
    head = fileobj.read(SNIFF_BYTES)
    check_size(len(head), max_bytes=max_bytes, filename=filename)  # "empty"
    if is_zip(head):
        yield from events_of(whole())
        return
    check_not_binary(head, filename=filename)
    if detect_encoding(head, filename=filename)[0] != "utf-8":
        yield from events_of(whole())
        return
    fileobj.seek(start)
    kind = _kind(fileobj.read(PEEK_BYTES), filename=filename)
    fileobj.seek(start)
    chunks = _chunks(fileobj, fileobj.read(CHUNK_BYTES), max_bytes=max_bytes, filename=filename)
    upload = UploadState(filename=filename, max_items=limits["max_items"], max_text_chars=limits["max_text_chars"])
    if kind == "json":
        yield from _document_events(chunks, upload, whole)
        return
    yield from _line_events(chunks, upload, kind=kind, filename=filename)


def _line_events(chunks: Iterator[bytes], upload: UploadState, *, kind: str, filename: str) -> Iterator[UploadEvent]:
    """JSON Lines or CSV, one line at a time (strict UTF-8 per line)."""
    lines = decoded_lines(split_lines(chunks), filename=filename)
    yield BatchStart(kind)
    if kind == "jsonl":
        items = jsonl_items(lines, upload.budget)
    else:
        items = csv_items(lines, upload.budget, filename=filename)
    yield from _counted(upload.results(items, csv=kind == "csv"))


def _counted(results: Iterator[UploadEvent]) -> Iterator[UploadEvent]:
    count = 0
    for result in results:
        count += 1
        yield result
    yield BatchEnd(None, count)


def _document_events(chunks: Iterator[bytes], upload: UploadState, whole) -> Iterator[UploadEvent]:
    """A JSON document read request by request; any fault is named by parsing it whole."""
    started = False
    try:
        for event in DocumentReader(chunks, upload=upload).events():
            started = True
            yield event
    except (Unstreamable, UploadRejected):
        parsed = whole()  # raises the rejection parse_upload gives this file
        if started:  # rows were handed out: a successful whole parse here would be a reader bug
            raise UploadRejected("The file could not be read as one JSON document", code="malformed_json") from None
        yield from events_of(parsed)


def events_of(parsed: ParsedUpload) -> Iterator[UploadEvent]:
    """The events of an upload parsed whole (rows first, then errors grouped by row)."""
    for batch in parsed.batches:
        yield BatchStart(parsed.format, batch.record_index)
        yield from batch.rows
        for _, errors in groupby(batch.errors, key=lambda error: error.row):
            yield list(errors)
        yield BatchEnd(batch.batch_id, batch.total_rows)


def _kind(head: bytes, *, filename: str) -> str:
    """ "json" (one document), "jsonl" or "csv", judged as parse_upload does from the first two
    non-blank lines within the first PEEK_BYTES. A longer first line is a JSON document if it
    starts with '{' or '[' (the reader defers to parse_upload when it is not one)."""
    complete = len(head) < PEEK_BYTES
    lines = head.split(b"\n")
    partial = b"" if complete else lines.pop()
    raw = [line + b"\n" for line in lines]
    if complete and raw:
        raw[-1] = raw[-1][:-1]
    _, texts = _peek(iter(raw), filename=filename)
    first_lines = [text for text in texts if text.strip()]
    if len(first_lines) < 2 and not complete:
        first = (first_lines[0] if first_lines else partial[:4096].decode("utf-8", "ignore")).lstrip()[:1]
        return "json" if first in ("{", "[", "") else "csv"
    if not first_lines:
        raise UploadRejected(f"{label(filename)} is empty (only whitespace)", code="empty")
    first = first_lines[0].lstrip()[:1]
    is_jsonl = first == "{" and looks_like_jsonl(first_lines)
    if first in "{[" and not is_jsonl:
        return "json"
    return "jsonl" if is_jsonl else "csv"


def spooled_copy(fileobj: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES, filename: str = ""):
    """A seekable temporary copy of a stream (stdin, a socket), at most max_bytes; close it."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the caller's `with`
    try:
        for chunk in _chunks(fileobj, fileobj.read(CHUNK_BYTES), max_bytes=max_bytes, filename=filename):
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _remaining(fileobj: BinaryIO) -> int:
    here = fileobj.tell()
    end = fileobj.seek(0, io.SEEK_END)
    fileobj.seek(here)
    return end - here


def _peek(raw_lines: Iterator[bytes], *, filename: str, count: int = 2) -> tuple[list[bytes], list[str]]:
    """Raw and decoded lines up to the `count`-th non-blank one (enough to tell the format).

    Blank means blank once decoded (str.strip), exactly as parse_upload judges it."""
    raw: list[bytes] = []
    texts: list[str] = []
    offset, found = 0, 0
    for line in raw_lines:
        raw.append(line)
        texts.extend(decoded_lines([line], filename=filename, first_line=len(raw), offset=offset))
        offset += len(line)
        found += bool(texts[-1].strip())
        if found == count:
            break
    return raw, texts


def _chunks(fileobj: BinaryIO, head: bytes, *, max_bytes: int, filename: str) -> Iterator[bytes]:
    total, chunk = 0, head
    while chunk:
        total += len(chunk)
        check_size(total, max_bytes=max_bytes, filename=filename)
        yield chunk
        chunk = fileobj.read(CHUNK_BYTES)


def decoded_lines(lines: Iterable[bytes], *, filename: str, first_line: int = 1, offset: int = 0) -> Iterator[str]:
    """Strict UTF-8 per line, so an error names its exact line, column and file offset."""
    for number, line in enumerate(lines, first_line):
        skip = 3 if number == 1 and line.startswith(codecs.BOM_UTF8) else 0
        try:
            yield line[skip:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise encoding_error(
                line, exc.start + skip, "UTF-8", filename, line_offset=offset, line_no=number
            ) from None
        offset += len(line)
