"""Give rows that existed before history was recorded one '+' history entry each, so their
current version can be diffed, reverted to and pinned (like `populate_history`)."""

from django.db import migrations
from django.utils import timezone

TEMPLATE_FIELDS = ["id", "state", "reason", "template_type", "title", "content", "metadata", "is_active", "version"]


def _populate(apps, model_name, fields):
    model = apps.get_model("templates_app", model_name)
    historical = apps.get_model("templates_app", f"Historical{model_name}")
    have = set(historical.objects.values_list("id", flat=True).distinct())
    now = timezone.now()
    rows = [
        historical(
            **{f: getattr(obj, f) for f in fields},
            history_date=now,
            history_type="+",
            history_change_reason="History started (existing row)",
        )
        for obj in model.objects.exclude(pk__in=have)
    ]
    historical.objects.bulk_create(rows, batch_size=500)


def populate(apps, schema_editor):
    _populate(apps, "EvictionTemplate", TEMPLATE_FIELDS)
    rule = apps.get_model("templates_app", "StateNoticeRule")
    rule_fields = [f.attname for f in rule._meta.concrete_fields if f.name != "updated_at"]
    _populate(apps, "StateNoticeRule", rule_fields)


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0002_history")]

    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
