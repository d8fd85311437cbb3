"""load_default_templates: rows nobody edited follow a changed default, staff edits are kept
(and listed for review when their default changed), --force resets, a second load is a no-op."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from templates_app import cache
from templates_app.defaults.prompts import DEFAULT_PROMPTS
from templates_app.defaults.state_rules import STATE_RULES
from templates_app.defaults.templates import DEFAULT_TEMPLATES
from templates_app.models import EvictionTemplate, StateNoticeRule
from templates_app.services import (
    UPGRADED_REASON,
    row_fingerprint,
    rules_load_defaults,
    templates_load_defaults,
)

pytestmark = pytest.mark.django_db

ALL_TEMPLATES = DEFAULT_TEMPLATES + DEFAULT_PROMPTS
CA_KEY = {"state": "CA", "reason": "non-payment", "template_type": "response"}


def old_letters() -> list[dict]:
    """The defaults as shipped before the $deadline placeholder (641c3eb): the act-by
    sentences said $deadline_date."""
    return [{**spec, "content": spec["content"].replace("$deadline.", "$deadline_date.")} for spec in ALL_TEMPLATES]


def load(*args) -> str:
    out = StringIO()
    call_command("load_default_templates", *args, stdout=out)
    return out.getvalue()


def staff_edit(obj, user, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj._change_reason = "Staff wording"
    obj.save()


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("ada.sample", password="x", is_staff=True)


def test_old_defaults_are_the_twelve_letters():
    changed = [a for a, b in zip(old_letters(), ALL_TEMPLATES, strict=True) if a["content"] != b["content"]]
    assert len(changed) == 12 and all("$deadline." not in spec["content"] for spec in changed)


def test_untouched_old_default_upgrades_with_history_cache_and_pins(django_capture_on_commit_callbacks):
    templates_load_defaults(templates=old_letters())
    old = cache.get_template("CA", "non-payment", "response")  # cached at version 1
    assert "move out by $deadline_date." in old.content

    with django_capture_on_commit_callbacks(execute=True):
        report = templates_load_defaults(templates=ALL_TEMPLATES)

    assert (report.updated, report.created, report.kept_edits, report.review) == (12, 0, 0, [])
    assert report.unchanged == len(ALL_TEMPLATES) - 12
    template = EvictionTemplate.objects.get(**CA_KEY)
    assert "move out by $deadline." in template.content and template.version == 2
    assert template.default_checksum == row_fingerprint(template)
    latest = template.history.latest()
    assert (latest.history_change_reason, latest.history_user, latest.version) == (UPGRADED_REASON, None, 2)
    assert cache.get_template("CA", "non-payment", "response").version == 2  # invalidated after commit
    pinned, _ = cache.resolve_template("CA", "non-payment", "response", pins={template.cache_key: 1})
    assert pinned.version == 1 and pinned.content == old.content  # a batch launched before keeps its letter


def test_untouched_old_rule_upgrades():
    old = [{**spec, "notes": "Older shipped notes."} if spec["state"] == "TX" else spec for spec in STATE_RULES]
    rules_load_defaults(rules=old)
    report = rules_load_defaults(rules=STATE_RULES)
    tx = [spec for spec in STATE_RULES if spec["state"] == "TX"]
    assert (report.updated, report.unchanged, report.kept_edits) == (len(tx), len(STATE_RULES) - len(tx), 0)
    assert not StateNoticeRule.objects.filter(notes="Older shipped notes.").exists()


def test_staff_edit_is_kept_and_listed_when_the_default_changed(staff):
    templates_load_defaults(templates=old_letters())
    template = EvictionTemplate.objects.get(**CA_KEY)
    staff_edit(template, staff, content=template.content + "\nCall Ada Sample first.")

    report = templates_load_defaults(templates=ALL_TEMPLATES)

    assert (report.updated, report.kept_edits) == (11, 1)
    assert report.review == [f"CA/non-payment/response: /admin/templates_app/evictiontemplate/{template.pk}/change/"]
    kept = EvictionTemplate.objects.get(**CA_KEY)
    assert kept.content.endswith("Call Ada Sample first.") and kept.version == 2


def test_staff_edit_of_an_unchanged_default_is_kept_without_review(staff):
    rules_load_defaults(rules=STATE_RULES)
    rule = StateNoticeRule.objects.get(state="GA", reason="non-payment", lease_from_date__isnull=False)
    staff_edit(rule, staff, notes="Checked with counsel.")
    report = rules_load_defaults(rules=STATE_RULES)
    assert (report.kept_edits, report.review, report.unchanged) == (1, [], len(STATE_RULES) - 1)
    rule.refresh_from_db()
    assert rule.notes == "Checked with counsel."


def test_staff_created_templates_are_left_alone():
    own = EvictionTemplate.objects.create(state="WA", reason="nuisance", template_type="response", content="WA only")
    early = EvictionTemplate.objects.create(**CA_KEY, content="Written before the defaults were loaded")

    report = templates_load_defaults(templates=ALL_TEMPLATES)

    assert (report.created, report.kept_edits) == (len(ALL_TEMPLATES) - 1, 1)
    assert [entry.split(":")[0] for entry in report.review] == ["CA/non-payment/response"]
    for obj, content in ((own, "WA only"), (early, "Written before the defaults were loaded")):
        obj.refresh_from_db()
        assert (obj.content, obj.version, obj.default_checksum, obj.history.count()) == (content, 1, "", 1)


def test_force_resets_staff_edits_and_the_next_load_is_unchanged(staff):
    load()
    template = EvictionTemplate.objects.get(**CA_KEY)
    shipped = template.content
    staff_edit(template, staff, content="Staff letter.")

    out = load("--force")

    assert out.splitlines()[0] == f"templates: 1 reset to the default (--force), {len(ALL_TEMPLATES) - 1} unchanged"
    template.refresh_from_db()
    assert (template.content, template.version) == (shipped, 3)
    assert template.history.latest().history_change_reason == "Reset to the shipped default (--force)"
    assert "reset" not in load()


def test_second_load_reports_everything_unchanged_and_writes_nothing():
    first = load()
    assert first.splitlines() == [f"templates: {len(ALL_TEMPLATES)} created, 0 unchanged",
                                  f"notice rules: {len(STATE_RULES)} created, 0 unchanged"]  # fmt: skip
    history = EvictionTemplate.history.count() + StateNoticeRule.history.count()

    assert load().splitlines() == [
        f"templates: {len(ALL_TEMPLATES)} unchanged",
        f"notice rules: {len(STATE_RULES)} unchanged",
    ]
    assert EvictionTemplate.history.count() + StateNoticeRule.history.count() == history


def test_output_lists_a_few_review_rows_and_counts_the_rest(staff):
    templates_load_defaults(templates=old_letters())
    for template in EvictionTemplate.objects.filter(content__contains="$deadline_date."):
        staff_edit(template, staff, title="Staff title")
    lines = load().splitlines()
    assert lines[0] == f"templates: {len(ALL_TEMPLATES) - 12} unchanged, 12 kept (edited by staff)"
    review = [line for line in lines if "review:" in line]
    assert len(review) == 10 and review[0].startswith("  kept (edited by staff); the shipped default changed")
    assert lines[11] == "  ... and 2 more (-v 2 lists them all)"
    # --reviewed marks all 12, not only the 10 shown: the hint says so.
    assert lines[12] == "  after review, `manage.py load_default_templates --reviewed` keeps all 12 and stops the list"


def test_reviewed_keeps_the_edit_and_lists_it_again_only_when_the_default_changes_again(staff):
    templates_load_defaults(templates=old_letters())
    template = EvictionTemplate.objects.get(**CA_KEY)
    staff_edit(template, staff, content="Staff letter.")
    assert "review: CA/non-payment/response" in load()

    out = load("--reviewed")

    assert out.splitlines()[0].endswith("1 kept (edited by staff), 1 of them marked reviewed")
    assert "review:" not in out and "review:" not in load()
    template.refresh_from_db()
    assert (template.content, template.version) == ("Staff letter.", 2)
    newer = [{**spec, "title": "Newer title"} if spec["state"] == "CA" else spec for spec in ALL_TEMPLATES]
    assert templates_load_defaults(templates=newer).review[0].startswith("CA/non-payment/response: ")


def test_force_and_reviewed_together_are_refused():
    with pytest.raises(CommandError, match="give one of them"):
        load("--force", "--reviewed")
