"""Admin tests: the Django test client against the real (test) database."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User

from batches.models import Batch, BatchItem, BatchStatus, ErrorCategory, ItemStatus
from batches.services import lifecycle, runner
from batches.services.ingest import UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request

CA_TEXT = (
    "THREE-DAY NOTICE TO PAY RENT OR QUIT\nTO: Tenant Q. Sample\n100 Example St, Sampleville, CA 90000\n"
    "You owe $1,200.00 in rent for March 2025. Pay within 3 days or quit.\nDated: March 4, 2025\nOwner Q. Example"
)
FL_MOVE_IN = (
    "NOTICE OF TERMINATION: OWNER MOVE-IN\nTO: Tenant Q. Sample\n7 Example Rd, Sample City, FL 33000\n"
    "The owner intends to personally occupy the unit. Vacate within 30 days.\nDated: March 4, 2025"
)


def staff_user(username: str, *perms: str) -> User:
    user = User.objects.create_user(username, password="pw-Sample-123", is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("boss", "", "pw-Sample-123")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def create_batch(requests: list[dict], *, batch_id: str = "b-admin", launch: bool = False, **opts) -> Batch:
    [batch] = batch_create_from_upload(
        data=make_event(requests, batch_id=batch_id),
        filename="upload.json",
        options=UploadOptions(launch=False, **opts),
    )
    if launch:
        lifecycle.batch_launch(batch_id=batch.pk)  # on_commit never fires inside a test transaction
    return batch


def run_batch(batch: Batch) -> Batch:
    """Process the batch in this process, as `process_batch --sync` does."""
    if batch.status == BatchStatus.DRAFT:
        lifecycle.batch_launch(batch_id=batch.pk)
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    batch.refresh_from_db()
    return batch


def fail_items(batch: Batch, *analysis_ids: str, category=ErrorCategory.LLM_TIMEOUT, error="LLM call timed out."):
    BatchItem.objects.filter(batch=batch, analysis_id__in=analysis_ids).update(
        status=ItemStatus.FAILED, error_category=category, error=error, attempts=3
    )


@pytest.fixture
def processed_batch(defaults) -> Batch:
    """A finished batch: two CA successes and one real TEMPLATE_NOT_FOUND failure."""
    from templates_app.models import EvictionTemplate

    EvictionTemplate.objects.filter(state="general", reason__in=["owner-move-in", "general"]).update(is_active=False)
    batch = create_batch(
        [
            make_request("ok-1", CA_TEXT),
            make_request("ok-2", CA_TEXT.replace("1,200", "900")),
            make_request("fl-1", FL_MOVE_IN, state="FL"),
        ],
        batch_id="b-processed",
        name="Processed sample",
    )
    return run_batch(batch)


__all__ = [
    "CA_TEXT",
    "FL_MOVE_IN",
    "create_batch",
    "fail_items",
    "make_event",
    "make_request",
    "run_batch",
    "staff_user",
]
