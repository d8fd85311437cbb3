"""The rule properties that used to hide in `notes` as `[flag:...]` tokens are fields: staff
see and edit them in the admin, contradictions are refused, the checker receives them from
the database, and migration 0005 moved existing tokens out of the notes."""

from datetime import date

import pytest
from django.urls import reverse

from templates_app.defaults.state_rules import STATE_RULES
from templates_app.forms import StateNoticeRuleForm
from templates_app.models import StateNoticeRule
from templates_app.selectors import RULE_FIELDS, rules_as_dicts

from .migration_steps import migrate_to, migrate_to_latest
from .test_admin_templates import rule_data

pytestmark = pytest.mark.django_db
NEW_FIELDS = (
    "mail_extension_uncertain_days",
    "alt_day_unit",
    "long_lease_min_days",
    "must_end_on_rent_day",
    "just_cause_after_months",
)


def _rule(state, reason, effective=None) -> StateNoticeRule:
    rules = StateNoticeRule.objects.filter(state=state, reason=reason)
    return rules.get(effective_date=effective) if effective else rules.first()


def _key(rule: dict) -> tuple:
    return rule["state"], rule["reason"], str(rule["effective_date"])


def test_the_checker_receives_every_field_from_the_database(defaults):
    """rules_as_dicts (what batches and the evaluation read) equals the shipped rules, so a
    field missing from RULE_FIELDS cannot silently switch a check off in production."""
    shipped = {_key(r): r for r in STATE_RULES}
    loaded = rules_as_dicts()
    assert len(loaded) == len(shipped)
    for rule in loaded:
        expected = shipped[_key(rule)]
        assert {k: rule[k] for k in expected} == expected, _key(rule)
    assert sum(bool(r["must_end_on_rent_day"]) for r in loaded) == 3
    assert sum(r["mail_extension_uncertain_days"] is not None for r in loaded) == 25  # AZ since 0007


def test_every_shipped_rule_passes_the_admin_form(defaults):
    for rule in StateNoticeRule.objects.all():
        form = StateNoticeRuleForm(data=rule_data(rule), instance=rule)
        assert form.is_valid(), (str(rule), form.errors)


@pytest.mark.parametrize(
    ("rule_key", "changes", "field", "phrase"),
    [
        (("OH", "non-payment"), {"alt_day_unit": "calendar"}, "alt_day_unit", "must differ from `day_unit`"),
        (("PA", "no-cause"), {"long_lease_min_days": 15}, "long_lease_min_days", "longer than `min_days` (15)"),
        (("GA", "lease-violation"), {"long_lease_min_days": 30}, "long_lease_min_days", "needs a base `min_days`"),
        (("AZ", "non-payment"), {"mail_extension_days": 5}, "mail_extension_uncertain_days", "exceed"),
        (("WA", "no-cause"), {"just_cause_after_months": 12}, "just_cause_after_months", "not allowed at all"),
        (("WA", "no-cause"), {"must_end_on_rent_day": "on"}, "must_end_on_rent_day", "not allowed at all"),
        (("NJ", "non-payment"), {"must_end_on_rent_day": "on"}, "must_end_on_rent_day", "No notice is required"),
        (("NJ", "non-payment"), {"mail_extension_uncertain_days": 0}, "mail_extension_uncertain_days", "No notice"),
        (("CA", "no-cause"), {"just_cause_after_months": 0}, "just_cause_after_months", "greater than or equal to 1"),
        (("OH", "non-payment"), {"alt_day_unit": "weekly"}, "alt_day_unit", "not one of the available choices"),
    ],
)
def test_admin_refuses_contradictions(admin_client, defaults, rule_key, changes, field, phrase):
    rule = _rule(*rule_key)
    before = rules_as_dicts()
    url = reverse("admin:templates_app_statenoticerule_change", args=[rule.pk])
    response = admin_client.post(url, rule_data(rule, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert phrase in " ".join(errors[field]), errors
    assert rules_as_dicts() == before


def test_admin_edits_a_field_and_the_history_records_it(admin_client, admin_user, defaults):
    rule = _rule("IL", "lease-violation")
    url = reverse("admin:templates_app_statenoticerule_change", args=[rule.pk])
    page = admin_client.get(url).content.decode()
    assert "Mail service" in page and "Unsettled variants" in page
    assert "the most days mailing may add in total" in page  # help_text is shown to staff
    response = admin_client.post(url, rule_data(rule, mail_extension_uncertain_days=3, change_note="Court ruling"))
    assert response.status_code == 302
    latest = rule.history.first()
    assert (latest.mail_extension_uncertain_days, latest.history_user, latest.history_change_reason) == (
        3,
        admin_user,
        "Court ruling",
    )
    assert latest.prev_record.mail_extension_uncertain_days == 0
    diff = admin_client.get(reverse("admin:templates_app_statenoticerule_diff", args=[rule.pk, latest.history_id]))
    assert "mail_extension_uncertain_days" in diff.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("rent-day", {("FL", "no-cause"), ("MA", "no-cause")}),
        ("counting", {("OH", "non-payment"), ("OH", "lease-violation"), ("OH", "holdover")}),
        ("delivery", {("TX", "non-payment"), ("TX", "lease-violation"), ("TX", "holdover")}),
        ("long-lease", {("PA", "lease-violation"), ("PA", "no-cause"), ("PA", "holdover")}),
        ("just-cause", {("CA", "no-cause")}),
    ],
)
def test_changelist_filters_by_extra_check(admin_client, defaults, value, expected):
    url = reverse("admin:templates_app_statenoticerule_changelist")
    response = admin_client.get(url, {"extra_check": value})
    shown = {(r.state, r.reason) for r in response.context["cl"].result_list}
    assert shown == expected


def test_changelist_shows_rent_day_rules(admin_client, defaults):
    body = admin_client.get(reverse("admin:templates_app_statenoticerule_changelist")).content.decode()
    assert "30 calendar, ends on a rent day" in body


# --- Migration 0005: flags out of notes ---------------------------------------------------------

BEFORE, AFTER = ("templates_app", "0004_rule_flag_fields"), ("templates_app", "0005_rule_flags_out_of_notes")
OLD_NOTES = (
    "At will: 30 days. Counted from receipt. [flag:mail-extension-unsure=0] [flag:ends-on-rent-day=1] "
    "Courts differ. [flag:alt-day-unit=court] [flag:just-cause-after-months=12] "
    "[flag:longer-period-possible=30] [flag:alt-day-unit=fortnight] [flag:some-new-flag=1]"
)


@pytest.mark.django_db(transaction=True)
def test_migration_moves_flags_into_fields_and_back():
    try:
        apps = migrate_to(BEFORE)
        rule_model = apps.get_model("templates_app", "StateNoticeRule")
        old = rule_model.objects.create(
            state="MA", reason="no-cause", min_days=30, statute="G.L. c.186 § 12", effective_date=date(2000, 1, 1),
            notes=OLD_NOTES,
        )  # fmt: skip
        plain = rule_model.objects.create(
            state="MA", reason="non-payment", min_days=14, statute="G.L. c.186 § 11", effective_date=date(2000, 1, 1),
            notes="No flags here.",
        )  # fmt: skip
        apps = migrate_to(AFTER)
        rule = apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=old.pk)
        # The last alt-day-unit token ("fortnight") does not parse: it stays, and so does the
        # earlier one (the old parser read the last); unknown names stay too.
        assert rule.notes == (
            "At will: 30 days. Counted from receipt. Courts differ. [flag:alt-day-unit=court] "
            "[flag:alt-day-unit=fortnight] [flag:some-new-flag=1]"
        )
        assert (rule.mail_extension_uncertain_days, rule.must_end_on_rent_day, rule.alt_day_unit) == (0, True, "")
        assert (rule.just_cause_after_months, rule.long_lease_min_days) == (12, 30)
        historical = apps.get_model("templates_app", "HistoricalStateNoticeRule")
        [record] = historical.objects.filter(id=old.pk)
        assert record.history_change_reason == "Rule flags moved from notes into fields"
        assert record.must_end_on_rent_day is True and record.notes == rule.notes
        assert not historical.objects.filter(id=plain.pk).exists()

        apps = migrate_to(BEFORE)
        back = apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=old.pk)
        for token in (
            "[flag:mail-extension-unsure=0]",
            "[flag:ends-on-rent-day=1]",
            "[flag:just-cause-after-months=12]",
        ):
            assert token in back.notes
        assert "[flag:longer-period-possible=30]" in back.notes
    finally:
        migrate_to_latest()
        StateNoticeRule.objects.all().delete()


def test_the_admin_fieldsets_show_every_rule_field():
    """RULE_FIELDS comes from the model; the hand-laid admin fieldsets must still show each one,
    or a new field would be saved by the form but invisible to staff."""
    from django.contrib import admin as django_admin
    from django.contrib.admin.utils import flatten_fieldsets

    shown = set(flatten_fieldsets(django_admin.site._registry[StateNoticeRule].fieldsets))
    assert set(RULE_FIELDS) <= shown, set(RULE_FIELDS) - shown
    assert "default_checksum" not in RULE_FIELDS
