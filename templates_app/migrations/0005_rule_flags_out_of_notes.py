"""Move the machine-readable `[flag:name=value]` tokens out of StateNoticeRule.notes into the
fields 0004 added, and strip them from the notes.

A token whose value does not parse stays in the notes untouched, so nothing is lost silently
(the checker ignored such tokens before, and nothing reads them now). Every changed rule gets
one history record saying why, so the rule's history shows the move. Older history records
are left as they were: they record the rule as it was, flags in notes. Reversible: going back
appends the tokens to the end of the notes (where they were inside the text is not kept; the
old parser read them anywhere).

Self-contained on purpose: a migration must not import app code that may change later.
"""

import re

from django.db import migrations
from django.utils import timezone

# A token and the spaces or tabs before it (so "text. [flag:x=1]" becomes "text.").
FLAG_RE = re.compile(r"[ \t]*\[flag:([a-z-]+)=([^\]]*)\]")
UNITS = ("calendar", "court", "business", "hours", "months")
FIELD_FOR_FLAG = {
    "alt-day-unit": "alt_day_unit",
    "ends-on-rent-day": "must_end_on_rent_day",
    "just-cause-after-months": "just_cause_after_months",
    "longer-period-possible": "long_lease_min_days",
    "mail-extension-unsure": "mail_extension_uncertain_days",
}
EMPTY = {"alt_day_unit": "", "must_end_on_rent_day": False}  # the others are nullable


def _parse(flag, raw):
    """The field value for one flag's value (as rule_flags/int_flag read it), or
    ValueError when it does not parse."""
    if flag == "alt-day-unit":
        if raw.strip() not in UNITS:
            raise ValueError(raw)
        return raw.strip()
    if not raw.strip().isdigit():
        raise ValueError(raw)
    number = int(raw)
    if flag == "ends-on-rent-day":
        return bool(number)
    if flag == "longer-period-possible":
        return number or None  # 0 meant nothing (the checker tested it for truth)
    return number


def flags_to_fields(notes):
    """(notes without the moved tokens, {field: value}). The last token of a name wins, as
    it did when the checker read them; unknown or unparsable names stay in the notes."""
    last = dict((m.group(1), m.group(2)) for m in FLAG_RE.finditer(notes or ""))
    values = {}
    for flag, raw in last.items():
        if flag in FIELD_FOR_FLAG:
            try:
                values[FIELD_FOR_FLAG[flag]] = _parse(flag, raw)
            except ValueError:
                continue
    moved = {flag for flag, field in FIELD_FOR_FLAG.items() if field in values}
    text = FLAG_RE.sub(lambda m: "" if m.group(1) in moved else m.group(0), notes or "")
    return text.strip(), values


def fields_to_flags(rule):
    """The reverse: (notes with tokens appended, the fields emptied)."""
    tokens = []
    for flag, field in FIELD_FOR_FLAG.items():
        value = getattr(rule, field)
        if value is None or value == "" or value is False:  # not `in (...)`: 0 is a value here
            continue
        tokens.append(f"[flag:{flag}={int(value) if isinstance(value, bool) else value}]")
    notes = " ".join([rule.notes.strip(), *tokens]).strip() if tokens else rule.notes
    return notes, {field: EMPTY.get(field) for field in FIELD_FOR_FLAG.values()}


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


def _rewrite(apps, convert, reason):
    rule_model = apps.get_model("templates_app", "StateNoticeRule")
    now = timezone.now()
    for rule in rule_model.objects.order_by("pk"):
        notes, values = convert(rule)
        if notes == rule.notes and all(getattr(rule, f) == v for f, v in values.items()):
            continue
        # update(), not save(): `updated_at` says when staff last edited the rule.
        rule_model.objects.filter(pk=rule.pk).update(notes=notes, **values)
        rule.refresh_from_db()
        _record(apps, rule, reason, now)


def forwards(apps, schema_editor):
    _rewrite(apps, lambda rule: flags_to_fields(rule.notes), "Rule flags moved from notes into fields")


def backwards(apps, schema_editor):
    _rewrite(apps, fields_to_flags, "Rule fields moved back into notes flags")


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0004_rule_flag_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
