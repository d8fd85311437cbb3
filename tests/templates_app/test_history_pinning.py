"""Version history and pinning: a batch keeps the template versions it launched with."""

import pytest

from batches.models import Batch, ItemStatus
from batches.services import lifecycle, runner
from batches.services.batch_context import batch_contexts_reset
from batches.services.ingest import UploadOptions, batch_create_from_upload
from templates_app import cache
from templates_app.cache import CacheCounter, resolve_template
from templates_app.models import EvictionTemplate
from tests.conftest import make_event, make_request

pytestmark = pytest.mark.django_db

CA_TEXT = (
    "THREE-DAY NOTICE TO PAY RENT OR QUIT\n(California Code of Civil Procedure Section 1161(2))\n"
    "TO: Tenant Z. Sample\nTotal rent due $900.00"
)
FL_TEXT = (
    "THREE-DAY NOTICE TO PAY RENT OR DELIVER POSSESSION\n(Section 83.56(3), Florida Statutes)\nYou owe $900.00 rent."
)
MARKER = "EDITED AFTER LAUNCH"


@pytest.fixture(autouse=True)
def _fresh_batch_contexts():
    """The runner keeps a per-process context per batch id; ids repeat across tests."""
    batch_contexts_reset()
    yield
    batch_contexts_reset()


def launch(requests) -> Batch:
    [batch] = batch_create_from_upload(
        data=make_event(requests), filename="u.json", options=UploadOptions(launch=False)
    )
    assert lifecycle.batch_launch(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def run(batch: Batch) -> Batch:
    while runner.batch_run_slice(batch_id=batch.pk):
        pass
    batch.refresh_from_db()
    return batch


def edit(state, reason, ttype="response") -> EvictionTemplate:
    template = EvictionTemplate.objects.get(state=state, reason=reason, template_type=ttype)
    template.content += f"\n{MARKER}\n"
    template.save()
    cache.clear()  # as the post-commit signal would, in every process within the L1 TTL
    return template


def test_history_row_per_save_and_version_only_rises(defaults):
    template = EvictionTemplate.objects.get(state="CA", reason="non-payment", template_type="response")
    assert template.history.count() == 1
    edit("CA", "non-payment")
    template.refresh_from_db()
    assert template.version == 2
    assert list(template.history.values_list("version", flat=True)) == [2, 1]
    # A stale instance rebuilt from history (old version number) must not lower the version.
    old = template.history.earliest().instance
    old.title = "Retitled"
    old.content = template.content
    old.save()
    template.refresh_from_db()
    assert template.version == 2


def test_edit_mid_batch_keeps_pinned_version_then_retry_latest_uses_new(defaults):
    batch = launch([make_request("pin-1", CA_TEXT, "CA")])
    assert batch.template_versions["template:CA:non-payment:response"] == 1
    edit("CA", "non-payment")

    batch = run(batch)
    item = batch.items.get()
    assert item.status == ItemStatus.ANALYSIS_COMPLETE
    assert item.template_versions["response"]["version"] == 1
    assert item.analysis_results["provenance"]["templates"]["response"]["version"] == 1
    assert MARKER not in item.analysis_results["response"]["letter"]

    # Retry with the same versions: still the pinned one.
    batch.items.update(status=ItemStatus.FAILED)
    lifecycle.items_retry(item_ids=[item.pk], latest_templates=False)
    item = run(batch).items.get()
    assert item.template_versions["response"]["version"] == 1

    # Retry with the latest versions: the batch re-pins and the edit shows.
    batch.items.update(status=ItemStatus.FAILED)
    lifecycle.items_retry(item_ids=[item.pk], latest_templates=True)
    batch = run(batch)
    item = batch.items.get()
    assert batch.template_versions["template:CA:non-payment:response"] == 2
    assert item.template_versions["response"]["version"] == 2
    assert MARKER in item.analysis_results["response"]["letter"]


def test_template_created_after_launch_is_not_used_by_the_batch(defaults):
    batch = launch([make_request("pin-fl", FL_TEXT, "FL")])
    assert "template:FL:non-payment:response" not in batch.template_versions
    EvictionTemplate.objects.create(state="FL", reason="non-payment", template_type="response", content="FL only")
    cache.clear()
    item = run(batch).items.get()
    assert item.template_versions["response"]["key"] == "template:general:non-payment:response"
    assert item.fallback_used is True


def test_template_deactivated_after_launch_still_answers_at_its_pin(defaults):
    batch = launch([make_request("pin-off", CA_TEXT, "CA")])
    template = EvictionTemplate.objects.get(state="CA", reason="non-payment", template_type="response")
    template.is_active = False
    template.save()
    cache.clear()
    item = run(batch).items.get()
    assert item.template_versions["response"] == {
        "id": template.pk,
        "key": "template:CA:non-payment:response",
        "version": 1,
    }


def test_pinned_versions_are_read_once_per_process(defaults, django_assert_num_queries):
    edit("CA", "non-payment")
    pins = {"template:CA:non-payment:response": 1}
    first = CacheCounter()
    record, fallback = resolve_template("CA", "non-payment", "response", counter=first, pins=pins)
    assert (record.version, fallback, first.misses) == (1, False, 1)
    assert MARKER not in record.content
    second = CacheCounter()
    with django_assert_num_queries(0):
        again, _ = resolve_template("CA", "non-payment", "response", counter=second, pins=pins)
    assert again == record and (second.hits, second.misses) == (1, 0)
    live, _ = resolve_template("CA", "non-payment", "response")
    assert live.version == 2 and MARKER in live.content


def test_no_pins_means_live_templates(defaults):
    edit("CA", "non-payment")
    for pins in (None, {}):
        record, _ = resolve_template("CA", "non-payment", "response", pins=pins)
        assert record.version == 2


def test_pinned_templates_lists_what_changed_since_launch(defaults):
    from templates_app.selectors import pinned_templates

    batch = launch([make_request("pin-list", CA_TEXT, "CA")])
    edit("CA", "non-payment")
    rows = {row["key"]: row for row in pinned_templates(batch.template_versions)}
    assert rows["template:CA:non-payment:response"] | {"id": None} == {
        "key": "template:CA:non-payment:response",
        "id": None,
        "pinned": 1,
        "live": 2,
        "changed": True,
    }
    assert rows["template:CA:non-payment:meta"]["changed"] is False
    assert pinned_templates({}) == []


def test_version_url_opens_the_diff_of_that_version(admin_client, defaults):
    from django.urls import reverse

    template = edit("CA", "non-payment")
    url = reverse("admin:templates_app_evictiontemplate_version", args=[template.pk, 1])
    response = admin_client.get(url)
    first = template.history.get(version=1)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:templates_app_evictiontemplate_diff", args=[template.pk, first.history_id]
    )
    missing = reverse("admin:templates_app_evictiontemplate_version", args=[template.pk, 99])
    assert admin_client.get(missing).status_code == 404
