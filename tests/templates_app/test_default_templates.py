"""The default templates: coverage, validity, and content that must be there (pure, no DB)."""

import re
from datetime import date

import pytest

from batches.analysis.schema import REASONS
from templates_app.defaults.templates import DEFAULT_TEMPLATES
from templates_app.models import REASON_CHOICES, STATE_CHOICES, TemplateType
from templates_app.rendering import build_render_context, template_render, template_validate
from templates_app.rendering.placeholders import NOT_STATED

from .test_rendering import SAMPLE_ADVICE, SAMPLE_COMPLIANCE, SAMPLE_NOTICE

DISCLAIMER = "This is information, not legal advice."
KEYS = {"state", "reason", "template_type", "title", "content", "metadata"}
BY_KEY = {(t["state"], t["reason"], t["template_type"]): t for t in DEFAULT_TEMPLATES}


def template_id(template):
    return f"{template['state']}/{template['reason']}/{template['template_type']}"


def full_context(template):
    """A context with every field the analysis can provide, using the template's own meta."""
    meta = BY_KEY[(template["state"], template["reason"], "meta")]
    notice = {**SAMPLE_NOTICE, "state": template["state"] if template["state"] != "general" else "OH"}
    return build_render_context(
        notice=notice,
        compliance=SAMPLE_COMPLIANCE,
        advice=SAMPLE_ADVICE,
        meta_metadata=meta["metadata"],
        today=date(2025, 3, 6),
    )


def test_state_templates_cover_ca_ny_tx_for_the_three_main_reasons():
    expected = {
        (state, reason, kind)
        for state in ("CA", "NY", "TX")
        for reason in ("non-payment", "lease-violation", "no-cause")
        for kind in ("response", "meta")
    }
    state_keys = {key for key in BY_KEY if key[0] != "general"}
    assert state_keys == expected
    assert len(state_keys) == 18


def test_general_fallbacks_cover_every_reason_and_general_for_both_types():
    expected = {("general", r, kind) for r in (*REASONS, "general") for kind in ("response", "meta")}
    assert {key for key in BY_KEY if key[0] == "general"} == expected


def test_keys_are_unique_and_match_the_model_choices():
    assert len(BY_KEY) == len(DEFAULT_TEMPLATES)
    states = {code for code, _ in STATE_CHOICES}
    reasons = {code for code, _ in REASON_CHOICES}
    for template in DEFAULT_TEMPLATES:
        assert set(template) == KEYS
        assert template["state"] in states
        assert template["reason"] in reasons
        assert template["template_type"] in {TemplateType.RESPONSE, TemplateType.META}
        assert 0 < len(template["title"]) <= 200


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=template_id)
def test_every_default_template_validates(template):
    assert template_validate(template["content"]) == []


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=template_id)
def test_every_default_renders_fully_with_a_full_context(template):
    rendered = template_render(template["content"], full_context(template))
    assert not re.search(r"\$[A-Za-z_{]", rendered), "placeholder left in the output"
    assert NOT_STATED not in rendered, "uses a placeholder a full analysis cannot fill"
    assert "\n\n\n" not in rendered


RESPONSES = [t for t in DEFAULT_TEMPLATES if t["template_type"] == "response"]
METAS = [t for t in DEFAULT_TEMPLATES if t["template_type"] == "meta"]


@pytest.mark.parametrize("template", RESPONSES, ids=template_id)
def test_responses_are_guidance_letters_that_end_with_the_disclaimer(template):
    assert "guidance letter to the tenant" in template["title"]
    last_line = template["content"].strip().splitlines()[-1]
    assert last_line.startswith(DISCLAIMER)
    assert {"$tenant_names", "$premises_address", "$landlord_name"} <= set(
        re.findall(r"\$[a-z_]+", template["content"])
    )


@pytest.mark.parametrize("template", [t for t in RESPONSES if t["reason"] != "not-a-notice"], ids=template_id)
def test_eviction_letters_show_deadline_statute_verdict_and_issues(template):
    used = set(re.findall(r"\$([a-z_]+)", template["content"]))
    assert {"deadline_date", "statute", "compliance_verdict", "compliance_issues"} <= used
    if template["reason"] == "non-payment":
        assert "amount_due" in used


def test_not_a_notice_letter_explains_what_to_check():
    content = BY_KEY[("general", "not-a-notice", "response")]["content"]
    assert "does not appear to be an eviction notice" in content
    assert "summons" in content
    assert "compliance_verdict" not in content


@pytest.mark.parametrize("template", METAS, ids=template_id)
def test_meta_contacts_are_public_resources_marked_for_verification(template):
    metadata = template["metadata"]
    assert metadata["staffNote"].startswith("Staff: verify")
    contacts = metadata["legalAidContacts"]
    assert contacts
    for contact in contacts:
        assert contact["verify"] is True
        assert contact["name"] and contact["notes"]
        assert contact["url"].startswith("https://")
        # No invented phone numbers: the only number we give is 2-1-1.
        assert contact.get("phone") in (None, "2-1-1")


@pytest.mark.parametrize(
    ("state", "phrases"),
    [
        ("CA", ("Superior Court", "unlawful detainer", "Summons", "check it")),
        ("NY", ("Housing Court", "City, District, Town or Village Court", "summary proceeding")),
        ("TX", ("Justice Court", "citation", "check the papers you receive")),
    ],
)
def test_state_court_instructions_name_the_court(state, phrases):
    for reason in ("non-payment", "lease-violation", "no-cause"):
        template = BY_KEY[(state, reason, "meta")]
        rendered = template_render(template["content"], full_context(template))
        for phrase in phrases:
            assert phrase in rendered, (state, reason, phrase)


def test_general_court_instructions_point_to_the_papers():
    template = BY_KEY[("general", "general", "meta")]
    assert "Check the papers you receive" in template["content"]
    assert template["metadata"]["courtName"] is None
