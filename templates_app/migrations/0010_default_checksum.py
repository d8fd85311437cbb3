"""`default_checksum` on templates and rules: the fingerprint of the shipped default a row was
last loaded from, so `load_default_templates` can upgrade rows nobody edited (e.g. the twelve
letters still saying "$deadline_date" where the default now says "$deadline") and keep staff edits.

Existing rows get a fingerprint only when their history proves nobody but the machine wrote
them: every record has no user and no change reason (the loader, create or --force) or the
reason of a shipped-data migration (0005, 0007-0009). Such a row holds a shipped default, old
or new, so its own content is its fingerprint: the next load upgrades it when the default has
changed (its current content, rather than the first record's, also covers rows a shipped-data
migration already moved on). Any other row (a staff user or note in its history, or only the
0003 "History started" record, which cannot say who wrote the row before history began) stays
blank: the loader records the fingerprint once the row equals the current default, and
otherwise keeps the row and lists it for review.

Self-contained on purpose: a migration must not import app code that may change later. The
fingerprint below is a frozen copy of `templates_app.services.default_fingerprint`.
"""

import hashlib
import json

from django.db import migrations, models

HELP = (
    "Fingerprint of the shipped default this row was last loaded from (for a staff edit: last reviewed against, "
    "load_default_templates --reviewed); blank for rows staff created. While the row still matches it, "
    "load_default_templates may upgrade it to a newer default; a staff edit is kept."
)
NOT_CONTENT = {"id", "state", "reason", "template_type", "effective_date", "updated_at", "default_checksum"}
TEMPLATE_MANAGED = ("title", "content", "metadata")
MACHINE_REASONS = {
    None,
    "",
    "Shipped default loaded",
    "Updated to the new shipped default",
    "Reset to the shipped default (--force)",
    "Rule flags moved from notes into fields",
    "Rule fields moved back into notes flags",
    "Shipped rule data: AZ mail receipt window, TX outside posting, Chicago review",
    "Shipped rule data reverted to the pre-0007 defaults",
    "Shipped content patterns: Spanish CA payee and NY Good Cause wording",
    "Shipped content patterns reverted to the pre-0008 defaults",
    "Shipped rule data: GA 44-7-50(c) covers leases from 2024-07-01",
    "Shipped rule data reverted to the pre-0009 GA notes",
}


def _managed(model):
    if model.__name__ == "EvictionTemplate":
        return [model._meta.get_field(name) for name in TEMPLATE_MANAGED]
    return [f for f in model._meta.concrete_fields if f.name not in NOT_CONTENT]


def fingerprint(model, obj):
    canonical = {}
    for f in _managed(model):
        value = f.to_python(getattr(obj, f.name))
        if value != f.get_default():
            canonical[f.name] = value
    text = json.dumps(canonical, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _machine_only(historical):
    """{row id: True when every history record of it was written by the loader or a migration}."""
    verdict = {}
    for row_id, user_id, reason in historical.objects.values_list("id", "history_user_id", "history_change_reason"):
        verdict[row_id] = verdict.get(row_id, True) and user_id is None and reason in MACHINE_REASONS
    return verdict


def _fill(apps, model_name):
    model = apps.get_model("templates_app", model_name)
    machine = _machine_only(apps.get_model("templates_app", f"Historical{model_name}"))
    for obj in model.objects.filter(default_checksum="").order_by("pk"):
        if machine.get(obj.pk):
            # update(), not save(): bookkeeping, no new version, `updated_at` untouched.
            model.objects.filter(pk=obj.pk).update(default_checksum=fingerprint(model, obj))


def forwards(apps, schema_editor):
    _fill(apps, "EvictionTemplate")
    _fill(apps, "StateNoticeRule")


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0009_rule_lease_from_date")]

    operations = [
        migrations.AddField(
            model_name="evictiontemplate",
            name="default_checksum",
            field=models.CharField(blank=True, default="", editable=False, help_text=HELP, max_length=64),
        ),
        migrations.AddField(
            model_name="statenoticerule",
            name="default_checksum",
            field=models.CharField(blank=True, default="", editable=False, help_text=HELP, max_length=64),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
