"""Storing the documents of a ZIP upload: through `default_storage` (local media or S3),
under generated names (documents/YYYY/MM/<uuid>.<ext>), never under the member's name."""

from __future__ import annotations

import contextlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from batches.models import Batch, BatchItem, ItemDocument


class StoredDocuments:
    """Names written during one ingest, so a rolled-back transaction leaves no files behind
    (storage writes are not part of the database transaction)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def discard(self) -> None:
        for name in self.names:
            with contextlib.suppress(OSError):
                default_storage.delete(name)
        self.names.clear()


def item_documents_create(*, batch: Batch, rows, stored: StoredDocuments) -> int:
    """One ItemDocument per row that carries a document (rows already bulk-created as items).

    Call inside the ingest transaction; returns how many were created."""
    with_documents = {row.row: row.document for row in rows if row.document is not None}
    if not with_documents:
        return 0
    item_ids = dict(
        BatchItem.objects.filter(batch=batch, row_number__in=list(with_documents)).values_list("row_number", "pk")
    )
    documents = []
    for row_number, ref in with_documents.items():
        document = ItemDocument(
            item_id=item_ids[row_number],
            original_name=ref.member_name[:300],
            kind=ref.kind,
            size=ref.size,
            sha256=ref.sha256,
        )
        # The name given here only carries the extension; upload_to makes the real one.
        document.file.save(f"document.{ref.extension}", ContentFile(ref.data), save=False)
        stored.names.append(document.file.name)
        documents.append(document)
    ItemDocument.objects.bulk_create(documents)
    return len(documents)
