"""Analyse one notice outside any batch (the `analyze_notice` command, the evaluation)."""

from __future__ import annotations

from datetime import date

from batches.analysis import get_analyzer
from batches.services.batch_context import prompt_kwargs
from batches.services.pipeline import NoticeInput, assess_facts, build_result
from templates_app.cache import CacheCounter, get_template
from templates_app.models import GENERAL, TemplateType
from templates_app.selectors import rules_as_dicts


def notice_analyze(
    *,
    text: str,
    state: str | None,
    analyzer_name: str,
    rules: list[dict] | None = None,
    form: dict | None = None,
) -> dict:
    prompt = prompt_kwargs(get_template(GENERAL, GENERAL, TemplateType.PROMPT))
    facts, provenance = get_analyzer(analyzer_name).extract_facts(text, state_hint=state, **prompt)
    outcome = build_result(
        notice_input=NoticeInput(text=text, user_selected_state=state, user_form_data=form or {}),
        facts=facts,
        provenance=provenance,
        rules=rules if rules is not None else rules_as_dicts(),
        counter=CacheCounter(),
    )
    return outcome.results


def notice_assess(*, text: str, state: str | None, analyzer_name: str, rules: list[dict]) -> dict:
    """Facts and compliance only (no templates): what the labeled evaluation scores."""
    facts, provenance = get_analyzer(analyzer_name).extract_facts(text, state_hint=state)
    notice, compliance = assess_facts(
        facts=facts,
        notice_input=NoticeInput(text=text, user_selected_state=state),
        rules=rules,
        provenance=provenance,
        today=date.today(),
    )
    return {"notice": notice, "compliance": compliance, "confidence": facts.get("confidence")}
