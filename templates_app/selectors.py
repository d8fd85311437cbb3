"""Reads for templates and rules."""

from __future__ import annotations

from django.forms.models import model_to_dict

from templates_app.cache import template_key
from templates_app.models import EvictionTemplate, StateNoticeRule

RULE_FIELDS = [
    "state",
    "reason",
    "min_days",
    "day_unit",
    "tenancy_tiers",
    "cure_allowed",
    "lease_can_shorten",
    "notice_required",
    "type_allowed",
    "type_not_allowed_reason",
    "rent_only",
    "mail_extension_days",
    "required_content",
    "statute",
    "effective_date",
    "needs_review",
    "notes",
]


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
