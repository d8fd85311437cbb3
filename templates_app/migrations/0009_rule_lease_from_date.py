"""StateNoticeRule.lease_from_date: a rule that covers only leases entered or renewed from a
date (GA 44-7-50(c), HB 404: 2024-07-01) fails a notice only when the notice shows such a
lease; otherwise the failure needs review. The shipped GA row gets the date (the field is new,
so no staff edit can be lost) and its notes, when they are still exactly the shipped text;
a changed row gets one history record.

Self-contained on purpose: a migration must not import app code that may change later.
"""

from datetime import date

from django.db import migrations, models
from django.utils import timezone

KEY = {"state": "GA", "reason": "non-payment", "effective_date": date(2024, 7, 1)}
FROM = date(2024, 7, 1)
OLD_NOTES = (
    "Leases entered or renewed from 2024-07-01: 3 business days to pay or vacate. UNSURE of the delivery "
    "method (sealed envelope on the door plus a lease method) and the rule keys on the lease date, which the "
    "notice may not show."
)
NEW_NOTES = OLD_NOTES[:-1] + " (a short notice with no such lease date needs review)."
REVERTED_REASON = "Shipped rule data reverted to the pre-0009 GA notes"
HELP = (
    "Only for a rule that covers leases entered or renewed on or after this date (GA 44-7-50(c), HB 404: "
    "2024-07-01). A notice that fails this rule but does not show a lease or renewal date on or after it needs "
    "review, because an older lease may fall under an older rule. Empty otherwise."
)


def _record(apps, rule, reason):
    """One '~' history record of the rule as it is now (like simple-history's own)."""
    historical = apps.get_model("templates_app", "HistoricalStateNoticeRule")
    fields = [f.attname for f in rule._meta.concrete_fields if f.name != "updated_at"]
    historical.objects.create(
        **{f: getattr(rule, f) for f in fields},
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=reason,
    )


def forwards(apps, schema_editor):
    rule_model = apps.get_model("templates_app", "StateNoticeRule")
    rule = rule_model.objects.filter(**KEY).first()
    if rule is None or rule.min_days is None:  # a staff-emptied period cannot carry the date
        return
    values = {"lease_from_date": FROM, **({"notes": NEW_NOTES} if rule.notes == OLD_NOTES else {})}
    # update(), not save(): `updated_at` says when staff last edited the rule.
    rule_model.objects.filter(pk=rule.pk).update(**values)
    rule.refresh_from_db()
    _record(apps, rule, "Shipped rule data: GA 44-7-50(c) covers leases from 2024-07-01")


def backwards(apps, schema_editor):
    rule_model = apps.get_model("templates_app", "StateNoticeRule")
    rule = rule_model.objects.filter(**KEY, notes=NEW_NOTES).first()
    if rule is None:  # staff changed the notes since: theirs stay
        return
    rule_model.objects.filter(pk=rule.pk).update(notes=OLD_NOTES)
    rule.refresh_from_db()
    # Like forwards: the history must show the notes going back, or it would claim NEW_NOTES.
    _record(apps, rule, REVERTED_REASON)


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0008_rule_content_spanish")]

    operations = [
        # The reverse runs last, after the fields are gone: on PostgreSQL a history row written
        # before an ALTER TABLE of its table in one transaction fails ("pending trigger events").
        migrations.RunPython(migrations.RunPython.noop, backwards),
        migrations.AddField(
            model_name="historicalstatenoticerule",
            name="lease_from_date",
            field=models.DateField(blank=True, help_text=HELP, null=True),
        ),
        migrations.AddField(
            model_name="statenoticerule",
            name="lease_from_date",
            field=models.DateField(blank=True, help_text=HELP, null=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
