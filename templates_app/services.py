"""Writes for templates and rules: loading the shipped defaults idempotently, and reverting."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.urls import reverse

from templates_app.models import EvictionTemplate, StateNoticeRule

# Each defaults-managed row records the fingerprint of the shipped default it was last
# written from (`default_checksum`), so the loader can tell "untouched since loading" (the row
# still hashes to it: safe to upgrade to a newer default) from a staff edit (keep it).
TEMPLATE_KEY = ("state", "reason", "template_type")
TEMPLATE_MANAGED = ("title", "content", "metadata")
RULE_KEY = ("state", "reason", "effective_date")
_NOT_CONTENT = {"id", "updated_at", "default_checksum"}
CREATED_REASON = "Shipped default loaded"
UPGRADED_REASON = "Updated to the new shipped default"
FORCED_REASON = "Reset to the shipped default (--force)"


@dataclass
class LoadReport:
    """What one load did, row by row category. `review` names the staff-edited rows whose
    shipped default changed since they were loaded (a newer default exists for them)."""

    created: int = 0
    updated: int = 0
    reset: int = 0
    unchanged: int = 0
    kept_edits: int = 0
    marked_reviewed: int = 0
    review: list[str] = field(default_factory=list)


def managed_fields(model) -> list:
    """The fields a shipped default sets (not the key, not bookkeeping)."""
    if model is EvictionTemplate:
        return [model._meta.get_field(name) for name in TEMPLATE_MANAGED]
    return [f for f in model._meta.concrete_fields if f.name not in (*RULE_KEY, *_NOT_CONTENT)]


def default_fingerprint(model, values: dict) -> str:
    """sha256 of the managed values that differ from their field's default, as canonical JSON.
    A missing value means the default, and a field added later with its default leaves every
    fingerprint as it was. Migration 0010 holds a frozen copy: change both or neither."""
    canonical = {}
    for f in managed_fields(model):
        value = f.to_python(values.get(f.name, f.get_default()))
        if value != f.get_default():
            canonical[f.name] = value
    text = json.dumps(canonical, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def row_fingerprint(obj) -> str:
    return default_fingerprint(type(obj), {f.name: getattr(obj, f.name) for f in managed_fields(type(obj))})


def templates_load_defaults(*, templates: list[dict], force: bool = False, reviewed: bool = False) -> LoadReport:
    """Create missing default templates and upgrade untouched ones to a changed default.
    Staff edits are kept and listed for review when their default changed; `reviewed` marks
    them reviewed against the current default (listed again only when it changes again);
    `force` resets them to the default instead."""
    report = LoadReport()
    with transaction.atomic():
        for spec in templates:
            key = {k: spec[k] for k in TEMPLATE_KEY}
            values = {"title": spec.get("title", ""), "content": spec["content"], "metadata": spec.get("metadata", {})}
            _load_one(EvictionTemplate, key=key, values=values, force=force, reviewed=reviewed, report=report)
    return report


def rules_load_defaults(*, rules: list[dict], force: bool = False, reviewed: bool = False) -> LoadReport:
    """The same for state notice rules, keyed by (state, reason, effective_date)."""
    report = LoadReport()
    with transaction.atomic():
        for spec in rules:
            key = {k: spec[k] for k in RULE_KEY}
            key["effective_date"] = date.fromisoformat(spec["effective_date"])
            values = {k: v for k, v in spec.items() if k not in RULE_KEY}
            _load_one(StateNoticeRule, key=key, values=values, force=force, reviewed=reviewed, report=report)
    return report


def _load_one(model, *, key: dict, values: dict, force: bool, reviewed: bool, report: LoadReport) -> None:
    """Create, upgrade (untouched row, changed default), count unchanged, keep a staff edit,
    or with `force` reset it; tally the outcome in `report`."""
    shipped = default_fingerprint(model, values)
    obj = model.objects.filter(**key).first()
    if obj is None:
        _write(model(**key), values=values, checksum=shipped, reason=CREATED_REASON)
        report.created += 1
        return
    current = row_fingerprint(obj)
    if current == shipped:
        if obj.default_checksum != shipped:  # equal to the default: record where it stands
            model.objects.filter(pk=obj.pk).update(default_checksum=shipped)  # bookkeeping: no version
        report.unchanged += 1
    elif current == obj.default_checksum:
        _write(obj, values=values, checksum=shipped, reason=UPGRADED_REASON)
        report.updated += 1
    elif force:
        _write(obj, values=values, checksum=shipped, reason=FORCED_REASON)
        report.reset += 1
    else:
        _keep(obj, shipped=shipped, reviewed=reviewed, report=report)


def _keep(obj, *, shipped: str, reviewed: bool, report: LoadReport) -> None:
    """A staff edit stays. Its checksum is the default it was last loaded from or reviewed
    against: when that is not the current default, staff have a newer default to look at."""
    report.kept_edits += 1
    if obj.default_checksum == shipped:
        return
    if reviewed:
        # The row's content still differs from the checksum, so it stays a staff edit.
        type(obj).objects.filter(pk=obj.pk).update(default_checksum=shipped)  # bookkeeping: no version
        report.marked_reviewed += 1
    else:
        report.review.append(_review_label(obj))


def _write(obj, *, values: dict, checksum: str, reason: str) -> None:
    """save(), not update(): simple-history records the write with `reason`, a template gets
    a new version (so pinned batches keep theirs) and the cache drops it after commit."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.default_checksum = checksum
    obj._change_reason = reason
    obj.save()


def _review_label(obj) -> str:
    if isinstance(obj, EvictionTemplate):
        key = f"{obj.state}/{obj.reason}/{obj.template_type}"
    else:
        key = f"{obj.state}/{obj.reason} from {obj.effective_date:%Y-%m-%d}"
    meta = obj._meta
    return f"{key}: {reverse(f'admin:{meta.app_label}_{meta.model_name}_change', args=[obj.pk])}"


def template_revert(*, template: EvictionTemplate, record, user=None) -> bool:
    """Make the content, metadata and title of history `record` the template's NEW version
    (versions only go up; the active flag stays as it is). Returns False when the template
    already has that content, so no version is made."""
    if record.id != template.pk:
        raise ValueError("The history record belongs to another template.")
    if all(getattr(template, f) == getattr(record, f) for f in TEMPLATE_MANAGED):
        return False
    for name in TEMPLATE_MANAGED:
        setattr(template, name, getattr(record, name))
    template._change_reason = f"Reverted to version {record.version}"
    if user is not None:
        template._history_user = user
    template.save()
    return True
