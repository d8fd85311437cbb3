"""Admin forms for templates and notice rules: every problem is reported on the field that
has it, in words a template editor can act on."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from templates_app.models import EvictionTemplate, StateNoticeRule, TemplateType, tenancy_tiers_problems
from templates_app.preview import sample_choices
from templates_app.rendering import template_validate
from templates_app.selectors import RULE_FIELDS

_url = URLValidator(schemes=["http", "https"])


def template_content_problems(content: str, template_type: str) -> list[str]:
    """Placeholder problems of a response/meta template (prompts are sent as written)."""
    if template_type == TemplateType.PROMPT:
        return []
    return template_validate(content or "")


def template_metadata_problems(metadata: object, template_type: str) -> list[str]:
    """Shape problems of a template's metadata; meta templates carry courtName and
    legalAidContacts ([{name, url, phone?, notes?}])."""
    if not isinstance(metadata, dict):
        return ["Metadata must be a JSON object ({...})."]
    if template_type != TemplateType.META:
        return []
    problems = []
    court = metadata.get("courtName")
    if court is not None and not isinstance(court, str):
        problems.append("courtName must be text.")
    contacts = metadata.get("legalAidContacts", [])
    if not isinstance(contacts, list):
        return [*problems, "legalAidContacts must be a list of objects with a name and a url."]
    for number, contact in enumerate(contacts, start=1):
        problems.extend(_contact_problems(number, contact))
    return problems


def _contact_problems(number: int, contact: object) -> list[str]:
    where = f"legalAidContacts item {number}"
    if not isinstance(contact, dict):
        return [f"{where} must be an object with a name and a url."]
    problems = []
    if not isinstance(contact.get("name"), str) or not contact["name"].strip():
        problems.append(f"{where}: 'name' is required (text).")
    url = contact.get("url")
    if not isinstance(url, str) or not url.strip():
        problems.append(f"{where}: 'url' is required (an http(s) address).")
    else:
        try:
            _url(url)
        except ValidationError:
            problems.append(f"{where}: 'url' {url!r} is not an http(s) address.")
    for key in ("phone", "notes"):
        if key in contact and not isinstance(contact[key], str):
            problems.append(f"{where}: '{key}' must be text.")
    return problems


class EvictionTemplateForm(forms.ModelForm):
    class Meta:
        model = EvictionTemplate
        fields = ["state", "reason", "template_type", "title", "content", "metadata", "is_active"]
        widgets = {"content": forms.Textarea(attrs={"rows": 28, "cols": 100, "class": "ta-template-editor"})}

    def clean(self):
        cleaned = super().clean()
        template_type = cleaned.get("template_type") or TemplateType.RESPONSE
        if "content" in cleaned:
            for problem in template_content_problems(cleaned["content"], template_type):
                self.add_error("content", problem)
        if "metadata" in cleaned:
            for problem in template_metadata_problems(cleaned["metadata"], template_type):
                self.add_error("metadata", problem)
        return cleaned


class TemplatePreviewForm(forms.Form):
    """What the preview renders: the editor's current (unsaved) text against a sample notice
    or a completed batch item's analysis."""

    template_type = forms.ChoiceField(choices=TemplateType.choices)
    content = forms.CharField(required=False, strip=False)
    metadata = forms.JSONField(required=False)
    state = forms.CharField(required=False, max_length=7)
    reason = forms.CharField(required=False, max_length=32)
    sample = forms.ChoiceField(required=False, choices=())
    item = forms.IntegerField(required=False, min_value=1, help_text="Id of a completed batch item.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sample"].choices = [("", "---------"), *sample_choices()]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("sample") and not cleaned.get("item"):
            raise ValidationError("Choose a sample notice or enter a completed batch item id.")
        if cleaned.get("metadata") is None:
            cleaned["metadata"] = {}
        return cleaned


# --- State notice rules ------------------------------------------------------------------


def required_content_problems(elements: object) -> list[str]:
    if not isinstance(elements, list):
        return ['Must be a list: [{"code": ..., "description": ..., "patterns": [regex, ...]}].']
    problems = []
    for number, element in enumerate(elements, start=1):
        problems.extend(_element_problems(number, element))
    return problems


def _element_problems(number: int, element: object) -> list[str]:
    where = f"Element {number}"
    if not isinstance(element, dict):
        return [f"{where} must be an object with code, description and patterns."]
    problems = [
        f"{where}: '{key}' is required (text)."
        for key in ("code", "description")
        if not isinstance(element.get(key), str) or not element[key].strip()
    ]
    patterns = element.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        return [*problems, f"{where}: 'patterns' must be a non-empty list of regular expressions."]
    for pattern in patterns:
        if not isinstance(pattern, str):
            problems.append(f"{where}: pattern {pattern!r} must be text.")
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"{where}: pattern {pattern!r} does not compile ({exc}).")
    return problems


class StateNoticeRuleForm(forms.ModelForm):
    class Meta:
        model = StateNoticeRule
        fields = list(RULE_FIELDS)

    def clean_tenancy_tiers(self):
        tiers = self.cleaned_data.get("tenancy_tiers")
        tiers = [] if tiers is None else tiers
        problems = tenancy_tiers_problems(tiers)
        if problems:
            raise ValidationError(problems)
        return tiers

    def clean_required_content(self):
        elements = self.cleaned_data.get("required_content")
        elements = [] if elements is None else elements
        problems = required_content_problems(elements)
        if problems:
            raise ValidationError(problems)
        return elements

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("type_allowed") is False and not (cleaned.get("type_not_allowed_reason") or "").strip():
            self.add_error("type_not_allowed_reason", "Say why this notice type is not allowed; staff read it.")
        return cleaned
