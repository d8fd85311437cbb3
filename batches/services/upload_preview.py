"""The admin upload's first step, streamed: stash the uploaded file, then compute what the
preview page shows (counts, items per state and per reason guess, the first row errors)
from `parsing.stream_upload` over the stash, one row at a time.

Memory holds one chunk of rows (INSERT_CHUNK, for the analysisId look-up) and at most
2 x `max_errors` row errors, never the file or its rows. Nothing is written to the batch
tables; the only writes are the stash file and, for a refused upload, an IngestRejection
(reason only).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from batches.analysis.guess import guess_reason
from batches.models import Batch
from batches.parsing import BatchEnd, BatchStart, RequestRow, RowError, UploadEvent
from batches.parsing.sniff import label
from batches.services.ingest import BatchRejected, upload_events
from batches.services.upload_writer import INSERT_CHUNK, existing_id_errors
from ingestion.services import rejection_create_from_admin, rejection_reason

# A ZIP's entry names are user input too (`zipsafety.entry_label` quotes them after these words).
_ENTRY_NAME = re.compile(r"""\b(entry|entries|names|and) ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


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


def upload_preview_stream(*, fileobj: BinaryIO, filename: str, max_errors: int = 300) -> UploadPreview:
    """The preview of the file, read one row at a time: the first `max_errors` row errors by
    (row, field) and every count. Raises BatchRejected when the whole file is unusable (the
    messages of `ingest.upload_parse`)."""
    tally = _PreviewTally(max_errors=max_errors)
    for event in upload_events(fileobj, filename=filename):
        tally.add(event)
    return tally.result()


class _PreviewTally:
    """Counts the events of one upload: valid rows per state and reason guess, the errors."""

    def __init__(self, *, max_errors: int) -> None:
        self.max_errors = max_errors
        self.format, self.total, self.valid, self.error_count = "", 0, 0, 0
        self.batch_ids: list[str] = []
        self.states: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self._chunk: list[RequestRow] = []
        self._errors: list[tuple[int, str, int, RowError]] = []  # (row, field, arrival, error)

    def add(self, event: UploadEvent) -> None:
        if isinstance(event, BatchStart):
            self.format = event.format
        elif isinstance(event, BatchEnd):
            self._flush()
            self.total += event.total_rows
            self.batch_ids.append(event.batch_id or "")
        elif isinstance(event, list):
            self._keep(event)
        else:
            self._chunk.append(event)
            if len(self._chunk) >= INSERT_CHUNK:
                self._flush()

    def _flush(self) -> None:
        rows, self._chunk = self._chunk, []
        taken = existing_id_errors(rows)  # analysisIds already ingested: row errors, as in upload_parse
        self._keep(taken)
        bad = {error.row for error in taken}
        for row in rows:
            if row.row not in bad:
                self.valid += 1
                self.states[row.user_selected_state or "(none given)"] += 1
                self.reasons[guess_reason(row.extracted_text)] += 1

    def _keep(self, errors: Sequence[RowError]) -> None:
        """Keep the first `max_errors` by (row, field), ties in arrival order (a stable sort)."""
        for error in errors:
            self._errors.append((error.row, error.field or "", self.error_count, error))
            self.error_count += 1
        if len(self._errors) > 2 * self.max_errors:
            self._errors = sorted(self._errors)[: self.max_errors]

    def result(self) -> UploadPreview:
        errors = [kept[-1] for kept in sorted(self._errors)[: self.max_errors]]
        return UploadPreview(
            format=self.format,
            total_rows=self.total,
            valid_rows=self.valid,
            invalid_rows=self.total - self.valid,
            batch_count=len(self.batch_ids),
            batch_ids=self.batch_ids,
            by_state=self.states.most_common(),
            by_reason=self.reasons.most_common(),
            errors=errors,
            error_count=self.error_count,
        )


def upload_rejection_record(*, exc: BatchRejected, filename: str, batch_ids: Sequence[str] = ()) -> None:
    """Record a staff upload refused by validation, as the SQS feed and the API record theirs:
    the reason only (row and field messages), never the file, its notice text or form data.
    The filename and a ZIP's entry names are user input that may name a tenant, so the
    reason says "The file" and "[name withheld]" instead."""
    reason = rejection_reason(message=exc.message, errors=exc.errors)
    if filename:
        reason = reason.replace(label(filename), "The file")
    reason = _ENTRY_NAME.sub(r"\1 [name withheld]", reason)
    ids = [batch_id for batch_id in batch_ids if batch_id]
    # A rejection without row errors, of a file whose batchId exists, is the batchId conflict.
    existing = None
    if ids and not exc.errors:
        existing = Batch.objects.filter(external_id__in=ids).values_list("external_id", flat=True).first()
    external_id = existing or (ids[0] if len(ids) == 1 else "")
    rejection_create_from_admin(reason=reason, duplicate=existing is not None, external_id=external_id)
