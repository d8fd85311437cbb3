"""Writes for templates and rules: loading the defaults idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from templates_app.models import EvictionTemplate, StateNoticeRule


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edits: int = 0


def templates_load_defaults(*, templates: list[dict], force: bool = False) -> LoadReport:
    """Create missing default templates. Existing rows are staff's: they are only reset to
    the default with `force` (which makes a new version)."""
    report = LoadReport()
    with transaction.atomic():
        for spec in templates:
            key = {k: spec[k] for k in ("state", "reason", "template_type")}
            values = {
                "title": spec.get("title", ""),
                "content": spec["content"],
                "metadata": spec.get("metadata", {}),
            }
            _load_one(EvictionTemplate, key=key, values=values, force=force, report=report)
    return report


def rules_load_defaults(*, rules: list[dict], force: bool = False) -> LoadReport:
    """Create missing state notice rules keyed by (state, reason, effective_date)."""
    report = LoadReport()
    with transaction.atomic():
        for spec in rules:
            key = {
                "state": spec["state"],
                "reason": spec["reason"],
                "effective_date": date.fromisoformat(spec["effective_date"]),
            }
            values = {k: v for k, v in spec.items() if k not in ("state", "reason", "effective_date")}
            _load_one(StateNoticeRule, key=key, values=values, force=force, report=report)
    return report


def _load_one(model, *, key: dict, values: dict, force: bool, report: LoadReport) -> None:
    """Create the row for `key`, or count it unchanged / kept (staff's edit), or reset it to
    `values` with `force`, and tally the outcome in `report`."""
    obj = model.objects.filter(**key).first()
    if obj is None:
        model.objects.create(**key, **values)
        report.created += 1
    elif all(getattr(obj, f) == v for f, v in values.items()):
        report.unchanged += 1
    elif force:
        for field, value in values.items():
            setattr(obj, field, value)
        obj.save()  # not update(): the history records the reset (and templates get a version)
        report.updated += 1
    else:
        report.kept_edits += 1


def template_revert(*, template: EvictionTemplate, record, user=None) -> bool:
    """Make the content, metadata and title of history `record` the template's NEW version
    (versions only go up; the active flag stays as it is). Returns False when the template
    already has that content, so no version is made."""
    if record.id != template.pk:
        raise ValueError("The history record belongs to another template.")
    fields = ("title", "content", "metadata")
    if all(getattr(template, f) == getattr(record, f) for f in fields):
        return False
    for name in fields:
        setattr(template, name, getattr(record, name))
    template._change_reason = f"Reverted to version {record.version}"
    if user is not None:
        template._history_user = user
    template.save()
    return True
