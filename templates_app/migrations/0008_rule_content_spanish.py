"""Spanish (and two more English) wordings for mandatory-content patterns, shipped to existing
databases: the CA 1161(2) payee elements ("EL PAGO SE DEBE HACER A", "Horario", "Make payment
to", "Payments accepted") and the NY RPL 231-c Good Cause notice ("desalojo por causa
justificada"). A rule's `required_content` is replaced only where it is still exactly the
previously shipped list (a staff edit is kept); changed rows get one history record.

Self-contained on purpose: a migration must not import app code that may change later.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

# ((state, reason, effective_date), previously shipped required_content, new required_content)
CHANGES = [
    (
        ("CA", "non-payment", "2019-09-01"),
        [
            {
                "code": "payee-name-address",
                "description": "Name and address of the person to whom rent is paid (CCP 1161(2))",
                "match": "any",
                "patterns": [
                    "payments?\\s+(must|may|should)\\s+be\\s+(made|mailed|delivered)\\s+to",
                    "payable\\s+to",
                    "\\bpay\\s+(rent\\s+)?to\\b",
                ],
                "severity": "warning",
            },
            {
                "code": "payee-phone",
                "description": "Telephone number of the person to pay (CCP 1161(2))",
                "match": "any",
                "patterns": ["\\(?\\d{3}\\)?[\\s.-]*\\d{3}[\\s.-]\\d{4}"],
                "severity": "warning",
            },
            {
                "code": "payee-hours-or-bank",
                "description": "Usual days and hours for payment, or a bank within 5 miles / electronic transfer (CCP "
                "1161(2))",
                "match": "any",
                "patterns": [
                    "\\b(hours|a\\.\\s?m\\.|p\\.\\s?m\\.|monday|weekdays)\\b",
                    "\\bbank\\b",
                    "electronic\\s+(funds\\s+)?transfer",
                ],
                "severity": "warning",
            },
        ],
        [
            {
                "code": "payee-name-address",
                "description": "Name and address of the person to whom rent is paid (CCP 1161(2))",
                "match": "any",
                "patterns": [
                    "payments?\\s+(must|may|should)\\s+be\\s+(made|mailed|delivered)\\s+to",
                    "payable\\s+to",
                    "\\bpay\\s+(rent\\s+)?to\\b",
                    "\\bmake\\s+(your\\s+)?payments?\\s+to\\b",
                    "\\bpayments?\\s+(are\\s+)?accepted\\b",
                    "\\bpag(o|os|ar)\\s+(se\\s+)?(debe|deben|puede|pueden)\\s+(hacer|hacerse|realizar|entregar)",
                    "\\bpagadero\\s+a\\b",
                ],
                "severity": "warning",
            },
            {
                "code": "payee-phone",
                "description": "Telephone number of the person to pay (CCP 1161(2))",
                "match": "any",
                "patterns": ["\\(?\\d{3}\\)?[\\s.-]*\\d{3}[\\s.-]\\d{4}"],
                "severity": "warning",
            },
            {
                "code": "payee-hours-or-bank",
                "description": "Usual days and hours for payment, or a bank within 5 miles / electronic transfer (CCP "
                "1161(2))",
                "match": "any",
                "patterns": [
                    "\\b(hours|a\\.\\s?m\\.|p\\.\\s?m\\.|monday|weekdays)\\b",
                    "\\bbank\\b",
                    "electronic\\s+(funds\\s+)?transfer",
                    "\\b(horario|lunes|banco)\\b",
                    "transferencia\\s+electr[oó]nica",
                ],
                "severity": "warning",
            },
        ],
    ),
    (
        ("NY", "non-payment", "2024-04-20"),
        [
            {
                "code": "good-cause-notice",
                "description": "Notice of applicability of the Good Cause Eviction Law attached (RPL § 231-c)",
                "match": "any",
                "patterns": ["good\\s+cause\\s+eviction"],
                "severity": "warning",
            }
        ],
        [
            {
                "code": "good-cause-notice",
                "description": "Notice of applicability of the Good Cause Eviction Law attached (RPL § 231-c)",
                "match": "any",
                "patterns": ["good\\s+cause\\s+eviction", "desalojo\\s+por\\s+causa\\s+justificada"],
                "severity": "warning",
            }
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


def _apply(apps, forwards, reason):
    rule_model = apps.get_model("templates_app", "StateNoticeRule")
    now = timezone.now()
    for (state, rule_reason, effective), old, new in CHANGES:
        before, after = (old, new) if forwards else (new, old)
        rule = rule_model.objects.filter(
            state=state, reason=rule_reason, effective_date=date.fromisoformat(effective)
        ).first()
        # Compared in Python, not with a JSON lookup: equal lists must match whatever the key order.
        if rule is None or rule.required_content != before:
            continue
        # update(), not save(): `updated_at` says when staff last edited the rule.
        rule_model.objects.filter(pk=rule.pk).update(required_content=after)
        rule.refresh_from_db()
        _record(apps, rule, reason, now)


def forwards(apps, schema_editor):
    _apply(apps, True, "Shipped content patterns: Spanish CA payee and NY Good Cause wording")


def backwards(apps, schema_editor):
    _apply(apps, False, "Shipped content patterns reverted to the pre-0008 defaults")


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0007_rule_data_blind2")]

    operations = [migrations.RunPython(forwards, backwards)]
