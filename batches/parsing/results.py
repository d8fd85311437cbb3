"""What a successful parse returns: valid rows, row errors, and the totals both admin and CLI read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .documents import DocumentRef
from .errors import RowError


@dataclass(frozen=True)
class RequestRow:
    """One valid notice request, normalised (state as a USPS code, text in NFC).

    `document` is set only for a PDF/image member of a ZIP upload; its `extracted_text` is
    then empty until the worker extracts the text."""

    row: int
    analysis_id: str
    extracted_text: str
    user_selected_state: str | None
    user_form_data: dict[str, str]
    is_image_upload: bool
    user_id: str | None
    document: DocumentRef | None = None


@dataclass
class ParsedBatch:
    """One batch: every row seen is either in `rows` (valid) or named by `errors` (invalid)."""

    batch_id: str | None
    rows: list[RequestRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total_rows: int = 0
    record_index: int | None = None  # Records[i] for SQS events, None otherwise

    @property
    def valid_rows(self) -> int:
        return len(self.rows)

    @property
    def invalid_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def counts_by_state(self) -> dict[str | None, int]:
        """Valid rows per normalised state code (None = no state given)."""
        return dict(Counter(row.user_selected_state for row in self.rows))


@dataclass(frozen=True)
class BatchStart:
    """Streaming: the rows that follow belong to a new batch (one per SQS Record)."""

    format: str
    record_index: int | None = None


@dataclass(frozen=True)
class BatchEnd:
    """Streaming: the batch's last row has been seen. Its batchId may follow its requests
    in the JSON, so it is final only here."""

    batch_id: str | None
    total_rows: int


# What stream_upload yields: BatchStart, then per row a RequestRow or that row's RowErrors, then BatchEnd.
UploadEvent = BatchStart | RequestRow | list[RowError] | BatchEnd


@dataclass
class ParsedUpload:
    """A whole file: one batch per SQS Record, exactly one for every other format."""

    format: str  # "sqs-event" | "body" | "json-list" | "jsonl" | "csv" | "zip"
    batches: list[ParsedBatch]

    @property
    def total_rows(self) -> int:
        return sum(batch.total_rows for batch in self.batches)

    @property
    def valid_rows(self) -> int:
        return sum(batch.valid_rows for batch in self.batches)

    @property
    def invalid_rows(self) -> int:
        return sum(batch.invalid_rows for batch in self.batches)

    @property
    def has_errors(self) -> bool:
        return any(batch.errors for batch in self.batches)

    @property
    def rows(self) -> list[RequestRow]:
        return [row for batch in self.batches for row in batch.rows]

    @property
    def errors(self) -> list[RowError]:
        return [error for batch in self.batches for error in batch.errors]

    @property
    def counts_by_state(self) -> dict[str | None, int]:
        total: Counter[str | None] = Counter()
        for batch in self.batches:
            total.update(batch.counts_by_state)
        return dict(total)
