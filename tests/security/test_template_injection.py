"""Staff-edited templates cannot reach Python internals (reliability-security.md §3.5).

tests/templates_app/test_rendering.py covers the renderer's rules one by one; this module
attacks every way a template gets in: the admin add/change forms, the live preview
endpoint, and a template that skipped validation (written straight to the database) as
the batch pipeline renders it.
"""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from templates_app.models import EvictionTemplate
from templates_app.rendering import PLACEHOLDERS, TemplateRenderError, template_render, template_validate
from tests.conftest import SAMPLE_EVENT

# Each would reach internals under str.format / format_map / Django or Jinja templates.
FORMAT_ATTACKS = [
    "{0.__class__.__init__.__globals__}",
    "{tenant_name.__class__.__mro__[1].__subclasses__()}",
    "{tenant_name.__init__.__globals__[settings].SECRET_KEY}",
    "{tenant_name!r:>{0.__class__}}",
    "{{ settings.SECRET_KEY }}",
    "{{ tenant_name.__class__.__mro__ }}",
    "{% debug %}",
    "{% load static %}{{ request.user.password }}",
    "%(tenant_name)s",
    "%(__class__)r",
]
# Attempts with our own $ syntax: either plain text after the value, or refused.
DOLLAR_LITERAL = [
    ("$tenant_name.__class__", "Ana.__class__"),
    ("$tenant_name.__class__.__init__.__globals__", "Ana.__class__.__init__.__globals__"),
    ("$tenant_name[0]", "Ana[0]"),
    ("$tenant_name()", "Ana()"),
]
DOLLAR_REFUSED = [
    "${tenant_name.__class__}",
    "${tenant_name[0]}",
    "${__import__('os').system('id')}",
    "$__class__",
    "$__globals__",
    "${__builtins__}",
    "$settings",
    "$SECRET_KEY",
]
INTERNAL_MARKERS = ("<class", "<function", "<module", "__builtins__'", "object at 0x", "<bound method")


def internals_in(text: str) -> list[str]:
    found = [marker for marker in INTERNAL_MARKERS if marker in text]
    if settings.SECRET_KEY in text:
        found.append("SECRET_KEY")
    return found


VALUES = {name: "Ana" for name in PLACEHOLDERS}


# --- The renderer, attacked directly ----------------------------------------------------------


RAW_ATTACKS = [a.values[0] if hasattr(a, "values") else a for a in FORMAT_ATTACKS]


@pytest.mark.parametrize("attack", RAW_ATTACKS)
def test_other_template_languages_render_as_literal_text(attack):
    assert template_render(attack, VALUES) == attack


@pytest.mark.parametrize("attack", FORMAT_ATTACKS)
def test_other_template_languages_fail_validation(attack):
    assert template_validate(attack), "validation should point the editor to $name"


@pytest.mark.parametrize(("attack", "expected"), DOLLAR_LITERAL)
def test_dollar_attribute_access_is_literal_text(attack, expected):
    assert template_render(attack, VALUES) == expected


@pytest.mark.parametrize("attack", DOLLAR_REFUSED)
def test_dollar_names_outside_the_allow_list_are_refused(attack):
    with pytest.raises(TemplateRenderError) as caught:
        template_render(attack, VALUES)
    assert not internals_in(str(caught.value))
    assert template_validate(attack)


def test_values_are_never_objects():
    class Leaky:
        def __str__(self):
            return settings.SECRET_KEY

    with pytest.raises(TemplateRenderError):
        template_render("$tenant_name", {"tenant_name": Leaky()})
    with pytest.raises(TemplateRenderError):
        template_render("$tenant_name", {"tenant_name": {"k": "v"}})


# --- Through the admin ------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", password="x-unused-1", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def form_data(content: str, **extra) -> dict:
    return {
        "state": "CA",
        "reason": "non-payment",
        "template_type": "response",
        "title": "Attack",
        "content": content,
        "metadata": "{}",
        "is_active": "on",
        "change_note": "",
        **extra,
    }


ADMIN_ATTACKS = [*FORMAT_ATTACKS, *DOLLAR_REFUSED]


@pytest.mark.parametrize("attack", ADMIN_ATTACKS)
def test_admin_add_refuses_the_template_and_saves_nothing(attack, editor):
    response = editor.post("/admin/templates_app/evictiontemplate/add/", form_data(f"Dear $tenant_name, {attack}"))
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors.get("content")
    assert not EvictionTemplate.objects.exists()


@pytest.mark.parametrize("attack", ["{0.__class__.__init__.__globals__}", "${tenant_name.__class__}"])
def test_admin_change_refuses_the_edit_and_keeps_the_version(attack, editor):
    template = EvictionTemplate.objects.create(
        state="CA", reason="non-payment", template_type="response", content="Dear $tenant_name"
    )
    url = f"/admin/templates_app/evictiontemplate/{template.pk}/change/"
    response = editor.post(url, form_data(f"Dear $tenant_name {attack}"))
    assert response.status_code == 200 and response.context["adminform"].form.errors.get("content")
    template.refresh_from_db()
    assert (template.content, template.version) == ("Dear $tenant_name", 1)


@pytest.mark.parametrize("attack", ["{0.__class__.__init__.__globals__}", "${tenant_name.__class__}", "{{ settings }}"])
def test_live_preview_shows_literal_text_or_a_problem_never_internals(attack, editor):
    response = editor.post(
        "/admin/templates_app/evictiontemplate/preview/",
        {"template_type": "response", "content": f"Dear $tenant_name {attack}", "state": "CA", "sample": _a_sample()},
    )
    assert response.status_code in (200, 400)
    body = response.json()
    assert not internals_in(json.dumps(body))
    assert body["problems"] or attack in body["text"]


def _a_sample() -> str:
    from templates_app.preview import sample_choices

    return sample_choices()[0][0]


# --- A template that skipped validation, rendered by the real pipeline ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "attack", ["{0.__class__.__init__.__globals__}", "{{ settings.SECRET_KEY }}", "$tenant_name.__class__.__mro__"]
)
def test_pipeline_renders_an_unvalidated_attack_as_literal_text(attack, defaults):
    # .update() skips the form: as if an older release or a script had written it.
    EvictionTemplate.objects.filter(template_type="response").update(content=f"Dear $tenant_name: {attack}")
    doc = _run_sample()
    assert doc["batchMetrics"]["successCount"] == doc["batchMetrics"]["totalProcessed"] > 0
    letters = [r["analysisResults"]["response"]["letter"] for r in doc["results"]]
    expected_tail = attack.replace("$tenant_name", "")
    assert all(expected_tail in letter for letter in letters)
    assert not internals_in(json.dumps(doc))


@pytest.mark.django_db
def test_pipeline_refuses_an_unvalidated_braced_attribute_without_leaking(defaults):
    EvictionTemplate.objects.filter(template_type="response").update(content="Dear ${tenant_name.__class__}")
    doc = _run_sample()
    assert not internals_in(json.dumps(doc))
    # The render is refused: every item fails (today as INTERNAL "TemplateRenderError"), none
    # gets a letter with anything substituted for the attribute access.
    assert {r["status"] for r in doc["results"]} == {"FAILED"}
    assert all(f["errorCategory"] for f in doc["failed"])


def _run_sample() -> dict:
    out = io.StringIO()
    call_command("process_batch", str(SAMPLE_EVENT), "--sync", "--json", "--results", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())
