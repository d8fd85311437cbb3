"""Migration 0010 on a database built from the old defaults: rows only the loader (or a
shipped-data migration) wrote get their fingerprint, so the next load upgrades the twelve
letters to $deadline; a staff-edited row stays blank and is kept, a row of unknown origin
that equals the default gets its fingerprint from the load."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from templates_app.defaults.prompts import DEFAULT_PROMPTS
from templates_app.defaults.state_rules import STATE_RULES
from templates_app.defaults.templates import DEFAULT_TEMPLATES
from templates_app.models import EvictionTemplate, StateNoticeRule
from templates_app.services import row_fingerprint

from .migration_steps import migrate_to, migrate_to_latest

BEFORE = ("templates_app", "0009_rule_lease_from_date")
AFTER = ("templates_app", "0010_default_checksum")
STAFF, PROMPT = ("CA", "non-payment", "meta"), ("general", "general", "prompt")
TEMPLATE_FIELDS = ("state", "reason", "template_type", "title", "content", "metadata")


def _as_old_loader(apps, model_name, values, *, user_id=None, reason=None):
    """A row plus the '+' history record simple-history wrote when the old loader created it."""
    model = apps.get_model("templates_app", model_name)
    historical = apps.get_model("templates_app", f"Historical{model_name}")
    obj = model.objects.create(**values)
    fields = [f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
    historical.objects.create(
        **{f: getattr(obj, f) for f in fields},
        history_date=timezone.now(),
        history_type="+",
        history_user_id=user_id,
        history_change_reason=reason,
    )
    return obj


def _build_old_database(apps, staff_id):
    """Every shipped default as the old loader left it: letters with $deadline_date; the CA
    court page then edited by staff; the prompt known only from 0003's 'History started'."""
    ids = {}
    for spec in DEFAULT_TEMPLATES + DEFAULT_PROMPTS:
        values = {f: spec.get(f, "") for f in TEMPLATE_FIELDS}
        values["content"] = values["content"].replace("$deadline.", "$deadline_date.")
        values["metadata"] = spec.get("metadata", {})
        key = (spec["state"], spec["reason"], spec["template_type"])
        reason = "History started (existing row)" if key == PROMPT else None
        ids[key] = _as_old_loader(apps, "EvictionTemplate", values, reason=reason).pk
    known = {f.name for f in apps.get_model("templates_app", "StateNoticeRule")._meta.concrete_fields}
    for spec in STATE_RULES:  # as the old loader wrote it: fields added after 0009 have their default
        values = {k: v for k, v in spec.items() if k in known}
        values["effective_date"] = date.fromisoformat(spec["effective_date"])
        _as_old_loader(apps, "StateNoticeRule", values)
    model = apps.get_model("templates_app", "EvictionTemplate")
    historical = apps.get_model("templates_app", "HistoricalEvictionTemplate")
    edited = model.objects.get(pk=ids[STAFF])
    model.objects.filter(pk=edited.pk).update(content=edited.content + "\nStaff line.", version=2)
    historical.objects.create(
        **{f: getattr(edited, f) for f in ("id", *TEMPLATE_FIELDS, "is_active")},
        version=2, history_date=timezone.now(), history_type="~", history_user_id=staff_id,
    )  # fmt: skip
    return ids


@pytest.mark.django_db(transaction=True)
def test_migration_lets_the_next_load_upgrade_the_old_letters():
    staff = get_user_model().objects.create_user("ada.sample", password="x", is_staff=True)
    try:
        ids = _build_old_database(migrate_to(BEFORE), staff.pk)
        migrate_to(AFTER)
        blank = set(EvictionTemplate.objects.filter(default_checksum="").values_list("pk", flat=True))
        assert blank == {ids[STAFF], ids[PROMPT]}
        assert not StateNoticeRule.objects.filter(default_checksum="").exists()
        assert all(t.default_checksum == row_fingerprint(t) for t in EvictionTemplate.objects.exclude(pk__in=blank))

        migrate_to_latest()  # the code's schema
        out = StringIO()
        call_command("load_default_templates", stdout=out)
        lines = out.getvalue().splitlines()

        total = len(DEFAULT_TEMPLATES + DEFAULT_PROMPTS)
        # Rules whose default since changed in a field added after 0009 (0011: PA, MA, AZ; 0013: GA).
        added = ("lease_shortening_not_subsidised", "counted_from_receipt", "delivery_uncertain")
        changed = [r for r in STATE_RULES if any(r.get(name) for name in added)]
        assert lines == [
            f"templates: 12 updated to the new default, {total - 13} unchanged, 1 kept (edited by staff)",
            "  kept (edited by staff); the shipped default changed — review: "
            f"CA/non-payment/meta: /admin/templates_app/evictiontemplate/{ids[STAFF]}/change/",
            "  after review, `manage.py load_default_templates --reviewed` keeps them and stops the list",
            f"notice rules: {len(changed)} updated to the new default, {len(STATE_RULES) - len(changed)} unchanged",
        ]
        upgraded = EvictionTemplate.objects.filter(content__contains="$deadline.", version=2)
        assert upgraded.count() == 12
        assert not EvictionTemplate.objects.filter(content__contains="$deadline_date.", template_type="response")
        prompt = EvictionTemplate.objects.get(pk=ids[PROMPT])  # equal to the default: fingerprint recorded
        assert (prompt.version, prompt.default_checksum) == (1, row_fingerprint(prompt))
        assert EvictionTemplate.objects.get(pk=ids[STAFF]).content.endswith("Staff line.")
    finally:
        migrate_to_latest()
        EvictionTemplate.history.all().delete()
        StateNoticeRule.history.all().delete()
        EvictionTemplate.objects.all().delete()
        StateNoticeRule.objects.all().delete()
