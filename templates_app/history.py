"""Readable differences between two saved versions of a template or rule (pure)."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "hunk", "ctx", "file"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    field: str
    lines: list[DiffLine]
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def as_text(value: object) -> str:
    """A field value as diffable text: JSON pretty-printed with sorted keys."""
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    return "" if value is None else str(value)


def field_diff(field: str, old: object, new: object, *, old_label: str, new_label: str) -> FieldDiff:
    old_text, new_text = as_text(old), as_text(new)
    raw = difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), fromfile=old_label, tofile=new_label, lineterm="", n=3
    )
    return FieldDiff(field, [_classify(line) for line in raw], old_text, new_text)


def _classify(line: str) -> DiffLine:
    if line.startswith(("---", "+++")):
        return DiffLine("file", line)
    if line.startswith("@@"):
        return DiffLine("hunk", line)
    if line.startswith("+"):
        return DiffLine("add", line)
    if line.startswith("-"):
        return DiffLine("del", line)
    return DiffLine("ctx", line)


def record_label(record) -> str:
    """'version 3' for templates; the save time for rules (they have no version number)."""
    if record is None:
        return "before"
    if hasattr(record, "version"):
        return f"version {record.version}"
    return f"saved {record.history_date:%Y-%m-%d %H:%M:%S}"


def records_diff(old, new, fields: list[str]) -> list[FieldDiff]:
    """Per-field diffs between two history records (`old` may be None: everything is new)."""
    old_label, new_label = record_label(old), record_label(new)
    return [
        field_diff(
            name,
            getattr(old, name) if old is not None else "",
            getattr(new, name),
            old_label=old_label,
            new_label=new_label,
        )
        for name in fields
    ]
