"""One notice's analysis after the facts are extracted: state rule -> deterministic
compliance -> advice -> templates (fallback chain) -> populated response -> the versioned
`analysisResults` document. No item rows are touched here; the runner saves the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from batches.analysis.schema import RESULT_SCHEMA_VERSION
from batches.compliance.advice import derive_advice
from batches.compliance.checker import check_compliance
from batches.compliance.rules_select import select_rule
from templates_app.cache import CacheCounter, TemplateRecord, resolve_template
from templates_app.models import GENERAL, TemplateType
from templates_app.rendering import build_render_context, template_render

NOTICE_FIELDS = (
    "isEvictionNotice",
    "noticeType",
    "reason",
    "reasons",
    "documentType",
    "state",
    "tenantNames",
    "landlordName",
    "premisesAddress",
    "noticeDate",
    "serviceDate",
    "serviceMethod",
    "noticeDays",
    "dayCounting",
    "deadlineDate",
    "tenancyStartDate",
    "amountDue",
    "rentAmount",
    "charges",
    "cureOffered",
    "language",
)


class ItemFailure(Exception):
    """An item-level failure with its error category (the batch goes on)."""

    def __init__(self, category: str, message: str):
        super().__init__(message)
        self.category = category
        self.message = message


@dataclass
class NoticeInput:
    text: str
    user_selected_state: str | None
    user_form_data: dict = field(default_factory=dict)


@dataclass
class Outcome:
    results: dict
    state: str
    reason: str
    template_versions: dict
    fallback_used: bool
    tokens: int
    cache_hits: int
    cache_misses: int


def build_result(
    *,
    notice_input: NoticeInput,
    facts: dict,
    provenance: dict,
    rules: list[dict],
    counter: CacheCounter,
    today: date | None = None,
    pins: dict[str, int] | None = None,
) -> Outcome:
    """`pins`: the batch's template versions ({cache key: version}) pinned at launch; None or
    empty uses the live templates."""
    today = today or date.today()
    notice, compliance = assess_facts(
        facts=facts, notice_input=notice_input, rules=rules, provenance=provenance, today=today
    )
    state = notice["state"] or GENERAL
    advice = derive_advice(facts, compliance, today=today)
    templates, fallback_used = _templates(state, notice["reason"], counter, pins)
    response = _response(templates, notice=notice, compliance=compliance, advice=advice, today=today)
    results = {
        "schemaVersion": RESULT_SCHEMA_VERSION,
        "notice": notice,
        "compliance": compliance,
        "urgency": advice.get("urgency"),
        "confidence": facts.get("confidence"),
        "keyDates": advice.get("keyDates", []),
        "defenses": advice.get("defenses", []),
        "immediateActions": advice.get("immediateActions", []),
        "response": response,
        "provenance": _provenance(provenance, templates, fallback_used),
    }
    return Outcome(
        results=results,
        state=notice["state"] or "",
        reason=notice["reason"],
        template_versions=_versions(templates),
        fallback_used=fallback_used,
        tokens=int(provenance.get("totalTokens") or 0),
        cache_hits=counter.hits,
        cache_misses=counter.misses,
    )


def assess_facts(
    *, facts: dict, notice_input: NoticeInput, rules: list[dict], provenance: dict, today: date
) -> tuple[dict, dict]:
    """The `notice` and `compliance` sections: what the notice says and, decided by code
    from the state rules, whether it meets the statutory minimum."""
    notice = _notice_section(facts, notice_input)
    return notice, _compliance(facts, notice, notice_input, rules, provenance, today)


def _notice_section(facts: dict, notice_input: NoticeInput) -> dict:
    notice = {name: facts.get(name) for name in NOTICE_FIELDS}
    notice["userSelectedState"] = notice_input.user_selected_state
    # The text decides the governing state; the user's choice is the fallback.
    notice["state"] = facts.get("state") or notice_input.user_selected_state
    if not notice["tenantNames"] and notice_input.user_form_data.get("tenantName"):
        notice["tenantNames"] = [notice_input.user_form_data["tenantName"]]
    if not notice["landlordName"] and notice_input.user_form_data.get("landlordName"):
        notice["landlordName"] = notice_input.user_form_data["landlordName"]
    return notice


def _compliance(facts, notice, notice_input, rules, provenance, today) -> dict:
    rule = None
    if facts.get("isEvictionNotice") and notice["state"]:
        on_date = _iso(facts.get("serviceDate") or facts.get("noticeDate"))
        rule = select_rule(rules, state=notice["state"], reason=notice["reason"], on_date=on_date)
    compliance = check_compliance(
        facts, rule, user_selected_state=notice_input.user_selected_state, text=notice_input.text, today=today
    )
    extra = provenance.get("crosscheckIssues") or []
    if extra:
        compliance["issues"] = list(compliance.get("issues", [])) + list(extra)
    return compliance


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _templates(
    state: str, reason: str, counter: CacheCounter, pins: dict[str, int] | None = None
) -> tuple[dict[str, TemplateRecord], bool]:
    found, fallback = {}, False
    for template_type in (TemplateType.RESPONSE, TemplateType.META):
        record, used_fallback = resolve_template(state, reason, template_type, counter=counter, pins=pins)
        if record is None:
            raise ItemFailure(
                "TEMPLATE_NOT_FOUND",
                f"No active {template_type} template for {state}/{reason} and no general fallback.",
            )
        found[str(template_type)] = record
        fallback = fallback or used_fallback
    return found, fallback


def _response(templates, *, notice, compliance, advice, today) -> dict:
    meta = templates["meta"]
    context = build_render_context(
        notice=notice, compliance=compliance, advice=advice, meta_metadata=meta.metadata, today=today
    )
    return {
        "letter": template_render(templates["response"].content, context),
        "courtInstructions": template_render(meta.content, context),
        "legalAidContacts": list(meta.metadata.get("legalAidContacts", [])),
    }


def _versions(templates: dict[str, TemplateRecord]) -> dict:
    return {kind: {"id": t.id, "key": t.key, "version": t.version} for kind, t in templates.items()}


def _provenance(provenance: dict, templates, fallback_used: bool) -> dict:
    return {
        **{k: v for k, v in provenance.items() if k != "crosscheckIssues"},
        "templates": _versions(templates),
        "fallbackUsed": fallback_used,
    }
