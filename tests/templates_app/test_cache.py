"""The template cache's pre-warm: one read of the table answers every key a batch can look
up (any state, any reason, the prompt), absent keys included, and an edit still shows."""

import uuid
from datetime import UTC, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from templates_app import cache
from templates_app.cache import CacheCounter, fallback_chain, get_template, resolve_template, template_key
from templates_app.models import GENERAL, REASON_CHOICES, EvictionTemplate, TemplateType

pytestmark = pytest.mark.django_db

REASONS = [reason for reason, _ in REASON_CHOICES]
# CA has templates of its own; FL and WA have none and are not among the pre-warmed states.
STATES = ["CA", "NY", "TX", "FL", "WA", GENERAL]
TYPES = [TemplateType.RESPONSE, TemplateType.META]
TEMPLATE_TABLE = "templates_app_evictiontemplate"


def from_database(state: str, reason: str, template_type: str):
    """What the fallback chain resolves to, read straight from the table."""
    for s, r in fallback_chain(state, reason):
        row = EvictionTemplate.objects.filter(state=s, reason=r, template_type=template_type, is_active=True).first()
        if row is not None:
            return row.pk, row.version
    return None


def resolve_all() -> dict:
    answers = {}
    for state in STATES:
        for reason in REASONS:
            for ttype in TYPES:
                record, _ = resolve_template(state, reason, ttype)
                answers[(state, reason, ttype)] = (record.id, record.version) if record else None
    return answers


def template_reads(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if TEMPLATE_TABLE in q["sql"]]


def test_cold_prewarm_is_one_query_then_every_key_and_the_prompt_cost_none(defaults, django_assert_num_queries):
    expected = {(s, r, t): from_database(s, r, t) for s in STATES for r in REASONS for t in TYPES}
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        loaded = cache.prewarm([("CA", "non-payment"), ("NY", "holdover")])
    assert len(template_reads(ctx)) == 1
    assert loaded == EvictionTemplate.objects.filter(is_active=True).count()
    with django_assert_num_queries(0):
        answers = resolve_all()
        prompt = get_template(GENERAL, GENERAL, TemplateType.PROMPT)
    assert answers == expected
    assert prompt is not None and prompt.content.strip()
    assert expected[("FL", "non-payment", "response")] is not None  # the general fallback answers
    assert cache.stats()["promptCacheSize"] == 1


def test_warm_prewarm_is_one_shared_cache_read_and_no_template_query(defaults, django_assert_num_queries):
    cache.clear()
    cache.prewarm([("CA", "non-payment")])
    expected = resolve_all()
    cache.clear_local()  # another process: the shared level holds the table and its index
    with django_assert_num_queries(1):
        assert cache.prewarm([("CA", "other")]) == 0
    # The batch's state, the general chain (for every reason) and the prompt came in that
    # read; keys of states outside the batch that have no template are absent by the index.
    with django_assert_num_queries(0):
        for reason in REASONS:
            for ttype in TYPES:
                resolve_template("CA", reason, ttype)
                resolve_template("FL", reason, ttype)
        get_template(GENERAL, GENERAL, TemplateType.PROMPT)
    with CaptureQueriesContext(connection) as ctx:
        assert resolve_all() == expected
    assert template_reads(ctx) == []  # NY/TX templates: shared-cache reads, not the table


def test_first_use_of_a_prewarmed_template_is_the_miss(defaults):
    cache.clear()
    cache.prewarm([("CA", "non-payment")])
    first, second = CacheCounter(), CacheCounter()
    resolve_template("FL", "non-payment", "response", counter=first)  # FL absent -> general
    resolve_template("WA", "non-payment", "response", counter=second)  # the same template
    assert (first.hits, first.misses, second.hits, second.misses) == (0, 1, 1, 0)
    get_template(GENERAL, GENERAL, TemplateType.PROMPT)  # uncounted, but used: no later miss
    counter = CacheCounter()
    get_template(GENERAL, GENERAL, TemplateType.PROMPT, counter=counter)
    assert (counter.hits, counter.misses) == (1, 0)


def test_created_template_replaces_a_key_the_prewarm_proved_absent(defaults, django_capture_on_commit_callbacks):
    cache.clear()
    cache.prewarm([("FL", "non-payment")])
    assert resolve_template("FL", "non-payment", "response")[0].state == GENERAL
    with django_capture_on_commit_callbacks(execute=True):
        created = EvictionTemplate.objects.create(
            state="FL", reason="non-payment", template_type="response", content="Florida letter for $tenant_name"
        )
    record, fallback = resolve_template("FL", "non-payment", "response")
    assert (record.id, fallback) == (created.pk, False)
    cache.clear_local()  # another process after the edit: the index is gone, the table is read again
    with CaptureQueriesContext(connection) as ctx:
        cache.prewarm([("FL", "non-payment")])
    assert len(template_reads(ctx)) == 1
    assert resolve_template("FL", "non-payment", "response")[0].id == created.pk


def test_edited_and_deactivated_templates_show_after_prewarm(defaults, django_capture_on_commit_callbacks):
    cache.clear()
    cache.prewarm([("CA", "non-payment")])
    prompt = EvictionTemplate.objects.get(state=GENERAL, reason=GENERAL, template_type=TemplateType.PROMPT)
    own = EvictionTemplate.objects.get(state="CA", reason="non-payment", template_type="response")
    with django_capture_on_commit_callbacks(execute=True):
        prompt.content += "\nEdited prompt."
        prompt.save()
        own.is_active = False
        own.save()
    edited = get_template(GENERAL, GENERAL, TemplateType.PROMPT)
    assert edited.version == 2 and edited.content.endswith("Edited prompt.")
    record, fallback = resolve_template("CA", "non-payment", "response")
    assert (record.state, record.reason, fallback) == (GENERAL, "non-payment", True)


def test_a_template_moved_to_another_key_leaves_its_old_key(defaults, django_capture_on_commit_callbacks):
    """Staff may change a template's state, reason or type: the old key must not keep serving it
    from either level (the shared entry would live on until it expires)."""
    cache.clear()
    cache.prewarm([("CA", "non-payment"), ("FL", "non-payment")])
    own = EvictionTemplate.objects.get(state="CA", reason="non-payment", template_type="response")
    assert resolve_template("CA", "non-payment", "response")[0].id == own.pk
    with django_capture_on_commit_callbacks(execute=True):
        own.state = "FL"
        own.save()
    moved, fallback = resolve_template("FL", "non-payment", "response")
    assert (moved.id, fallback) == (own.pk, False)
    for clear_local in (False, True):  # this process, then another one reading the shared level
        if clear_local:
            cache.clear_local()
        record, fallback = resolve_template("CA", "non-payment", "response")
        assert (record.state, fallback) == (GENERAL, True)


def test_shared_entries_expire_so_a_read_that_raced_an_edit_cannot_outlive_it(defaults):
    """A read that began before an edit committed may store the old row after the edit's
    invalidation: the shared level must not keep such an entry (or index) for ever."""
    cache.clear()
    cache.prewarm([("CA", "non-payment")])
    cache.clear_local()
    resolve_template("FL", "no-cause", "meta")  # a lookup's own store, as well as the pre-warm's
    table = settings.CACHES[settings.TEMPLATE_CACHE_ALIAS]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {table}")  # noqa: S608 - the table name is a setting
        expiries = [row[0] for row in cursor.fetchall()]
    latest = timezone.now() + timedelta(seconds=cache.L2_TTL_SECONDS + 60)
    assert len(expiries) > 2
    assert all((e if timezone.is_aware(e) else timezone.make_aware(e, UTC)) < latest for e in expiries)


@pytest.mark.services("redis")
def test_clear_on_redis_deletes_the_template_keys_only(defaults):
    """The Redis database is shared with django-q's broker and the default cache: the admin's
    'clear template cache' must not FLUSHDB it."""
    import redis
    from django.core.cache import caches
    from django.test import override_settings

    from tests.infra.helpers import REDIS_URL

    prefix = f"ta-test-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(REDIS_URL)
    on_redis = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "templates": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": None,
            "KEY_PREFIX": prefix,
        },
    }
    try:
        with override_settings(CACHES=on_redis):
            shared = caches["templates"]
            cache.prewarm([("CA", "non-payment")])
            key = template_key("CA", "non-payment", "response")
            assert shared.get(key) is not None and shared.get(cache.INDEX_KEY) is not None
            shared.set("heartbeat", "kept", timeout=None)  # another user of the same alias
            client.set(f"{prefix}-broker:queue", b"task")  # another user of the same database
            cache.clear()
            assert shared.get(key) is None and shared.get(cache.INDEX_KEY) is None
            assert shared.get("heartbeat") == "kept"
            assert client.get(f"{prefix}-broker:queue") == b"task"
            cache.clear_local()
    finally:
        for stale in client.scan_iter(f"{prefix}*"):
            client.delete(stale)
