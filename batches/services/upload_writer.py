"""Writes the events of one upload (parsing.stream_upload) as Batches and BatchItems, one
chunk at a time, inside the caller's transaction.

Rows are validated as they arrive and inserted INSERT_CHUNK at a time, so memory holds one
chunk. Once any row is bad (and `skip_invalid` is off) nothing more is inserted, but every
later row is still validated so the rejection names them all; `finish` then raises
BatchRejected and the caller's transaction rolls back whatever was inserted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from batches.extraction.storage import StoredDocuments, item_documents_create
from batches.models import Analyzer, Batch, BatchItem, BatchStatus
from batches.parsing import BatchEnd, BatchStart, RequestRow, RowError, UploadEvent
from batches.services.item_insert import items_insert

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


class UploadWriter:
    """Feed it every event with `add`, then call `finish` (returns the batches or raises).

    `checked`: the rows' analysisIds were already looked up (an `upload_parse` result)."""

    def __init__(self, *, options: UploadOptions, filename: str, stored: StoredDocuments, checked: bool = False):
        self.options, self.filename, self.stored, self.checked = options, filename, stored, checked
        self.batches: list[Batch] = []
        self.errors: list[RowError] = []
        self.batch_count = self.valid = 0
        self.conflict: str | None = None  # why the batchIds refuse the upload
        self._batch_ids: list[str] = []
        self._start = BatchStart("")
        self._batch: Batch | None = None
        self._chunk: list[RequestRow] = []
        self._row_errors: list[RowError] = []
        self._id_errors: list[RowError] = []

    def add(self, event: UploadEvent) -> None:
        if isinstance(event, BatchStart):
            self._start, self._batch, self.batch_count = event, None, self.batch_count + 1
        elif isinstance(event, BatchEnd):
            self._end(event)
        elif isinstance(event, list):
            self._row_errors.extend(event)
        else:
            self._chunk.append(event)
            if len(self._chunk) >= INSERT_CHUNK:
                self._flush()

    def finish(self) -> list[Batch]:
        upload_refuse(errors=self.errors, valid=self.valid, skip_invalid=self.options.skip_invalid)
        if self.conflict:
            raise BatchRejected(self.conflict)
        return self.batches

    @property
    def _doomed(self) -> bool:
        """Nothing more needs writing: the transaction will be rolled back."""
        failed = self.errors or self._row_errors or self._id_errors
        return bool(failed and not self.options.skip_invalid) or self.conflict is not None

    def _flush(self) -> None:
        rows, self._chunk = self._chunk, []
        if not self.checked:
            found = existing_id_errors(rows)
            if found:
                self._id_errors.extend(found)
                taken = {error.row for error in found}
                rows = [row for row in rows if row.row not in taken]
        self.valid += len(rows)
        if not rows or self._doomed:
            return
        if self._batch is None:
            self._batch = self._create()
        items_insert(batch_id=self._batch.pk, rows=rows)
        item_documents_create(batch=self._batch, rows=rows, stored=self.stored)

    def _end(self, end: BatchEnd) -> None:
        self._flush()
        # Old order: a batch's parse errors, then its already-ingested analysisIds.
        self.errors.extend(self._row_errors + self._id_errors)
        self._row_errors, self._id_errors = [], []
        if end.batch_id and self.conflict is None:
            # Looked up before this batch takes the id, so a repeat within the file is named as one.
            self._batch_ids.append(end.batch_id)
            self.conflict = batch_id_conflict(self._batch_ids[-1:], earlier=self._batch_ids[:-1])
        if self._batch is not None and end.batch_id and not self._doomed:
            # The batchId may follow the requests in the JSON: known only now.
            self._batch.external_id = end.batch_id
            self._batch.name = self.options.name or end.batch_id
            Batch.objects.filter(pk=self._batch.pk).update(external_id=end.batch_id, name=self._batch.name)

    def _create(self) -> Batch:
        options = self.options
        batch = Batch.objects.create(
            name=options.name or self.filename or "Uploaded batch",
            external_id=None,
            analyzer=options.analyzer,
            concurrency=batch_concurrency(options.concurrency),
            source_format=self._start.format,
            source_name=(self.filename or "")[:255],
            created_by=options.user if getattr(options.user, "pk", None) else None,
            status=BatchStatus.DRAFT,
        )
        self.batches.append(batch)
        return batch


def upload_refuse(*, errors: list[RowError], valid: int, skip_invalid: bool) -> None:
    """BatchRejected when the rows refuse the upload (the writer's rule, and the dry check's)."""
    if errors and not skip_invalid:
        raise BatchRejected(f"{len(errors)} invalid row(s); nothing was created.", errors)
    if not valid:
        raise BatchRejected("The file contains no valid notices; nothing was created.", errors)


def batch_concurrency(requested: int) -> int:
    value = requested or settings.BATCH_CONCURRENCY
    return max(1, min(int(value), settings.BATCH_MAX_CONCURRENCY))


def batch_id_conflict(batch_ids: Sequence[str], *, earlier: Sequence[str] = ()) -> str | None:
    """Why these batchIds refuse the upload (one repeated in the file, or already ingested), or None."""
    repeated = next((i for n, i in enumerate(batch_ids) if i in earlier or i in batch_ids[:n]), None)
    if repeated is not None:
        return f"batchId {repeated!r} appears in more than one Record; nothing was created."
    existing = Batch.objects.filter(external_id__in=batch_ids).values_list("external_id", "pk").first()
    if existing is not None:
        return f"batchId {existing[0]!r} was already ingested as batch #{existing[1]}; nothing was created."
    return None


def existing_id_errors(rows: list[RequestRow]) -> list[RowError]:
    """analysisId is unique across batches: a re-submitted request is a row error."""
    by_id = {row.analysis_id: row for row in rows}
    ids = list(by_id)
    limit = connection.features.max_query_params  # SQLite: 999 bound values per statement
    step = INSERT_CHUNK if limit is None else min(INSERT_CHUNK, limit - 99)
    errors = []
    for start in range(0, len(ids), step):
        found = BatchItem.objects.filter(analysis_id__in=ids[start : start + step])
        for analysis_id, batch_id in found.values_list("analysis_id", "batch_id"):
            row = by_id[analysis_id]
            message = f"Row {row.row}: analysisId {analysis_id!r} was already ingested in batch #{batch_id}."
            errors.append(RowError(row=row.row, field="analysisId", message=message, analysis_id=analysis_id))
    return errors
