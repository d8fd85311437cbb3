"""Admin actions: each declares the permission it needs, and a view-only user can run none
(Django shows a user only the actions whose permissions they hold; bulk delete included)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory

from batches.models import Batch, BatchItem, BatchStatus, ErrorCategory, ItemStatus

OUR_APPS = ("batches", "templates_app", "ingestion")
OUR_ADMINS = [(m, ma) for m, ma in admin.site._registry.items() if m._meta.app_label in OUR_APPS]


def every_action(model_admin):
    superuser = get_user_model()(username="su", is_staff=True, is_superuser=True, is_active=True)
    request = RequestFactory().get("/")
    request.user = superuser
    return model_admin.get_actions(request)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), OUR_ADMINS, ids=lambda x: getattr(x, "__name__", str(x)))
def test_every_action_declares_its_permission(model, model_admin):
    for name, (func, _, _) in every_action(model_admin).items():
        assert getattr(func, "allowed_permissions", None), f"{model.__name__} action {name!r} declares no permission"


@pytest.fixture
def viewer(db):
    user = get_user_model().objects.create_user("viewer", password="x-unused-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__startswith="view_", content_type__app_label__in=OUR_APPS)
    )
    return user


@pytest.mark.parametrize(("model", "model_admin"), OUR_ADMINS, ids=lambda x: getattr(x, "__name__", str(x)))
def test_a_view_only_user_is_offered_no_action(model, model_admin, viewer):
    request = RequestFactory().get("/")
    request.user = viewer
    assert list(model_admin.get_actions(request)) == []


def test_a_view_only_user_posting_actions_changes_nothing(viewer):
    draft = Batch.objects.create(name="Draft", status=BatchStatus.DRAFT)
    done = Batch.objects.create(name="Done", status=BatchStatus.COMPLETED_WITH_ERRORS)
    failed = BatchItem.objects.create(
        batch=done,
        row_number=1,
        analysis_id="act_1",
        extracted_text="NOTICE",
        status=ItemStatus.FAILED,
        error_category=ErrorCategory.LLM_TIMEOUT,
    )
    client = Client()
    client.force_login(viewer)
    for model_admin_url, pks, names in [
        ("/admin/batches/batch/", [draft.pk, done.pk], every_action(admin.site._registry[Batch])),
        ("/admin/batches/batchitem/", [failed.pk], every_action(admin.site._registry[BatchItem])),
    ]:
        for name in names:
            response = client.post(
                model_admin_url, {"action": name, "_selected_action": pks, "post": "yes", "confirm": "yes"}
            )
            assert response.status_code in (200, 302, 403), (name, response.status_code)
            assert "Content-Disposition" not in response, f"{name} sent a download to a view-only user"
            if response.streaming:  # never response.close(): see tests/security/test_permissions.py _closed
                b"".join(response.streaming_content)
    draft.refresh_from_db()
    failed.refresh_from_db()
    assert draft.status == BatchStatus.DRAFT
    assert Batch.objects.filter(pk__in=[draft.pk, done.pk]).count() == 2
    assert (failed.status, failed.attempts) == (ItemStatus.FAILED, 0)
