"""parse_stream: the same result as parse_upload, reading JSON Lines and CSV line by line.

Only the UTF-8 line-based formats stream; a JSON document (or UTF-16/32 text) has to be
whole before it can be decoded, so those are read (up to max_bytes) and handed to
parse_upload. Streaming keeps neither the raw bytes nor the decoded text of the whole file.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import BinaryIO

from .api import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_MAX_TEXT_CHARS, _Upload, parse_upload
from .csvformat import csv_items
from .errors import UploadRejected
from .formats import jsonl_items, looks_like_jsonl
from .lines import split_lines
from .results import ParsedUpload
from .sniff import SNIFF_BYTES, check_not_binary, check_size, detect_encoding, encoding_error, label
from .zipformat import is_zip
from .zipsafety import ZipLimits

CHUNK_BYTES = 1 << 20


def parse_stream(
    fileobj: BinaryIO,
    *,
    filename: str = "",
    max_items: int = DEFAULT_MAX_ITEMS,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    zip_limits: ZipLimits | None = None,
    default_state: str | None = None,
) -> ParsedUpload:
    """Parse an upload from a binary file object (e.g. Django's UploadedFile); it is not closed.

    Returns exactly what parse_upload(fileobj.read()) would, raising the same rejections.
    A ZIP needs its central directory (at the end), so it is read whole (up to max_bytes)."""
    limits = {
        "filename": filename,
        "max_items": max_items,
        "max_text_chars": max_text_chars,
        "max_bytes": max_bytes,
    }
    head = fileobj.read(SNIFF_BYTES)
    check_size(len(head), max_bytes=max_bytes, filename=filename)
    if is_zip(head):
        whole = b"".join(_chunks(fileobj, head, max_bytes=max_bytes, filename=filename))
        return parse_upload(whole, **limits, zip_limits=zip_limits, default_state=default_state)
    check_not_binary(head, filename=filename)
    raw_lines = byte_lines(fileobj, head, max_bytes=max_bytes, filename=filename)
    if detect_encoding(head, filename=filename)[0] != "utf-8":
        return parse_upload(b"".join(raw_lines), **limits)
    peeked, texts = _peek(raw_lines, filename=filename)
    first_lines = [text for text in texts if text.strip()]
    if not first_lines:
        raise UploadRejected(f"{label(filename)} is empty (only whitespace)", code="empty")
    first = first_lines[0].lstrip()[:1]
    is_jsonl = first == "{" and looks_like_jsonl(first_lines)
    if first in "{[" and not is_jsonl:
        return parse_upload(b"".join(chain(peeked, raw_lines)), **limits)
    upload = _Upload(filename=filename, max_items=max_items, max_text_chars=max_text_chars)
    rest = decoded_lines(raw_lines, filename=filename, first_line=len(peeked) + 1, offset=sum(map(len, peeked)))
    lines = chain(texts, rest)
    if is_jsonl:
        return ParsedUpload("jsonl", [upload.batch(jsonl_items(lines, upload.budget))])
    return ParsedUpload("csv", [upload.batch(csv_items(lines, upload.budget, filename=filename), csv=True)])


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


def byte_lines(fileobj: BinaryIO, head: bytes, *, max_bytes: int, filename: str) -> Iterator[bytes]:
    """Lines of the file (head first), read 1 MB at a time, enforcing max_bytes as they arrive."""
    return split_lines(_chunks(fileobj, head, max_bytes=max_bytes, filename=filename))


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
