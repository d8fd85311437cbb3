"""Render a template as staff are editing it, against a real analysis, without saving anything.

The analysis comes from a shipped fictional sample notice (run through the rules analyzer and
the compliance check exactly as a batch would) or from a completed batch item's stored result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from templates_app.cache import resolve_template
from templates_app.models import GENERAL, TemplateType
from templates_app.rendering import TemplateRenderError, build_render_context, template_render, template_validate

SAMPLES_PATH = Path(__file__).resolve().parent / "defaults" / "sample_notices.json"


@lru_cache(maxsize=1)
def sample_notices() -> dict[str, dict]:
    """{id: {id, label, state, text}}: fictional notices shipped for previews."""
    return {n["id"]: n for n in json.loads(SAMPLES_PATH.read_text(encoding="utf-8"))}


def sample_choices() -> list[tuple[str, str]]:
    return [(n["id"], n["label"]) for n in sample_notices().values()]


@dataclass
class PreviewResult:
    text: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""

    def as_dict(self) -> dict:
        return {"text": self.text, "problems": self.problems, "notes": self.notes, "source": self.source}


class PreviewSourceError(ValueError):
    """The chosen sample or item cannot be used (unknown, not completed)."""


def template_preview(
    *,
    template_type: str,
    content: str,
    metadata: dict,
    sample_id: str | None = None,
    item_id: int | None = None,
    template_state: str = "",
    template_reason: str = "",
    today: date | None = None,
) -> PreviewResult:
    """The rendered text of `content` for one analysis. Reads only; writes nothing."""
    today = today or date.today()
    if template_type == TemplateType.PROMPT:
        return PreviewResult(text=content, notes=["Prompts are sent to the LLM as written; nothing is substituted."])
    problems = template_validate(content or "")
    if problems:
        return PreviewResult(problems=problems)
    results, source = _analysis(sample_id=sample_id, item_id=item_id)
    notice = results.get("notice") or {}
    meta = metadata if template_type == TemplateType.META else _meta_metadata(notice)
    context = build_render_context(
        notice=notice,
        compliance=results.get("compliance") or {},
        advice={"urgency": results.get("urgency"), "keyDates": results.get("keyDates") or []},
        meta_metadata=meta,
        today=today,
    )
    try:
        text = template_render(content, context)
    except TemplateRenderError as exc:
        return PreviewResult(problems=[str(exc)], source=source)
    return PreviewResult(text=text, source=source, notes=_notes(notice, template_state, template_reason))


def _analysis(*, sample_id: str | None, item_id: int | None) -> tuple[dict, str]:
    if item_id:
        from batches.models import BatchItem, ItemStatus

        item = BatchItem.objects.filter(pk=item_id, status=ItemStatus.ANALYSIS_COMPLETE).first()
        if item is None or not item.analysis_results:
            raise PreviewSourceError(f"Batch item {item_id} does not exist or has no completed analysis.")
        return item.analysis_results, f"Batch item {item.pk} ({item.analysis_id})"
    sample = sample_notices().get(sample_id or "")
    if sample is None:
        raise PreviewSourceError(f"Unknown sample notice {sample_id!r}.")
    from batches.services.pipeline import ItemFailure
    from batches.services.single import notice_analyze

    try:
        results = notice_analyze(text=sample["text"], state=sample["state"], analyzer_name="rules")
    except ItemFailure as exc:
        raise PreviewSourceError(f"The sample could not be analysed: {exc.message}") from exc
    return results, f"Sample notice: {sample['label']} (rules analyzer)"


def _meta_metadata(notice: dict) -> dict:
    """Court and legal-aid values come from the meta template the notice resolves to."""
    record, _ = resolve_template(notice.get("state") or GENERAL, notice.get("reason") or GENERAL, TemplateType.META)
    return dict(record.metadata) if record else {}


def _notes(notice: dict, template_state: str, template_reason: str) -> list[str]:
    state, reason = notice.get("state") or GENERAL, notice.get("reason") or GENERAL
    notes = [f"The analysis found state {state}, reason {reason}."]
    if template_state and template_state not in (GENERAL, state):
        notes.append(f"This template is for {template_state}: a batch would not use it for this notice.")
    if template_reason and template_reason not in (GENERAL, reason):
        notes.append(f"This template is for reason {template_reason}: a batch would not use it for this notice.")
    return notes
