"""Turn each JSON shape into (row number, raw request) items; container errors reject the file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import Problem, UploadRejected
from .strictjson import JsonProblem, loads_strict
from .validation import MAX_ID_CHARS, echo, type_name

Item = tuple[int, Any]  # (row, dict | Problem)
CONTAINER_KEYS = frozenset({"Records", "batchRequests"})


class ItemBudget:
    """Counts requests across the whole file so max_items is checked before validation work."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0

    def take(self, n: int = 1) -> None:
        self.count += n
        if self.count > self.limit:
            raise UploadRejected(
                f"The file has more than {self.limit:,} requests (the limit per upload)",
                code="too_many_items",
            )


def load_document(text: str, *, root: str = "", what: str = "The file") -> Any:
    """A whole JSON document, or UploadRejected naming line/column or JSON path."""
    try:
        return loads_strict(text, root=root)
    except JsonProblem as problem:
        if problem.code != "malformed_json":
            raise UploadRejected(f"{what} is rejected: {problem.describe()}", code=problem.code) from None
        hint = " (the file looks truncated)" if problem.truncated else ""
        raise UploadRejected(f"{what} is not valid JSON: {problem.describe()}{hint}", code=problem.code) from None


def looks_like_jsonl(first_lines: list[str]) -> bool:
    """JSON Lines when one of the first two non-blank lines is, alone, a request object.

    A pretty-printed document starts with '{' or '{"Records": [' which never parses alone,
    and a one-line SQS event or body is a container, not a request."""
    if len(first_lines) < 2:
        return False
    for line in first_lines[:2]:
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, dict) and not CONTAINER_KEYS & value.keys():
            return True
    return False


def event_batches(event: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(record index, body) for each SQS Record; a body may be an object or a JSON string."""
    records = event["Records"]
    if not isinstance(records, list) or not records:
        raise UploadRejected("Records must be a non-empty list of SQS records", code="schema")
    for index, record in enumerate(records):
        where = f"Records[{index}]"
        if not isinstance(record, dict) or "body" not in record:
            raise UploadRejected(f"{where} has no body", code="schema")
        body = record["body"]
        if isinstance(body, str):
            body = load_document(body, root=f"{where}.body", what=f"{where}.body (a JSON string)")
        if not isinstance(body, dict):
            raise UploadRejected(
                f"{where}.body must be an object or a JSON string holding one, got {type_name(body)}",
                code="schema",
            )
        yield index, body


def body_requests(body: dict[str, Any], *, where: str) -> tuple[str | None, list[Any]]:
    """(batchId, batchRequests) of one batch body, checked as containers."""
    prefix = f"{where}." if where else ""
    requests = body.get("batchRequests")
    if requests is None:
        raise UploadRejected(f"{prefix}batchRequests is missing from the batch body", code="schema")
    if not isinstance(requests, list):
        raise UploadRejected(f"{prefix}batchRequests must be a list, got {type_name(requests)}", code="schema")
    if not requests:
        raise UploadRejected(f"{prefix}batchRequests is empty: the batch has no requests", code="schema")
    processing = body.get("batchProcessing")
    if processing is not None and not isinstance(processing, bool):
        raise UploadRejected(f"{prefix}batchProcessing must be true or false", code="schema")
    return _batch_id(body.get("batchId"), prefix), requests


def _batch_id(value: Any, prefix: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise UploadRejected(f"{prefix}batchId must be a string, got {type_name(value)}", code="schema")
    value = value.strip()
    if len(value) > MAX_ID_CHARS or not value.isprintable():
        raise UploadRejected(f"{prefix}batchId must be at most {MAX_ID_CHARS} printable characters", code="schema")
    return value or None


def list_items(requests: list[Any]) -> Iterator[Item]:
    """Rows of a JSON array: the 1-based index; a non-object item is a row error."""
    for index, value in enumerate(requests, 1):
        yield index, value if isinstance(value, dict) else _not_object(value)


def jsonl_items(lines: Iterable[str], budget: ItemBudget) -> Iterator[Item]:
    """Rows of JSON Lines: the line number. A bad line is that row's error, not the file's."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        budget.take()
        try:
            value = loads_strict(line.rstrip("\r\n"))
        except JsonProblem as problem:
            yield number, Problem(None, f"line is not valid JSON: {_column_only(problem)}")
            continue
        yield number, value if isinstance(value, dict) else _not_object(value)


def _column_only(problem: JsonProblem) -> str:
    return problem.describe().replace("at line 1, column", "at column")


def _not_object(value: Any) -> Problem:
    return Problem(None, f"expected a request object, got {type_name(value)}")


def describe_keys(value: dict[str, Any]) -> str:
    keys = ", ".join(echo(key, 30) for key in list(value)[:5])
    return f"(its keys: {keys})" if keys else "(it is empty)"
