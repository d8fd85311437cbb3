"""The two-level template cache: a per-process LRU (L1) in front of a shared Django cache
(L2, the `templates` alias: a DatabaseCache table by default, Redis when configured).

Keys are `template:{state}:{reason}:{templateType}`. A key whose template does not exist
is known as "absent", so walking the fallback chain costs nothing after warm-up: either by
its own entry, or by the *index* (`INDEX_KEY`, in both levels): the set of every active
template's key, written by the pre-warm, which reads the whole active table (a few dozen
rows, a few hundred at most) in one query. Any key outside the index is absent, for every
state and reason, without an entry per key. An edit (the post-commit signal -> `invalidate`)
drops the key and the index; other processes see it when their L1 entries expire.
Hits and misses are counted exactly by the caller's `CacheCounter`; a miss means the
template row had to be read from the database.

Version pinning: a batch resolves templates with `pins` ({cache key: version} snapshotted at
launch). A key whose live version differs from its pin is served from the history table at
the pinned version (cached per process by (key, version): a version never changes), and a
key absent from the pins (no active template at launch) is skipped, so the fallback chain
answers exactly as it did at launch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from templates_app.lru import LRU
from templates_app.models import GENERAL, REASON_CHOICES, EvictionTemplate, TemplateType

logger = logging.getLogger(__name__)

L1_TTL_SECONDS = 30.0  # bounds staleness in *other* processes after an edit
# A read that started before an edit committed can write its (old) row to the shared level
# after the edit's post-commit invalidation ran; with no timeout that entry (or a stale index)
# would be served until the next edit. An hour bounds it; a refill is one query per pre-warm.
L2_TTL_SECONDS = 3600
_ABSENT = "absent"
# Not of the template:{state}:{reason}:{type} shape, so it cannot collide with a template's key.
INDEX_KEY = "template-index"
_ALL_REASONS = tuple(reason for reason, _ in REASON_CHOICES)


@dataclass(frozen=True)
class TemplateRecord:
    """A plain snapshot of a template row: what rendering needs, no ORM object."""

    id: int
    state: str
    reason: str
    template_type: str
    version: int
    content: str
    metadata: dict

    @property
    def key(self) -> str:
        return template_key(self.state, self.reason, self.template_type)

    @classmethod
    def from_model(cls, obj: EvictionTemplate) -> TemplateRecord:
        return cls(obj.pk, obj.state, obj.reason, obj.template_type, obj.version, obj.content, obj.metadata)


@dataclass
class CacheCounter:
    hits: int = 0
    misses: int = 0


_l1 = LRU(maxsize=settings.TEMPLATE_CACHE_L1_SIZE, ttl=L1_TTL_SECONDS)
# (key, version) -> pinned record. No TTL: the content of a version never changes.
_pinned = LRU(maxsize=settings.TEMPLATE_CACHE_L1_SIZE, ttl=float("inf"))
# Keys pre-warm read from the database and no item has used yet: the first use of each is
# the miss (the database read happened for it), so misses equal distinct templates used.
_fresh_keys: set[str] = set()
_fresh_lock = threading.Lock()


def _l2():
    return caches[settings.TEMPLATE_CACHE_ALIAS]


def template_key(state: str, reason: str, template_type: str) -> str:
    return f"template:{state}:{reason}:{template_type}"


PROMPT_KEY = template_key(GENERAL, GENERAL, TemplateType.PROMPT)


def _to_cached(record: TemplateRecord | None):
    return _ABSENT if record is None else record


def _from_cached(value) -> TemplateRecord | None:
    return None if value == _ABSENT else value


def _lookup(state: str, reason: str, template_type: str) -> tuple[TemplateRecord | None, bool]:
    """(record or None, read_from_database)."""
    key = template_key(state, reason, template_type)
    value = _l1.get(key)
    if value is None:
        value = _absent_by(_l1.get(INDEX_KEY), key)
    if value is None:
        value = _l2_get(key)
    if value is not None:
        return _from_cached(value), _take_fresh(key)
    obj = EvictionTemplate.objects.filter(
        state=state, reason=reason, template_type=template_type, is_active=True
    ).first()
    record = TemplateRecord.from_model(obj) if obj else None
    _store(key, record)
    return record, True


def _absent_by(index: frozenset | None, key: str) -> str | None:
    """`_ABSENT` when the index of active keys proves `key` has no template; None: unknown."""
    return _ABSENT if index is not None and key not in index else None


def _l2_get(key: str):
    """The shared level's answer for `key` (its entry, or absent by the shared index), or
    None; one round trip either way."""
    found = _l2().get_many([key, INDEX_KEY])
    _l1.set_many(found)
    value = found.get(key)
    return value if value is not None else _absent_by(found.get(INDEX_KEY), key)


def _take_fresh(key: str) -> bool:
    with _fresh_lock:
        if key in _fresh_keys:
            _fresh_keys.discard(key)
            return True
        return False


def get_template(
    state: str, reason: str, template_type: str, *, counter: CacheCounter | None = None
) -> TemplateRecord | None:
    """The active template for exactly this key (no fallback), or None."""
    record, from_db = _lookup(state, reason, template_type)
    _count(counter, from_db)
    return record


def _count(counter: CacheCounter | None, from_db: bool) -> None:
    if counter is None:
        return
    if from_db:
        counter.misses += 1
    else:
        counter.hits += 1


def fallback_chain(state: str, reason: str) -> list[tuple[str, str]]:
    """state+reason -> general+reason -> general+general (deduplicated)."""
    chain = [(state, reason), (GENERAL, reason), (GENERAL, GENERAL)]
    return list(dict.fromkeys(chain))


def resolve_template(
    state: str,
    reason: str,
    template_type: str,
    *,
    counter: CacheCounter | None = None,
    pins: dict[str, int] | None = None,
) -> tuple[TemplateRecord | None, bool]:
    """Walk the fallback chain. Returns (record or None, fallback_used). Counts one hit,
    or one miss when any step of the walk had to read the database.

    With `pins` (a batch's launch snapshot) every step answers as it did at launch; empty
    or None pins mean the live templates."""
    any_db = False
    for position, (s, r) in enumerate(fallback_chain(state, reason)):
        record, from_db = _lookup_pinned(s, r, template_type, pins) if pins else _lookup(s, r, template_type)
        any_db = any_db or from_db
        if record is not None:
            _count(counter, any_db)
            return record, position > 0
    _count(counter, any_db)
    return None, True


def _lookup_pinned(state: str, reason: str, template_type: str, pins: dict[str, int]):
    """(record as of the pin, read_from_database) for one step of the chain."""
    key = template_key(state, reason, template_type)
    pinned = pins.get(key)
    if pinned is None:
        return None, False  # no active template at launch: the chain moves on, as it did then
    record, from_db = _lookup(state, reason, template_type)
    if record is not None and record.version == pinned:
        return record, from_db
    old, old_from_db = pinned_version(state, reason, template_type, version=pinned)
    if old is None:
        logger.warning("pinned template version missing from history", extra={"key": key, "version": pinned})
        return record, from_db or old_from_db
    return old, from_db or old_from_db


def pinned_version(state: str, reason: str, template_type: str, *, version: int) -> tuple[TemplateRecord | None, bool]:
    """(the template as it was at `version`, read_from_database), from the history table."""
    pkey = f"{template_key(state, reason, template_type)}@{version}"
    value = _pinned.get(pkey)
    if value is not None:
        return _from_cached(value), False
    row = (
        EvictionTemplate.history.filter(state=state, reason=reason, template_type=template_type, version=version)
        .order_by("-history_date", "-history_id")
        .first()
    )
    record = None
    if row is not None:
        record = TemplateRecord(
            row.id, row.state, row.reason, row.template_type, row.version, row.content, row.metadata
        )
    _pinned.set(pkey, _to_cached(record))
    return record, True


def _store(key: str, record: TemplateRecord | None) -> None:
    value = _to_cached(record)
    _l1.set(key, value)
    _l2().set(key, value, timeout=L2_TTL_SECONDS)
    _discard_fresh(key)  # counted as the miss of the lookup that read it


def _discard_fresh(key: str) -> None:
    with _fresh_lock:
        _fresh_keys.discard(key)


def _chain_keys(pairs: set[tuple[str, str]], types: tuple[str, ...]) -> list[str]:
    keys = [template_key(s, r, t) for state, reason in pairs for t in types for s, r in fallback_chain(state, reason)]
    return list(dict.fromkeys(keys))


def _prewarm_keys(states: set[str]) -> list[str]:
    """Every key a batch's items can look up: each state's fallback chain for EVERY reason
    (the analyzer decides the reason, not the upload-time guess) and the analysis prompt."""
    pairs = {(state, reason) for state in states | {GENERAL} for reason in _ALL_REASONS}
    return _chain_keys(pairs, (TemplateType.RESPONSE, TemplateType.META)) + [PROMPT_KEY]


def _load_table() -> dict:
    """ONE query: every active template (every type, every state: the table is small) and,
    last, the index of their keys, which proves every other key absent."""
    rows = EvictionTemplate.objects.filter(is_active=True).order_by()
    records = {record.key: record for record in map(TemplateRecord.from_model, rows)}
    return {**records, INDEX_KEY: frozenset(records)}


def prewarm(pairs: Iterable[tuple[str, str]]) -> int:
    """Make every template the batch's (state, reason) pairs can resolve to available in
    this process, for any reason and with the analysis prompt, and every other key known
    absent (the index), so items read neither level for them.

    One shared-cache read (`get_many`: the index and the states' keys) and, when the shared
    cache lacks any of it, ONE database query for the whole active table (`_load_table`).
    Returns how many templates were read from the database; each counts as a miss for the
    first item that uses it."""
    states = {state for state, _ in pairs}
    keys = _prewarm_keys(states)
    found = _l2().get_many([*keys, INDEX_KEY])
    index = found.get(INDEX_KEY)
    loaded = 0
    if index is None or any(key in index and key not in found for key in keys):
        found = _load_table()
        _l2().set_many(found, timeout=L2_TTL_SECONDS)  # one round trip to a shared (Redis) cache
        loaded = len(found) - 1
        with _fresh_lock:
            _fresh_keys.update(key for key in found if key != INDEX_KEY)
    _l1.set_many(found)
    _l1.preloaded_states.update(states)
    return loaded


def invalidate(state: str, reason: str, template_type: str) -> None:
    """Drop the key and the index (the edit may have created, (de)activated or deleted a
    template) from both levels. The next pre-warm reads the table again; until then a
    lookup of a key with no entry of its own reads that one row."""
    key = template_key(state, reason, template_type)
    _l1.delete(key)
    _l1.delete(INDEX_KEY)
    _discard_fresh(key)
    _l2().delete_many([key, INDEX_KEY])


def clear_local() -> None:
    """Empty this process's level only."""
    _l1.clear()
    _pinned.clear()
    with _fresh_lock:
        _fresh_keys.clear()


def clear() -> None:
    """Empty both levels (the admin's 'clear template cache' action)."""
    clear_local()
    l2 = _l2()
    if not isinstance(l2, RedisCache):
        l2.clear()  # the DatabaseCache alias has a table of its own
        return
    # On Redis the alias shares its database with django-q's broker and the default cache:
    # `clear()` would FLUSHDB them all. Delete the template keys only.
    client = l2._cache.get_client(write=True)
    patterns = (l2.make_key("template:*"), l2.make_key(INDEX_KEY))
    keys = [key for pattern in patterns for key in client.scan_iter(match=pattern, count=1000)]
    if keys:
        client.delete(*keys)


def stats() -> dict:
    """Cache stats in the seed's names, for this process's L1."""
    records = [v for v in _l1.values() if isinstance(v, TemplateRecord)]
    prompts = sum(1 for r in records if r.template_type == TemplateType.PROMPT)
    return {
        "promptCacheSize": prompts,
        "templateCacheSize": len(records) - prompts,
        "preloadedStates": sorted(_l1.preloaded_states),
    }
