"""Migration 0007 ships the blind-set-2 rule data to existing databases: rows still holding the
previously shipped values are updated (with a history record); staff edits are kept."""

import importlib
from datetime import date

import pytest

from templates_app.models import StateNoticeRule
from tests.templates_app.migration_steps import migrate_to, migrate_to_latest

BEFORE = ("templates_app", "0006_rule_delivery_local_overrides")
AFTER = ("templates_app", "0007_rule_data_blind2")
BASELINE = date(2000, 1, 1)
OLD_AZ_NOTES = (
    "5 days to pay rent plus lease late fees. Certified mail: received at the earlier of receipt or 5 days "
    "after mailing (33-1313(B)). Effective date is a baseline for a long-standing rule, not a verified "
    "enactment date."
)


def _create(apps, **kw):
    model = apps.get_model("templates_app", "StateNoticeRule")
    return model.objects.create(min_days=5, statute="x", effective_date=BASELINE, **kw)


@pytest.mark.django_db(transaction=True)
def test_migration_updates_shipped_rows_keeps_staff_edits_and_reverses():
    try:
        apps = migrate_to(BEFORE)
        shipped = _create(apps, state="AZ", reason="non-payment", mail_extension_days=5, notes=OLD_AZ_NOTES)
        edited = _create(apps, state="AZ", reason="no-cause", mail_extension_days=7, notes="Staff: 7 days.")
        chicago = _create(apps, state="IL", reason="no-cause", notes="Staff wording.")
        apps = migrate_to(AFTER)
        model = apps.get_model("templates_app", "StateNoticeRule")
        az = model.objects.get(pk=shipped.pk)
        assert (az.mail_extension_days, az.mail_extension_uncertain_days) == (0, 5)
        assert "depending on the day of receipt" in az.notes
        kept = model.objects.get(pk=edited.pk)
        assert (kept.mail_extension_days, kept.mail_extension_uncertain_days, kept.notes) == (7, None, "Staff: 7 days.")
        il = model.objects.get(pk=chicago.pk)
        assert [o["city"] for o in il.local_overrides] == ["Chicago"] and il.notes == "Staff wording."
        historical = apps.get_model("templates_app", "HistoricalStateNoticeRule")
        assert historical.objects.filter(id=shipped.pk, history_type="~").count() == 1
        assert not historical.objects.filter(id=edited.pk).exists()

        apps = migrate_to(BEFORE)
        back = apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=shipped.pk)
        assert (back.mail_extension_days, back.mail_extension_uncertain_days, back.notes) == (5, None, OLD_AZ_NOTES)
    finally:
        migrate_to_latest()
        StateNoticeRule.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_migration_0008_replaces_shipped_content_patterns_only():
    changes = importlib.import_module("templates_app.migrations.0008_rule_content_spanish").CHANGES
    (key, old, new), *_ = [c for c in changes if c[0][0] == "CA"]
    try:
        apps = migrate_to(AFTER)
        model = apps.get_model("templates_app", "StateNoticeRule")
        effective = date.fromisoformat(key[2])
        shipped = model.objects.create(state="CA", reason=key[1], min_days=3, statute="x", effective_date=effective,
                                       required_content=old)  # fmt: skip
        edited = model.objects.create(state="NY", reason="non-payment", min_days=14, statute="x",
                                      effective_date=date(2024, 4, 20), required_content=[])  # fmt: skip
        apps = migrate_to(("templates_app", "0008_rule_content_spanish"))
        model = apps.get_model("templates_app", "StateNoticeRule")
        assert model.objects.get(pk=shipped.pk).required_content == new
        assert model.objects.get(pk=edited.pk).required_content == []
        apps = migrate_to(AFTER)
        assert apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=shipped.pk).required_content == old
    finally:
        migrate_to_latest()
        StateNoticeRule.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_migration_0009_dates_the_ga_rule_and_keeps_edited_notes():
    try:
        apps = migrate_to(("templates_app", "0008_rule_content_spanish"))
        model = apps.get_model("templates_app", "StateNoticeRule")
        ga = model.objects.create(state="GA", reason="non-payment", min_days=3, day_unit="business", statute="x",
                                  effective_date=date(2024, 7, 1), notes="Staff: checked with counsel.")  # fmt: skip
        apps = migrate_to(("templates_app", "0009_rule_lease_from_date"))
        rule = apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=ga.pk)
        assert (rule.lease_from_date, rule.notes) == (date(2024, 7, 1), "Staff: checked with counsel.")

    finally:
        migrate_to_latest()
        StateNoticeRule.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_migration_0009_reverse_restores_the_shipped_ga_notes_with_a_history_record():
    module = importlib.import_module("templates_app.migrations.0009_rule_lease_from_date")
    try:
        apps = migrate_to(("templates_app", "0008_rule_content_spanish"))
        model = apps.get_model("templates_app", "StateNoticeRule")
        ga = model.objects.create(state="GA", reason="non-payment", min_days=3, day_unit="business", statute="x",
                                  effective_date=date(2024, 7, 1), notes=module.OLD_NOTES)  # fmt: skip
        apps = migrate_to(("templates_app", "0009_rule_lease_from_date"))
        assert apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=ga.pk).notes == module.NEW_NOTES
        apps = migrate_to(("templates_app", "0008_rule_content_spanish"))
        assert apps.get_model("templates_app", "StateNoticeRule").objects.get(pk=ga.pk).notes == module.OLD_NOTES
        records = apps.get_model("templates_app", "HistoricalStateNoticeRule").objects.filter(id=ga.pk)
        latest = records.order_by("-history_date", "-history_id").first()
        assert (latest.notes, latest.history_change_reason) == (module.OLD_NOTES, module.REVERTED_REASON)
    finally:
        migrate_to_latest()
        StateNoticeRule.objects.all().delete()
