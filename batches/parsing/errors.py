"""The two kinds of failure an upload can have: the whole file is unusable, or one row is."""

from __future__ import annotations

from dataclasses import dataclass


class UploadRejected(Exception):
    """The whole file is unusable; nothing from it may be stored.

    `message` is written for staff: it names what is wrong and where (line/column, record
    index, JSON path) and never contains notice text. `code` is a stable machine-readable
    reason (e.g. "empty", "too_large", "binary", "zip", "encoding", "malformed_json",
    "too_deep", "non_finite", "duplicate_key", "too_many_items", "schema", "csv_header").
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class RowError:
    """One problem with one row. A row may have several; the other rows still parse."""

    row: int
    field: str | None
    message: str
    analysis_id: str | None = None


@dataclass(frozen=True)
class Problem:
    """A row-level problem found before field validation (bad JSONL line, ragged CSV row)."""

    field: str | None
    message: str
