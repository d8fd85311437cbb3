"""The three staff groups and the permissions each needs (issue 4 "Access").

- operators run batches: upload, launch/cancel/resume, retry, export; they may read templates.
- template editors keep templates and notice rules (add/change/view and their history); they
  may read batches to see how a template rendered, but cannot launch or retry anything.
- reviewers read batches and items, retry failed items and export results; they may read
  templates but cannot change them.

Nobody gets delete on templates or rules: switching a template off (is_active) keeps its
history and the fallback chain honest. `staff_groups_setup` sets each group's permissions
to exactly this list, so running it again repairs a group edited by hand.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

READ_TEMPLATES = [
    "templates_app.view_evictiontemplate",
    "templates_app.view_statenoticerule",
    "templates_app.view_historicalevictiontemplate",
    "templates_app.view_historicalstatenoticerule",
]
READ_BATCHES = ["batches.view_batch", "batches.view_batchitem"]

STAFF_GROUPS: dict[str, list[str]] = {
    "operators": [
        *READ_BATCHES,
        "batches.add_batch",
        "batches.change_batch",
        "batches.add_batchitem",
        "batches.change_batchitem",
        "batches.launch_batch",
        "batches.retry_items",
        "batches.export_results",
        *READ_TEMPLATES,
    ],
    "template editors": [
        *READ_TEMPLATES,
        "templates_app.add_evictiontemplate",
        "templates_app.change_evictiontemplate",
        "templates_app.add_statenoticerule",
        "templates_app.change_statenoticerule",
        "templates_app.change_historicalevictiontemplate",
        "templates_app.change_historicalstatenoticerule",
        *READ_BATCHES,
    ],
    "reviewers": [
        *READ_BATCHES,
        "batches.retry_items",
        "batches.export_results",
        *READ_TEMPLATES,
    ],
}


class MissingPermissions(LookupError):
    """Some permissions do not exist yet (run `migrate` first)."""


def _permissions(names: list[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in wanted]
        )
    }
    missing = sorted(f"{app}.{codename}" for app, codename in wanted - found.keys())
    if missing:
        raise MissingPermissions(f"Permissions not found (run migrate first): {', '.join(missing)}")
    return [found[key] for key in sorted(wanted)]


def staff_groups_setup() -> dict[str, int]:
    """Create or repair the staff groups. Returns {group name: number of permissions}."""
    report = {}
    with transaction.atomic():
        for name, perms in STAFF_GROUPS.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.set(_permissions(perms))
            report[name] = len(perms)
    return report
