"""Reads for templates and rules."""

from __future__ import annotations

from dataclasses import dataclass

from django.forms.models import model_to_dict

from batches.analysis.schema import REASONS
from templates_app.cache import fallback_chain, template_key
from templates_app.models import GENERAL, EvictionTemplate, StateNoticeRule, TemplateType

# Every field staff edit on a rule, in model order: all the checker reads. Derived from the model so a new
# rule field reaches the checker, the admin form and its diff without a second list to update.
RULE_FIELDS = [f.name for f in StateNoticeRule._meta.concrete_fields if f.editable and not f.primary_key]


def template_versions_snapshot() -> dict[str, int]:
    """{cache key: version} of every active template: what a batch pins at launch."""
    rows = EvictionTemplate.objects.filter(is_active=True).values_list("state", "reason", "template_type", "version")
    return {template_key(s, r, t): v for s, r, t, v in rows}


def rules_as_dicts() -> list[dict]:
    """Every state notice rule as a plain dict for the (pure) compliance checker."""
    rules = []
    for rule in StateNoticeRule.objects.all():
        data = model_to_dict(rule, fields=RULE_FIELDS)
        data["id"] = rule.pk
        data["effective_date"] = rule.effective_date.isoformat()
        rules.append(data)
    return rules


@dataclass(frozen=True)
class CoverageCell:
    """What one (state, reason, type) resolves to. `kind`: 'own' (its own active template),
    'general-reason' or 'general-general' (the fallback that answers), 'missing' (items fail
    with TEMPLATE_NOT_FOUND)."""

    state: str
    reason: str
    template_type: str
    kind: str
    template_id: int | None = None
    template_key: str = ""
    version: int | None = None
    inactive_id: int | None = None  # an own template exists but is switched off

    @property
    def label(self) -> str:
        labels = {
            "own": "own template",
            "general-reason": "falls back to general + this reason",
            "general-general": "falls back to general + general",
            "missing": "no template: items fail with TEMPLATE_NOT_FOUND",
        }
        target = f" ({self.template_key} v{self.version})" if self.template_key else ""
        off = "; its own template is inactive" if self.inactive_id else ""
        return f"{self.template_type}: {labels[self.kind]}{target}{off}"


@dataclass
class Coverage:
    states: list[str]
    reasons: list[str]
    types: list[str]
    rows: list[tuple[str, list[tuple[str, list[CoverageCell]]]]]  # state -> reason -> cells by type
    counts: dict[str, int]
    unreachable: list[dict]  # state-specific 'general'-reason templates the chain never reads


def template_coverage() -> Coverage:
    """The coverage matrix: every state with a template or a rule (plus general) x every
    reason x (response, meta). Two queries."""
    types = [TemplateType.RESPONSE.value, TemplateType.META.value]
    rows = list(
        EvictionTemplate.objects.filter(template_type__in=types).values_list(
            "id", "state", "reason", "template_type", "version", "is_active"
        )
    )
    rule_states = set(StateNoticeRule.objects.values_list("state", flat=True).distinct())
    active = {(s, r, t): (pk, v) for pk, s, r, t, v, on in rows if on}
    inactive = {(s, r, t): pk for pk, s, r, t, v, on in rows if not on}
    states = [GENERAL] + sorted(({s for _, s, *_ in rows} | rule_states) - {GENERAL})
    reasons = list(REASONS)
    matrix, counts = [], {"own": 0, "general_reason": 0, "general_general": 0, "missing": 0}
    for state in states:
        per_reason = []
        for reason in reasons:
            cells = [_cell(state, reason, t, active, inactive) for t in types]
            for cell in cells:
                counts[cell.kind.replace("-", "_")] += 1
            per_reason.append((reason, cells))
        matrix.append((state, per_reason))
    unreachable = [
        {"id": pk, "key": template_key(s, r, t)} for pk, s, r, t, _v, _on in rows if r == GENERAL and s != GENERAL
    ]
    return Coverage(states, reasons, types, matrix, counts, unreachable)


def _cell(state, reason, template_type, active, inactive) -> CoverageCell:
    for position, (s, r) in enumerate(fallback_chain(state, reason)):
        found = active.get((s, r, template_type))
        if found:
            pk, version = found
            kind = "own" if position == 0 else ("general-general" if r == GENERAL else "general-reason")
            return CoverageCell(
                state,
                reason,
                template_type,
                kind,
                pk,
                template_key(s, r, template_type),
                version,
                inactive.get((state, reason, template_type)),
            )
    return CoverageCell(
        state, reason, template_type, "missing", inactive_id=inactive.get((state, reason, template_type))
    )


def pinned_templates(pins: dict[str, int]) -> list[dict]:
    """A batch's pinned templates beside the live ones, for the batch page: [{key, id,
    pinned, live, changed}] (live None when the template is gone or inactive). One query."""
    if not pins:
        return []
    live = {
        template_key(s, r, t): (pk, v)
        for pk, s, r, t, v in EvictionTemplate.objects.filter(is_active=True).values_list(
            "id", "state", "reason", "template_type", "version"
        )
    }
    rows = []
    for key, version in sorted(pins.items()):
        pk, live_version = live.get(key, (None, None))
        rows.append({"key": key, "id": pk, "pinned": version, "live": live_version, "changed": live_version != version})
    return rows
