"""ZIP uploads: an archive of notice documents (.txt, .pdf, .png, .jpg/.jpeg, .tif/.tiff),
with an optional manifest.csv giving each file's request fields.

Rows: one per member, numbered by the member's 1-based position in the archive (the
manifest and skipped entries keep their numbers, so row N is always the N-th entry).
A manifest row naming a file that is not in the archive gets a row number after the last
entry. `.txt` members become `extracted_text` directly (strict UTF-8); PDFs and images
become rows whose `document` carries the bytes and an empty `extracted_text` (the worker
extracts the text later).

analysisId: the manifest's optional `analysisId` column, else `<first 12 hex digits of the
ZIP's SHA-256>-<entry number>`, so uploading the same archive twice is caught as duplicates.
State: the manifest's `userSelectedState`, else the caller's `default_state`, else none
(the analyzer reads it from the text).

Directory entries, `__MACOSX/` resource forks and `.DS_Store` files are skipped silently.
Whole-archive rejections (UploadRejected): see zipsafety (limits, names, encryption, nested
archives, bombs) plus an unreadable manifest. Per-member problems are row errors: an
unsupported extension, content that does not match the extension, undecodable text, a
member without a manifest row, a manifest row without a member.
"""

from __future__ import annotations

import csv
import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any

from .documents import EXTENSION_KINDS, EXTENSION_MAGIC, STORED_EXTENSIONS, DocumentRef
from .errors import RowError, UploadRejected
from .results import ParsedBatch
from .sniff import label
from .zipsafety import ARCHIVE_MAGIC, ZipLimits, check_archive, entry_label, open_archive, read_capped

MANIFEST_NAME = "manifest.csv"
MANIFEST_FIELDS = ("filename", "userSelectedState", "tenantName", "landlordName", "userId", "analysisId")
_FORM_FIELDS = ("tenantName", "landlordName")
_SKIPPED_PREFIXES = ("__MACOSX/",)
_SKIPPED_NAMES = (".DS_Store",)


def is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06")) and b"[Content_Types].xml" not in head


@dataclass
class _Member:
    index: int
    info: zipfile.ZipInfo
    data: bytes = field(repr=False, default=b"")


def parse_zip(data: bytes, *, upload, limits: ZipLimits, default_state: str | None) -> ParsedBatch:
    """One ParsedBatch for the whole archive. `upload` is api._Upload (budget, validator)."""
    filename = upload.filename
    archive = open_archive(data, filename=filename)
    with archive:
        infos = archive.infolist()
        check_archive(infos, filename=filename, limits=limits)
        members, manifest_data = _read_members(archive, infos, filename=filename, limits=limits)
    if not members and manifest_data is None:
        raise UploadRejected(f"{label(filename)} contains no documents", code="schema")
    manifest = _parse_manifest(manifest_data, filename=filename) if manifest_data is not None else None
    extra = len(manifest.unmatched(members)) + len(manifest.problems) if manifest else 0
    upload.budget.take(len(members) + extra)
    builder = _RowBuilder(upload, zip_prefix=hashlib.sha256(data).hexdigest()[:12], default_state=default_state)
    batch = ParsedBatch(batch_id=None)
    for member in members:
        builder.add(batch, member, manifest)
    if manifest:
        _manifest_errors(batch, manifest, members, first_row=len(infos) + 1)
    if not batch.total_rows:
        raise UploadRejected(f"{label(filename)} contains no documents", code="schema")
    return batch


def _manifest_errors(batch: ParsedBatch, manifest: _Manifest, members: list[_Member], *, first_row: int) -> None:
    """Manifest lines that match no entry become rows of their own, numbered after the entries."""
    missing = manifest.unmatched(members)
    problems = [(line, f"names {entry_label(name)}, which is not in the archive") for line, name in missing]
    problems.extend(manifest.problems)
    for row, (line, message) in enumerate(sorted(problems), first_row):
        batch.total_rows += 1
        batch.errors.append(RowError(row, "filename", f"Row {row}: {MANIFEST_NAME} line {line} {message}"))


def _read_members(archive, infos, *, filename: str, limits: ZipLimits) -> tuple[list[_Member], bytes | None]:
    members: list[_Member] = []
    manifest: bytes | None = None
    remaining = limits.max_total_bytes
    for index, info in enumerate(infos, 1):
        if info.is_dir() or _skipped(info.filename):
            continue
        cap = min(info.file_size, limits.max_entry_bytes, remaining)
        content = read_capped(archive, info, cap=cap, filename=filename)
        remaining -= len(content)
        if content.startswith(ARCHIVE_MAGIC):
            name = entry_label(info.filename)
            raise UploadRejected(
                f"{label(filename)}: entry {name} is an archive; nested archives are not accepted", code="zip_nested"
            )
        if info.filename.casefold() == MANIFEST_NAME:
            manifest = content
        else:
            members.append(_Member(index, info, content))
    return members, manifest


def _skipped(name: str) -> bool:
    return name.startswith(_SKIPPED_PREFIXES) or posixpath.basename(name) in _SKIPPED_NAMES


@dataclass
class _Manifest:
    rows: dict[str, tuple[int, dict[str, str]]]  # member name -> (line, fields)
    problems: list[tuple[int, str]]  # (line, message) for lines that cannot be used

    def unmatched(self, members: list[_Member]) -> list[tuple[int, str]]:
        present = {member.info.filename for member in members}
        return sorted((line, name) for name, (line, _) in self.rows.items() if name not in present)


def _parse_manifest(data: bytes, *, filename: str) -> _Manifest:
    where = f"{label(filename)}: {MANIFEST_NAME}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected(f"{where} is not valid UTF-8 (byte offset {exc.start:,})", code="zip_manifest") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    if "filename" not in header:
        columns = ", ".join(MANIFEST_FIELDS)
        raise UploadRejected(f"{where} has no 'filename' column (columns: {columns})", code="zip_manifest")
    reader.fieldnames = header
    rows: dict[str, tuple[int, dict[str, str]]] = {}
    problems: list[tuple[int, str]] = []
    try:
        for record in reader:
            line = reader.line_num
            name = (record.get("filename") or "").strip()
            if not name:
                continue
            if name in rows:
                problems.append((line, f"names {entry_label(name)} again (first on line {rows[name][0]})"))
                continue
            fields = {key: (value or "").strip() for key, value in record.items() if key in MANIFEST_FIELDS}
            rows[name] = (line, fields)
    except csv.Error as exc:
        raise UploadRejected(f"{where} is not valid CSV ({exc})", code="zip_manifest") from None
    return _Manifest(rows, problems)


class _RowBuilder:
    def __init__(self, upload, *, zip_prefix: str, default_state: str | None) -> None:
        self.upload = upload
        self.zip_prefix = zip_prefix
        self.default_state = default_state

    def add(self, batch: ParsedBatch, member: _Member, manifest: _Manifest | None) -> None:
        batch.total_rows += 1
        row = member.index
        name = member.info.filename
        fields: dict[str, str] = {}
        if manifest is not None:
            entry = manifest.rows.get(name)
            if entry is None:
                batch.errors.append(_member_error(row, name, f"has no row in {MANIFEST_NAME}", field="filename"))
                return
            fields = entry[1]
        content = self._content(row, member)
        if isinstance(content, RowError):
            batch.errors.append(content)
            return
        text, document = content
        result = self.upload.validator.validate(row, self._raw(row, fields, text, document), document=document)
        if isinstance(result, list):
            batch.errors.extend(result)
        else:
            batch.rows.append(result)

    def _content(self, row: int, member: _Member) -> tuple[str, DocumentRef | None] | RowError:
        name = member.info.filename
        extension = posixpath.splitext(name)[1].lower()
        if extension == ".txt":
            try:
                return member.data.decode("utf-8-sig"), None
            except UnicodeDecodeError as exc:
                return _member_error(row, name, f"is not valid UTF-8 text (byte offset {exc.start:,})")
        if extension not in EXTENSION_KINDS:
            supported = ".txt, .pdf, .png, .jpg, .jpeg, .tif, .tiff"
            return _member_error(row, name, f"has an unsupported file type (supported: {supported})")
        if not member.data.startswith(EXTENSION_MAGIC[extension]):
            return _member_error(row, name, f"is named {extension} but its content is not a {extension[1:].upper()}")
        document = DocumentRef(
            member_name=entry_label(name),
            kind=EXTENSION_KINDS[extension],
            extension=STORED_EXTENSIONS[extension],
            size=len(member.data),
            sha256=hashlib.sha256(member.data).hexdigest(),
            data=member.data,
        )
        return "", document

    def _raw(self, row: int, fields: dict[str, str], text: str, document: DocumentRef | None) -> dict[str, Any]:
        form = {key: fields[key] for key in _FORM_FIELDS if fields.get(key)}
        return {
            "analysisId": fields.get("analysisId") or f"{self.zip_prefix}-{row}",
            "extractedText": text,
            "userSelectedState": fields.get("userSelectedState") or self.default_state,
            "userFormData": form,
            "isImageUpload": document is not None and document.kind == "image",
            "userId": fields.get("userId") or None,
        }


def _member_error(row: int, name: str, message: str, *, field: str = "file") -> RowError:
    return RowError(row, field, f"Row {row}: entry {entry_label(name)} {message}")
