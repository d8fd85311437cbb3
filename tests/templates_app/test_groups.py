"""Staff groups: who may do what, as URLs and actions answer for each group."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from batches.models import Batch
from templates_app.access import STAFF_GROUPS, staff_groups_setup
from templates_app.models import EvictionTemplate, StateNoticeRule

pytestmark = pytest.mark.django_db

GROUPS = ["operators", "template editors", "reviewers"]


@pytest.fixture
def clients(defaults):
    staff_groups_setup()
    result = {}
    for name in GROUPS:
        user = User.objects.create_user(username=name.replace(" ", "_"), password="pw-not-used", is_staff=True)
        user.groups.add(Group.objects.get(name=name))
        client = Client()
        client.force_login(user)
        result[name] = client
    return result


def test_setup_is_idempotent_and_repairs_hand_edits(db):
    call_command("setup_staff_groups", verbosity=0)
    call_command("setup_staff_groups", verbosity=0)
    assert Group.objects.filter(name__in=GROUPS).count() == 3
    reviewers = Group.objects.get(name="reviewers")
    assert reviewers.permissions.count() == len(STAFF_GROUPS["reviewers"])
    reviewers.permissions.add(*Group.objects.get(name="template editors").permissions.all())
    call_command("setup_staff_groups", verbosity=0)
    assert reviewers.permissions.count() == len(STAFF_GROUPS["reviewers"])


def test_custom_batch_permissions_by_group(clients):
    expected = {
        "operators": {"launch_batch": True, "retry_items": True, "export_results": True},
        "template editors": {"launch_batch": False, "retry_items": False, "export_results": False},
        "reviewers": {"launch_batch": False, "retry_items": True, "export_results": True},
    }
    for group, perms in expected.items():
        user = User.objects.get(groups__name=group)
        for perm, allowed in perms.items():
            assert user.has_perm(f"batches.{perm}") is allowed, (group, perm)
        assert user.has_perm("templates_app.change_evictiontemplate") is (group == "template editors")
        assert not user.has_perm("templates_app.delete_evictiontemplate")


def template_post(obj: EvictionTemplate) -> dict:
    return {
        "state": obj.state,
        "reason": obj.reason,
        "template_type": obj.template_type,
        "title": obj.title,
        "content": obj.content + "\nedited",
        "metadata": json.dumps(obj.metadata),
        "is_active": "on",
    }


def _matrix(template: EvictionTemplate, rule: StateNoticeRule):
    tpl = "admin:templates_app_evictiontemplate"
    first = template.history.earliest()
    return [
        # (label, method, url, data, {group: expected status})
        ("template list", "get", reverse(f"{tpl}_changelist"), None, (200, 200, 200)),
        ("template page", "get", reverse(f"{tpl}_change", args=[template.pk]), None, (200, 200, 200)),
        ("template add", "get", reverse(f"{tpl}_add"), None, (403, 200, 403)),
        (
            "template edit",
            "post",
            reverse(f"{tpl}_change", args=[template.pk]),
            template_post(template),
            (403, 302, 403),
        ),
        ("template history", "get", reverse(f"{tpl}_history", args=[template.pk]), None, (200, 200, 200)),
        ("template diff", "get", reverse(f"{tpl}_diff", args=[template.pk, first.history_id]), None, (200, 200, 200)),
        (
            "template revert",
            "post",
            reverse(f"{tpl}_revert", args=[template.pk, first.history_id]),
            {},
            (403, 302, 403),
        ),
        ("coverage", "get", reverse(f"{tpl}_coverage"), None, (200, 200, 200)),
        ("cache clear", "post", reverse(f"{tpl}_cache_clear"), {}, (403, 302, 403)),
        (
            "rule page",
            "get",
            reverse("admin:templates_app_statenoticerule_change", args=[rule.pk]),
            None,
            (200, 200, 200),
        ),
        ("rule add", "get", reverse("admin:templates_app_statenoticerule_add"), None, (403, 200, 403)),
        ("batch list", "get", reverse("admin:batches_batch_changelist"), None, (200, 200, 200)),
        ("batch add (upload)", "get", reverse("admin:batches_batch_add"), None, (200, 403, 403)),
        ("item list", "get", reverse("admin:batches_batchitem_changelist"), None, (200, 200, 200)),
    ]


def test_permission_matrix(clients):
    template = EvictionTemplate.objects.get(state="CA", reason="non-payment", template_type="response")
    rule = StateNoticeRule.objects.filter(state="CA").first()
    failures = []
    for label, method, url, data, statuses in _matrix(template, rule):
        for group, expected in zip(GROUPS, statuses, strict=True):
            response = getattr(clients[group], method)(url, data) if method == "post" else clients[group].get(url)
            if response.status_code != expected:
                failures.append(f"{group} {label} {method.upper()} {url}: {response.status_code} != {expected}")
    assert not failures, "\n".join(failures)


def test_only_operators_get_the_launch_action(clients, rf):
    batch_admin = admin.site._registry[Batch]
    assert "launch_batches" in batch_admin.actions  # a missing action fails, never skips
    for group in GROUPS:
        request = rf.get("/admin/batches/batch/")
        request.user = User.objects.get(groups__name=group)
        assert ("launch_batches" in batch_admin.get_actions(request)) is (group == "operators"), group


def test_launch_action_launches_only_for_operators(clients):
    from batches.models import BatchStatus
    from batches.services.ingest import UploadOptions, batch_create_from_upload
    from tests.conftest import make_event, make_request

    assert "launch_batches" in admin.site._registry[Batch].actions  # a missing action fails, never skips
    for group in GROUPS:
        [batch] = batch_create_from_upload(
            data=make_event([make_request(f"grp-{group[:3]}", "NOTICE TO PAY RENT OR QUIT")], batch_id=f"b-{group}"),
            filename="u.json",
            options=UploadOptions(launch=False),
        )
        clients[group].post(
            reverse("admin:batches_batch_changelist"),
            {"action": "launch_batches", "_selected_action": [batch.pk], "post": "yes"},
        )
        batch.refresh_from_db()
        expected = BatchStatus.QUEUED if group == "operators" else BatchStatus.DRAFT
        assert batch.status == expected, group
