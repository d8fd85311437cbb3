"""Actions in Django's delete_selected shape: confirm page -> one service call -> message."""

import pytest
from django.contrib.messages import get_messages

from batches.models import Batch, BatchItem, BatchStatus, ItemStatus
from tests.admin.conftest import CA_TEXT, create_batch, fail_items, make_request, run_batch, staff_user

pytestmark = pytest.mark.django_db
BATCHES = "/admin/batches/batch/"
ITEMS = "/admin/batches/batchitem/"


def act(client, url, action, ids, *, confirm=False, **extra):
    data = {"action": action, "_selected_action": [str(i) for i in ids], **extra}
    if confirm:
        data["post"] = "yes"
    return client.post(url, data)


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_launch_drafts_confirms_then_launches(admin_client, defaults):
    draft = create_batch([make_request("l-1", CA_TEXT)], batch_id="b-l1")
    other = create_batch([make_request("l-2", CA_TEXT)], batch_id="b-l2", launch=True)
    page = act(admin_client, BATCHES, "launch_batches", [draft.pk, other.pk])
    assert page.status_code == 200 and "Launch batches" in page.content.decode()
    assert page.context["eligible_count"] == 1
    assert Batch.objects.get(pk=draft.pk).status == BatchStatus.DRAFT  # nothing happened yet
    done = act(admin_client, BATCHES, "launch_batches", [draft.pk, other.pk], confirm=True)
    assert done.status_code == 302
    assert "Launched 1 batch(es)." in message_texts(done)
    assert Batch.objects.get(pk=draft.pk).status == BatchStatus.QUEUED


def test_cancel_running_batch_cancels_pending_items(admin_client, defaults):
    batch = create_batch([make_request(f"c-{i}", CA_TEXT) for i in range(3)], batch_id="b-c", launch=True)
    BatchItem.objects.filter(analysis_id="c-0").update(status=ItemStatus.PROCESSING)  # in flight
    page = act(admin_client, BATCHES, "cancel_batches", [batch.pk])
    assert page.status_code == 200 and "Cancel batches" in page.content.decode()
    assert "items being analysed now finish" in page.content.decode()  # the confirmation warns first
    assert Batch.objects.get(pk=batch.pk).status != BatchStatus.CANCELLED  # nothing happened yet
    done = act(admin_client, BATCHES, "cancel_batches", [batch.pk], confirm=True)
    assert "Cancelled 1 batch(es); 2 pending item(s) cancelled." in message_texts(done)[0]
    assert Batch.objects.get(pk=batch.pk).status == BatchStatus.CANCELLED
    statuses = dict(BatchItem.objects.filter(batch=batch).values_list("analysis_id", "status"))
    assert statuses == {"c-0": ItemStatus.PROCESSING, "c-1": ItemStatus.CANCELLED, "c-2": ItemStatus.CANCELLED}


def test_resume_paused_batch(admin_client, defaults):
    batch = create_batch([make_request("r-1", CA_TEXT)], batch_id="b-r", launch=True)
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.PAUSED, status_message="quota")
    act(admin_client, BATCHES, "resume_batches", [batch.pk])
    done = act(admin_client, BATCHES, "resume_batches", [batch.pk], confirm=True)
    assert "Resumed 1 batch(es)." in message_texts(done)
    assert Batch.objects.get(pk=batch.pk).status == BatchStatus.QUEUED


def test_retry_failed_items_of_a_batch_offers_template_choice(admin_client, processed_batch):
    from templates_app.models import EvictionTemplate

    page = act(admin_client, BATCHES, "retry_failed_items", [processed_batch.pk])
    html = page.content.decode()
    assert "Same template versions" in html and "Latest template versions" in html
    EvictionTemplate.objects.filter(state="general").update(is_active=True)
    done = act(admin_client, BATCHES, "retry_failed_items", [processed_batch.pk], confirm=True, templates="latest")
    assert "Queued 1 failed item(s) for another attempt." in message_texts(done)
    item = BatchItem.objects.get(analysis_id="fl-1")
    assert item.status == ItemStatus.PENDING and item.error == ""
    batch = run_batch(Batch.objects.get(pk=processed_batch.pk))
    assert batch.status == BatchStatus.COMPLETED
    assert BatchItem.objects.get(analysis_id="fl-1").status == ItemStatus.ANALYSIS_COMPLETE


def test_retry_selected_items_only_touches_failed_ones(admin_client, processed_batch):
    ids = list(BatchItem.objects.filter(batch=processed_batch).values_list("pk", flat=True))
    page = act(admin_client, ITEMS, "retry_selected", ids)
    assert page.status_code == 200 and page.context["eligible_count"] == 1
    done = act(admin_client, ITEMS, "retry_selected", ids, confirm=True, templates="same")
    assert "Queued 1 failed item(s) for another attempt." in message_texts(done)
    assert BatchItem.objects.filter(batch=processed_batch, status=ItemStatus.ANALYSIS_COMPLETE).count() == 2
    assert Batch.objects.get(pk=processed_batch.pk).status == BatchStatus.QUEUED


def test_retry_without_choice_shows_the_form_again(admin_client, processed_batch):
    item = BatchItem.objects.get(analysis_id="fl-1")
    page = act(admin_client, ITEMS, "retry_selected", [item.pk], confirm=True, templates="bogus")
    assert page.status_code == 200 and BatchItem.objects.get(pk=item.pk).status == ItemStatus.FAILED


def test_actions_respect_permissions(client, processed_batch):
    reviewer = staff_user(
        "reviewer", "batches.view_batch", "batches.view_batchitem", "batches.retry_items", "batches.export_results"
    )
    client.force_login(reviewer)
    html = client.get(BATCHES).content.decode()
    assert "retry_failed_items" in html and "launch_batches" not in html and "cancel_batches" not in html
    # posting an action the user may not run does nothing
    draft = create_batch([make_request("perm-1", CA_TEXT)], batch_id="b-perm")
    act(client, BATCHES, "launch_batches", [draft.pk], confirm=True)
    assert Batch.objects.get(pk=draft.pk).status == BatchStatus.DRAFT
    # a reviewer may retry
    item = BatchItem.objects.get(analysis_id="fl-1")
    act(client, ITEMS, "retry_selected", [item.pk], confirm=True, templates="same")
    assert BatchItem.objects.get(pk=item.pk).status == ItemStatus.PENDING


def test_operator_without_retry_permission_cannot_retry(client, processed_batch):
    client.force_login(staff_user("op", "batches.view_batch", "batches.view_batchitem", "batches.launch_batch"))
    item = BatchItem.objects.get(analysis_id="fl-1")
    act(client, ITEMS, "retry_selected", [item.pk], confirm=True, templates="same")
    assert BatchItem.objects.get(pk=item.pk).status == ItemStatus.FAILED


def test_fail_items_helper_is_visible_in_batch_counts(admin_client, defaults):
    batch = create_batch([make_request("h-1", CA_TEXT)], batch_id="b-h")
    fail_items(batch, "h-1")
    assert admin_client.get(f"/admin/batches/batch/{batch.pk}/progress/").json()["counts"]["FAILED"] == 1
