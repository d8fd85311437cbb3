"""BatchItems of an upload inserted one chunk at a time with ONE prepared statement.

`bulk_create` on SQLite is capped at 999 parameters (34 rows of 29 columns per INSERT) and
prepares every value through the ORM; at 100,000 rows that was half of the ingest's CPU.
Here the column list comes from the model (every concrete field, so a new field is never
forgotten) and the columns an upload does not set take the model's default, prepared once
per chunk; only the row's own values vary, and `executemany` sends them as tuples.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Field
from django.utils import timezone

from batches.analysis.guess import guess_reason
from batches.models import BatchItem, ItemStatus
from batches.parsing import RequestRow

# The columns an upload row sets; every other column gets its model default.
ROW_FIELDS = (
    "batch",
    "row_number",
    "analysis_id",
    "user_id",
    "user_selected_state",
    "user_form_data",
    "is_image_upload",
    "extracted_text",
    "reason_guess",
    "status",
)


def insert_fields(model=BatchItem) -> list[Field]:
    """Every concrete column except an auto-generated primary key."""
    return [f for f in model._meta.concrete_fields if not (f.primary_key and f.db_returning)]


def column_defaults(fields: Sequence[Field], *, now=None) -> list:
    """Each field's database value when an upload does not set it (auto_now(_add) = now)."""
    now = now or timezone.now()
    values = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        values.append(field.get_db_prep_save(value, connection))
    return values


def insert_sql(table: str, fields: Sequence[Field]) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    # Identifiers come from the model and are quoted; values are parameters.
    return f"INSERT INTO {quote(table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608


def items_insert(*, batch_id: int, rows: Sequence[RequestRow]) -> int:
    """Insert `rows` as PENDING (EXTRACTING for a document) items of the batch; returns the count.

    Call inside the ingest transaction. The analysisIds must already be checked as new."""
    if not rows:
        return 0
    fields = insert_fields()
    by_name = {f.name: i for i, f in enumerate(fields)}
    slots = [by_name[name] for name in ROW_FIELDS]
    form_field = fields[by_name["user_form_data"]]
    template = column_defaults(fields)
    params = []
    for row in rows:
        values = template.copy()
        status = ItemStatus.EXTRACTING if row.document is not None else ItemStatus.PENDING
        own = (
            batch_id,
            row.row,
            row.analysis_id,
            row.user_id or "",
            row.user_selected_state or "",
            form_field.get_db_prep_save(row.user_form_data, connection),  # JSON encoded once, as the ORM would
            row.is_image_upload,
            row.extracted_text,
            guess_reason(row.extracted_text),
            status.value,
        )
        for slot, value in zip(slots, own, strict=True):
            values[slot] = value
        params.append(values)
    with connection.cursor() as cursor:
        cursor.executemany(insert_sql(BatchItem._meta.db_table, fields), params)
    return len(rows)
