"""Template editing in the admin: validation, preview, history diff/revert, cache, coverage."""

import json

import pytest
from django.urls import reverse

from batches.models import BatchItem
from templates_app import cache
from templates_app.defaults.state_rules import STATE_RULES
from templates_app.forms import required_content_problems, tenancy_tiers_problems
from templates_app.models import EvictionTemplate, StateNoticeRule
from templates_app.selectors import template_coverage

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:templates_app_evictiontemplate_changelist"


def template(state="CA", reason="non-payment", ttype="response") -> EvictionTemplate:
    return EvictionTemplate.objects.get(state=state, reason=reason, template_type=ttype)


def form_data(obj: EvictionTemplate, **changes) -> dict:
    data = {
        "state": obj.state,
        "reason": obj.reason,
        "template_type": obj.template_type,
        "title": obj.title,
        "content": obj.content,
        "metadata": json.dumps(obj.metadata),
        "is_active": "on" if obj.is_active else "",
        "change_note": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != "" or k in ("title", "change_note")}


def change_url(obj) -> str:
    return reverse("admin:templates_app_evictiontemplate_change", args=[obj.pk])


# --- Validation ----------------------------------------------------------------------------


def test_unknown_placeholders_are_listed_by_name_on_the_content_field(admin_client, defaults):
    obj = template()
    content = obj.content + "\nDear $tenant_nmae, see ${court_adress} and $frobnicate.\n"
    response = admin_client.post(change_url(obj), form_data(obj, content=content))
    assert response.status_code == 200, "an invalid form is shown again, not saved"
    errors = response.context["adminform"].form.errors["content"]
    text = " ".join(errors)
    for name in ("$tenant_nmae", "$court_adress", "$frobnicate"):
        assert name in text
    obj.refresh_from_db()
    assert obj.version == 1 and "frobnicate" not in obj.content


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"legalAidContacts": "LawHelp"}, "legalAidContacts must be a list"),
        ({"legalAidContacts": [{"url": "https://example.org"}]}, "item 1: 'name' is required"),
        ({"legalAidContacts": [{"name": "Aid", "url": "javascript:alert(1)"}]}, "not an http(s) address"),
        ({"legalAidContacts": [{"name": "Aid"}]}, "'url' is required"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_meta_metadata_shape_is_validated(admin_client, defaults, metadata, message):
    obj = template(ttype="meta")
    response = admin_client.post(change_url(obj), form_data(obj, metadata=json.dumps(metadata)))
    assert response.status_code == 200
    assert any(message in e for e in response.context["adminform"].form.errors["metadata"])


def test_valid_edit_saves_a_new_version_with_user_and_note(admin_client, admin_user, defaults):
    obj = template()
    response = admin_client.post(
        change_url(obj), form_data(obj, content=obj.content + "\nCall ${legal_aid_phone}.", change_note="Add phone")
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.version == 2
    latest = obj.history.first()
    assert (latest.version, latest.history_user, latest.history_change_reason) == (2, admin_user, "Add phone")


def test_editor_page_lists_placeholders_and_preview_panel(admin_client, defaults):
    response = admin_client.get(change_url(template()))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-placeholder="tenant_name"' in body and "First tenant named on the notice" in body
    assert 'id="preview-button"' in body and "s01-ca-nonpay-clean" in body


# --- Preview -------------------------------------------------------------------------------


def preview(client, **data):
    return client.post(reverse("admin:templates_app_evictiontemplate_preview"), data)


def test_preview_renders_unsaved_text_against_a_sample_and_saves_nothing(admin_client, defaults):
    obj = template()
    before = (EvictionTemplate.objects.count(), EvictionTemplate.history.count(), BatchItem.objects.count())
    response = preview(
        admin_client,
        template_type="response",
        content="UNSAVED for ${tenant_names}: ${amount_due} by ${deadline_date}; ${compliance_verdict}",
        metadata="{}",
        state="CA",
        reason="non-payment",
        sample="s01-ca-nonpay-clean",
    )
    assert response.status_code == 200
    result = response.json()
    assert result["problems"] == []
    assert result["text"].startswith("UNSAVED for Tenant A. Sample")
    assert "$2,150.00" in result["text"]
    assert "Sample notice" in result["source"]
    after = (EvictionTemplate.objects.count(), EvictionTemplate.history.count(), BatchItem.objects.count())
    assert after == before
    obj.refresh_from_db()
    assert obj.version == 1 and "UNSAVED" not in obj.content


def test_preview_reports_unknown_placeholders_instead_of_rendering(admin_client, defaults):
    result = preview(admin_client, template_type="response", content="Hi $nobody", sample="s01-ca-nonpay-clean").json()
    assert result["text"] == "" and any("$nobody" in p for p in result["problems"])


def test_preview_of_meta_template_uses_the_edited_metadata(admin_client, defaults):
    metadata = {"courtName": "Test Court", "legalAidContacts": [{"name": "Aid Org", "url": "https://aid.example"}]}
    result = preview(
        admin_client,
        template_type="meta",
        content="${court_name} / ${legal_aid_name}",
        metadata=json.dumps(metadata),
        sample="s06-ny-14day-demand-clean",
    ).json()
    assert result["text"] == "Test Court / Aid Org"


def test_preview_needs_a_source(admin_client, defaults):
    response = preview(admin_client, template_type="response", content="x")
    assert response.status_code == 400
    response = preview(admin_client, template_type="response", content="x", item="999999")
    assert response.status_code == 400 and "999999" in response.json()["problems"][0]


# --- History: diff and revert ---------------------------------------------------------------


def edit_content(obj, content, user=None):
    obj.content = content
    if user:
        obj._history_user = user
    obj.save()
    obj.refresh_from_db()
    return obj


def test_diff_shows_the_change_escaped(admin_client, admin_user, defaults):
    obj = template()
    edit_content(obj, obj.content + "\n<script>alert('x')</script> NEW LINE", admin_user)
    latest = obj.history.first()
    url = reverse("admin:templates_app_evictiontemplate_diff", args=[obj.pk, latest.history_id])
    response = admin_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<span class="add">+&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; NEW LINE</span>' in body
    assert "<script>alert" not in body
    assert "version 1" in body and "version 2" in body
    assert admin_user.username in body


def test_history_page_links_diff_and_revert(admin_client, defaults):
    obj = template()
    edit_content(obj, obj.content + "\nmore")
    response = admin_client.get(reverse("admin:templates_app_evictiontemplate_history", args=[obj.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "diff with previous" in body and "revert to this" in body


def test_revert_makes_a_new_version_with_the_old_content(admin_client, admin_user, defaults):
    obj = template()
    original = obj.content
    edit_content(obj, original + "\nBAD EDIT")
    first = obj.history.get(version=1)
    url = reverse("admin:templates_app_evictiontemplate_revert", args=[obj.pk, first.history_id])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200 and "BAD EDIT" in confirm.content.decode()
    assert admin_client.post(url).status_code == 302
    obj.refresh_from_db()
    assert obj.version == 3 and obj.content == original
    latest = obj.history.first()
    assert latest.history_change_reason == "Reverted to version 1" and latest.history_user == admin_user
    # Reverting again to the same content makes no version.
    admin_client.post(url)
    obj.refresh_from_db()
    assert obj.version == 3


def test_simple_history_form_cannot_post_a_revert(admin_client, defaults):
    obj = template()
    first = obj.history.first()
    url = reverse("admin:templates_app_evictiontemplate_simple_history", args=[obj.pk, first.history_id])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, form_data(obj)).status_code == 405


# --- Cache -------------------------------------------------------------------------------


def test_cache_clear_button_and_stats(admin_client, defaults):
    cache.prewarm([("CA", "non-payment")])
    response = admin_client.get(reverse(CHANGELIST))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-stat="preloadedStates">CA<' in body
    assert "per process" in body
    stats = cache.stats()
    assert stats["templateCacheSize"] > 0
    response = admin_client.post(reverse("admin:templates_app_evictiontemplate_cache_clear"), {"next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert cache.stats() == {"promptCacheSize": 0, "templateCacheSize": 0, "preloadedStates": []}
    assert admin_client.get(reverse("admin:templates_app_evictiontemplate_cache_clear")).status_code == 405


def test_cache_clear_action(admin_client, defaults):
    cache.prewarm([("NY", "non-payment")])
    response = admin_client.post(
        reverse(CHANGELIST), {"action": "clear_template_cache", "_selected_action": [template().pk]}
    )
    assert response.status_code == 302
    assert cache.stats()["templateCacheSize"] == 0


def test_cache_clear_redirect_stays_in_the_admin(admin_client, defaults):
    response = admin_client.post(
        reverse("admin:templates_app_evictiontemplate_cache_clear"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse(CHANGELIST)


# --- Coverage ----------------------------------------------------------------------------


def cell(coverage, state, reason, ttype):
    rows = dict(coverage.rows)
    return next(c for c in dict(rows[state])[reason] if c.template_type == ttype)


def test_coverage_own_template_vs_general_fallbacks(defaults):
    EvictionTemplate.objects.filter(state="general", reason="no-cause").update(is_active=False)
    coverage = template_coverage()
    assert coverage.states[0] == "general"
    assert "WA" in coverage.states, "a state with only notice rules is listed"
    own = cell(coverage, "CA", "non-payment", "response")
    assert own.kind == "own" and own.template_id == template().pk
    fallback = cell(coverage, "WA", "non-payment", "response")
    assert fallback.kind == "general-reason"
    assert fallback.template_key == "template:general:non-payment:response"
    to_general = cell(coverage, "WA", "no-cause", "meta")
    assert to_general.kind == "general-general"
    assert to_general.template_key == "template:general:general:meta"


def test_coverage_missing_and_inactive_cells(defaults):
    EvictionTemplate.objects.filter(state="general", reason__in=["general", "other"]).delete()
    template("CA", "non-payment").__class__.objects.filter(
        state="CA", reason="non-payment", template_type="meta"
    ).update(is_active=False)
    coverage = template_coverage()
    assert cell(coverage, "FL", "other", "response").kind == "missing"
    inactive = cell(coverage, "CA", "non-payment", "meta")
    assert inactive.kind == "general-reason" and inactive.inactive_id is not None


def test_coverage_page_renders_with_two_queries_worth_of_data(admin_client, defaults, django_assert_max_num_queries):
    url = reverse("admin:templates_app_evictiontemplate_coverage")
    admin_client.get(url)  # warm the session/user lookups
    with django_assert_max_num_queries(6):  # session + user + 2 coverage queries (+ savepoints)
        response = admin_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-cell="CA:non-payment:response"' in body
    assert f'href="{change_url(template())}"' in body
    assert 'data-kind="general-reason"' in body
    assert "per process" in body


def test_changelist_links_the_coverage_page(admin_client, defaults):
    body = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert reverse("admin:templates_app_evictiontemplate_coverage") in body


# --- State notice rules ----------------------------------------------------------------------


def test_shipped_rules_pass_the_rule_form_checks():
    for rule in STATE_RULES:
        assert tenancy_tiers_problems(rule.get("tenancy_tiers", [])) == [], rule["state"]
        assert required_content_problems(rule.get("required_content", [])) == [], rule["state"]


def _blank_if_none(value):
    return "" if value is None else value


def rule_data(rule: StateNoticeRule, **changes) -> dict:
    data = {
        "state": rule.state,
        "reason": rule.reason,
        "min_days": rule.min_days if rule.min_days is not None else "",
        "day_unit": rule.day_unit,
        "tenancy_tiers": json.dumps(rule.tenancy_tiers),
        "cure_allowed": {True: "true", False: "false", None: "unknown"}[rule.cure_allowed],
        "mail_extension_days": rule.mail_extension_days,
        "mail_extension_uncertain_days": _blank_if_none(rule.mail_extension_uncertain_days),
        "alt_day_unit": rule.alt_day_unit,
        "long_lease_min_days": _blank_if_none(rule.long_lease_min_days),
        "just_cause_after_months": _blank_if_none(rule.just_cause_after_months),
        "required_content": json.dumps(rule.required_content),
        "statute": rule.statute,
        "effective_date": rule.effective_date.isoformat(),
        "type_not_allowed_reason": rule.type_not_allowed_reason,
        "notes": rule.notes,
    }
    for flag in (
        "lease_can_shorten",
        "notice_required",
        "type_allowed",
        "rent_only",
        "needs_review",
        "must_end_on_rent_day",
    ):
        if getattr(rule, flag):
            data[flag] = "on"
    data.update(changes)
    return data


def test_rule_json_fields_are_validated(admin_client, defaults):
    rule = StateNoticeRule.objects.filter(state="CA", reason="non-payment").first()
    url = reverse("admin:templates_app_statenoticerule_change", args=[rule.pk])
    bad = rule_data(
        rule,
        tenancy_tiers=json.dumps([{"minTenancyMonths": 12}]),
        required_content=json.dumps([{"code": "x", "description": "y", "patterns": ["(unclosed"]}]),
    )
    response = admin_client.post(url, bad)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Tier 1" in errors["tenancy_tiers"][0]
    assert "does not compile" in errors["required_content"][0]


def test_rule_edit_is_recorded_in_history(admin_client, admin_user, defaults):
    rule = StateNoticeRule.objects.filter(state="CA", reason="non-payment").first()
    url = reverse("admin:templates_app_statenoticerule_change", args=[rule.pk])
    response = admin_client.post(url, rule_data(rule, notes="Updated notes", change_note="Law changed"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    latest = rule.history.first()
    assert latest.notes == "Updated notes" and latest.history_user == admin_user
    assert latest.history_change_reason == "Law changed"
    listing = admin_client.get(reverse("admin:templates_app_statenoticerule_changelist")).content.decode()
    assert rule.statute in listing


def test_read_only_page_previews_the_saved_text(client, django_user_model, defaults):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="viewer", password="pw-not-used", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_evictiontemplate"))
    client.force_login(user)
    body = client.get(change_url(template())).content.decode()
    assert 'id="preview-saved"' in body and 'name="content"' not in body
    result = preview(client, template_type="response", content=template().content, sample="s01-ca-nonpay-clean").json()
    assert "Tenant A. Sample" in result["text"]


def test_rule_history_has_a_diff(admin_client, defaults):
    rule = StateNoticeRule.objects.filter(state="CA", reason="non-payment").first()
    rule.notes = "First line\nSecond line (new)"
    rule.save()
    latest = rule.history.first()
    history = admin_client.get(reverse("admin:templates_app_statenoticerule_history", args=[rule.pk]))
    assert "diff with previous" in history.content.decode()
    response = admin_client.get(reverse("admin:templates_app_statenoticerule_diff", args=[rule.pk, latest.history_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<span class="add">+Second line (new)</span>' in body
    assert "Revert to" not in body, "rules are edited, not reverted"
