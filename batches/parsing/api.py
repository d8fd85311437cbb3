"""parse_upload / parse_stream: bytes in, validated rows plus row errors out, or UploadRejected."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .csvformat import csv_items
from .errors import Problem, RowError, UploadRejected
from .formats import (
    CONTAINER_KEYS,
    Item,
    ItemBudget,
    body_requests,
    describe_keys,
    event_batches,
    jsonl_items,
    list_items,
    load_document,
    looks_like_jsonl,
)
from .lines import split_lines, text_chunks
from .results import ParsedBatch, ParsedUpload, RequestRow
from .sniff import SNIFF_BYTES, check_not_binary, check_size, decode, label
from .states import normalize_state
from .validation import RowValidator
from .zipformat import is_zip, parse_zip
from .zipsafety import ZipLimits

# Mirrors tenantarmor.settings.base; callers pass settings.UPLOAD_MAX_* explicitly.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_ITEMS = 500_000
DEFAULT_MAX_TEXT_CHARS = 200_000
_NON_SPACE = re.compile(r"\S")


class UploadState:
    """The limits and per-file state (item budget, duplicate tracking) of one parse."""

    def __init__(self, *, filename: str, max_items: int, max_text_chars: int) -> None:
        self.filename = filename
        self.budget = ItemBudget(max_items)
        self.validator = RowValidator(max_text_chars=max_text_chars)

    def batch(self, items: Iterable[Item], *, batch_id=None, record_index=None, csv=False) -> ParsedBatch:
        batch = ParsedBatch(batch_id=batch_id, record_index=record_index)
        for result in self.results(items, record_index=record_index, csv=csv):
            batch.total_rows += 1
            if isinstance(result, list):
                batch.errors.extend(result)
            else:
                batch.rows.append(result)
        return batch

    def results(self, items: Iterable[Item], *, record_index=None, csv=False) -> Iterator[RequestRow | list[RowError]]:
        """Each row validated as it arrives; UploadRejected at the end when there was none."""
        where = "" if record_index is None else f"Records[{record_index}] "
        seen = 0
        for row, raw in items:
            seen += 1
            yield self._validate(row, raw, where, csv)
        if not seen:
            raise UploadRejected(f"{label(self.filename)} contains no requests", code="schema")

    def _validate(self, row: int, raw: Any, where: str, csv: bool):
        if isinstance(raw, Problem):
            return [RowError(row, raw.field, f"Row {row}: {raw.message}", None)]
        return self.validator.validate(row, raw, where=where, csv=csv)


def parse_upload(
    data: bytes,
    *,
    filename: str = "",
    max_items: int = DEFAULT_MAX_ITEMS,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    zip_limits: ZipLimits | None = None,
    default_state: str | None = None,
) -> ParsedUpload:
    """Parse a whole upload held in memory. Raises UploadRejected when the file is unusable.

    `zip_limits` and `default_state` matter only for a ZIP of documents (see zipformat):
    callers pass ZipLimits built from settings.ZIP_MAX_*, and the batch's default state."""
    data = bytes(data)
    check_size(len(data), max_bytes=max_bytes, filename=filename)
    upload = UploadState(filename=filename, max_items=max_items, max_text_chars=max_text_chars)
    if is_zip(data[:SNIFF_BYTES]):
        state = normalize_state(default_state) if default_state else None
        batch = parse_zip(data, upload=upload, limits=zip_limits or ZipLimits(), default_state=state)
        return ParsedUpload("zip", [batch])
    check_not_binary(data[:SNIFF_BYTES], filename=filename)
    text = decode(data, filename=filename)
    first = _first_char(text, filename)
    if first == "[":
        return _parse_list(upload, text)
    if first == "{":
        return _parse_object(upload, text)
    return ParsedUpload("csv", [upload.batch(csv_items(_lines(text), upload.budget, filename=filename), csv=True)])


def _first_char(text: str, filename: str) -> str:
    match = _NON_SPACE.search(text)
    if match is None:
        raise UploadRejected(f"{label(filename)} is empty (only whitespace)", code="empty")
    return match.group()


def _lines(text: str) -> Iterator[str]:
    return split_lines(text_chunks(text))


def _first_lines(lines: Iterable[str], count: int = 2) -> list[str]:
    found = []
    for line in lines:
        if line.strip():
            found.append(line)
            if len(found) == count:
                break
    return found


def _parse_list(upload: UploadState, text: str) -> ParsedUpload:
    requests = load_document(text)
    upload.budget.take(len(requests))
    return ParsedUpload("json-list", [upload.batch(list_items(requests))])


def _parse_object(upload: UploadState, text: str) -> ParsedUpload:
    first_lines = _first_lines(_lines(text))
    if looks_like_jsonl(first_lines):
        return _parse_jsonl(upload, _lines(text))
    document = load_document(text)
    if CONTAINER_KEYS <= document.keys():
        # Ambiguous (and a streaming reader could not tell which one wins before the end).
        raise UploadRejected("The JSON object has both 'Records' and 'batchRequests'; send one of them", code="schema")
    if "Records" in document:
        return _parse_event(upload, document)
    if "batchRequests" in document:
        return ParsedUpload("body", [_parse_body(upload, document, where="")])
    if len(first_lines) == 1:  # a single request on one line is a one-row JSON Lines file
        return _parse_jsonl(upload, _lines(text))
    raise UploadRejected(
        "The JSON object has neither 'Records' (an SQS event) nor 'batchRequests' (a batch body) "
        + describe_keys(document),
        code="schema",
    )


def _parse_event(upload: UploadState, event: dict[str, Any]) -> ParsedUpload:
    batches = [
        _parse_body(upload, body, where=f"Records[{index}].body", record_index=index)
        for index, body in event_batches(event)
    ]
    return ParsedUpload("sqs-event", batches)


def _parse_body(upload: UploadState, body: dict[str, Any], *, where: str, record_index=None) -> ParsedBatch:
    batch_id, requests = body_requests(body, where=where)
    upload.budget.take(len(requests))
    return upload.batch(list_items(requests), batch_id=batch_id, record_index=record_index)


def _parse_jsonl(upload: UploadState, lines: Iterable[str]) -> ParsedUpload:
    return ParsedUpload("jsonl", [upload.batch(jsonl_items(lines, upload.budget))])
