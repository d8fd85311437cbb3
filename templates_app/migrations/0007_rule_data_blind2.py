"""Ship the blind-set-2 rule data to existing databases without touching staff edits.

`load_default_templates` keeps any row that differs from the shipped values (it cannot tell a
staff edit from an older default), so changed defaults need this migration: each group of
fields below is updated only where the row still holds the previously shipped values of that
group (AZ's two mail fields move together, so a half-edited pair is never made inconsistent;
notes only when they are exactly the shipped text). New rules (OH holdover) are created by
`load_default_templates`, which adds missing rows. Changed rows get one history record.

- AZ 33-1313(B): certified mail is received on actual receipt or 5 days after mailing,
  whichever is earlier: mailing adds 0 to 5 days, not a certain 5.
- TX 24.005(f),(f-1): outside posting is delivery only with a same-day mailing.
- IL 9-207: Chicago's Fair Notice ordinance (tiers without thresholds) makes Chicago premises
  need review.

Self-contained on purpose: a migration must not import app code that may change later.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

# ((state, reason, effective_date), [(old values, new values), ...])
CHANGES = [
    (
        ("TX", "non-payment", "2000-01-01"),
        [
            ({"outside_posting_needs_mail": False}, {"outside_posting_needs_mail": True}),
            (
                {
                    "notes": "3-day notice to vacate; pay-or-vacate allowed after a written reminder (24.005(i)). Calendar "
                    "days from delivery unless the written lease sets a shorter or longer period. Effective date "
                    "is a baseline for a long-standing rule, not a verified enactment date."
                },
                {
                    "notes": "3-day notice to vacate; pay-or-vacate allowed after a written reminder (24.005(i)). Calendar "
                    "days from delivery unless the written lease sets a shorter or longer period. Delivery "
                    "(24.005(f),(f-1)): in person, affixed inside the main entry door, or by mail; outside posting "
                    "only in limited cases with a same-day mailing. Effective date is a baseline for a "
                    "long-standing rule, not a verified enactment date."
                },
            ),
        ],
    ),
    (
        ("TX", "lease-violation", "2000-01-01"),
        [
            ({"outside_posting_needs_mail": False}, {"outside_posting_needs_mail": True}),
            (
                {
                    "notes": "Same 3-day notice to vacate; no statutory cure. Calendar days from delivery unless the "
                    "written lease sets a shorter or longer period. Effective date is a baseline for a "
                    "long-standing rule, not a verified enactment date."
                },
                {
                    "notes": "Same 3-day notice to vacate; no statutory cure. Calendar days from delivery unless the "
                    "written lease sets a shorter or longer period. Delivery (24.005(f),(f-1)): in person, affixed "
                    "inside the main entry door, or by mail; outside posting only in limited cases with a same-day "
                    "mailing. Effective date is a baseline for a long-standing rule, not a verified enactment "
                    "date."
                },
            ),
        ],
    ),
    (
        ("TX", "holdover", "2000-01-01"),
        [
            ({"outside_posting_needs_mail": False}, {"outside_posting_needs_mail": True}),
            (
                {
                    "notes": "3-day notice to vacate to a tenant holding over. Calendar days from delivery unless the "
                    "written lease sets a shorter or longer period. Effective date is a baseline for a "
                    "long-standing rule, not a verified enactment date."
                },
                {
                    "notes": "3-day notice to vacate to a tenant holding over. Calendar days from delivery unless the "
                    "written lease sets a shorter or longer period. Delivery (24.005(f),(f-1)): in person, affixed "
                    "inside the main entry door, or by mail; outside posting only in limited cases with a same-day "
                    "mailing. Effective date is a baseline for a long-standing rule, not a verified enactment "
                    "date."
                },
            ),
        ],
    ),
    (
        ("IL", "no-cause", "2000-01-01"),
        [
            (
                {"local_overrides": []},
                {
                    "local_overrides": [
                        {
                            "city": "Chicago",
                            "note": "Chicago's Fair Notice ordinance gives 30/60/120 days for terminations and "
                            "non-renewals by tenancy length; which tenancy lengths reach 60 or 120 "
                            "days is not verified.",
                            "upToDays": 120,
                        }
                    ]
                },
            ),
            (
                {
                    "notes": "30 days month-to-month, 7 week-to-week; 60 for year-to-year (9-205). Chicago Fair Notice: "
                    "30/60/120 by tenancy length. Effective date is a baseline for a long-standing rule, not a "
                    "verified enactment date."
                },
                {
                    "notes": "30 days month-to-month, 7 week-to-week; 60 for year-to-year (9-205). Chicago Fair Notice: "
                    "30/60/120 by tenancy length (thresholds not in the reference, so Chicago premises need "
                    "review). Effective date is a baseline for a long-standing rule, not a verified enactment "
                    "date."
                },
            ),
        ],
    ),
    (
        ("AZ", "non-payment", "2000-01-01"),
        [
            (
                {"mail_extension_days": 5, "mail_extension_uncertain_days": None},
                {"mail_extension_days": 0, "mail_extension_uncertain_days": 5},
            ),
            (
                {
                    "notes": "5 days to pay rent plus lease late fees. Certified mail: received at the earlier of receipt "
                    "or 5 days after mailing (33-1313(B)). Effective date is a baseline for a long-standing rule, "
                    "not a verified enactment date."
                },
                {
                    "notes": "5 days to pay rent plus lease late fees. Certified mail: received at the earlier of actual "
                    "receipt or 5 days after mailing (33-1313(B)), so mailing adds up to 5 days depending on the "
                    "day of receipt. Effective date is a baseline for a long-standing rule, not a verified "
                    "enactment date."
                },
            ),
        ],
    ),
    (
        ("AZ", "lease-violation", "2000-01-01"),
        [
            (
                {"mail_extension_days": 5, "mail_extension_uncertain_days": None},
                {"mail_extension_days": 0, "mail_extension_uncertain_days": 5},
            ),
            (
                {
                    "notes": "10-day cure for material non-compliance; 5-day cure for health and safety. UNSURE: repeat "
                    "breach within 6 months, 10 days with no cure. Effective date is a baseline for a "
                    "long-standing rule, not a verified enactment date."
                },
                {
                    "notes": "10-day cure for material non-compliance; 5-day cure for health and safety. UNSURE: repeat "
                    "breach within 6 months, 10 days with no cure. Certified mail: received at the earlier of "
                    "actual receipt or 5 days after mailing (33-1313(B)), so mailing adds up to 5 days depending "
                    "on the day of receipt. Effective date is a baseline for a long-standing rule, not a verified "
                    "enactment date."
                },
            ),
        ],
    ),
    (
        ("AZ", "no-cause", "2000-01-01"),
        [
            (
                {"mail_extension_days": 5, "mail_extension_uncertain_days": None},
                {"mail_extension_days": 0, "mail_extension_uncertain_days": 5},
            ),
            (
                {
                    "notes": "Month-to-month: 30 days before the periodic rental date; week-to-week 10. Effective date is a "
                    "baseline for a long-standing rule, not a verified enactment date."
                },
                {
                    "notes": "Month-to-month: 30 days before the periodic rental date; week-to-week 10. Certified mail: "
                    "received at the earlier of actual receipt or 5 days after mailing (33-1313(B)), so mailing "
                    "adds up to 5 days depending on the day of receipt. Effective date is a baseline for a "
                    "long-standing rule, not a verified enactment date."
                },
            ),
        ],
    ),
]


def _record(apps, rule, reason, now):
    """One '~' history record of the rule as it is now (like simple-history's own)."""
    historical = apps.get_model("templates_app", "HistoricalStateNoticeRule")
    fields = [f.attname for f in rule._meta.concrete_fields if f.name != "updated_at"]
    historical.objects.create(
        **{f: getattr(rule, f) for f in fields},
        history_date=now,
        history_type="~",
        history_change_reason=reason,
    )


def _apply(apps, direction, reason):
    rule_model = apps.get_model("templates_app", "StateNoticeRule")
    now = timezone.now()
    for (state, rule_reason, effective), groups in CHANGES:
        rule = rule_model.objects.filter(
            state=state, reason=rule_reason, effective_date=date.fromisoformat(effective)
        ).first()
        if rule is None:
            continue
        values = {}
        for old, new in groups:
            before, after = (old, new) if direction == "forwards" else (new, old)
            if all(getattr(rule, f) == v for f, v in before.items()):
                values.update(after)
        if values:
            # update(), not save(): `updated_at` says when staff last edited the rule.
            rule_model.objects.filter(pk=rule.pk).update(**values)
            rule.refresh_from_db()
            _record(apps, rule, reason, now)


def forwards(apps, schema_editor):
    _apply(apps, "forwards", "Shipped rule data: AZ mail receipt window, TX outside posting, Chicago review")


def backwards(apps, schema_editor):
    _apply(apps, "backwards", "Shipped rule data reverted to the pre-0007 defaults")


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0006_rule_delivery_local_overrides")]

    operations = [migrations.RunPython(forwards, backwards)]
