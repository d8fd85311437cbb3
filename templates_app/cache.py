"""The two-level template cache: a per-process LRU (L1) in front of a shared Django cache
(L2, the `templates` alias: a DatabaseCache table by default, Redis when configured).

Keys are `template:{state}:{reason}:{templateType}`. A key whose template does not exist
is cached too (as "absent"), so walking the fallback chain costs nothing after warm-up.
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
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

from templates_app.models import GENERAL, EvictionTemplate, TemplateType

logger = logging.getLogger(__name__)

L1_TTL_SECONDS = 30.0  # bounds staleness in *other* processes after an edit
_ABSENT = "absent"


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


@dataclass
class _LRU:
    maxsize: int
    ttl: float
    _data: OrderedDict = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    preloaded_states: set = field(default_factory=set)

    def get(self, key: str):
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                return None
            value, expires = entry
            if expires < time.monotonic():
                del self._data[key]
                return None
            self._data.move_to_end(key)
            return value

    def set(self, key: str, value) -> None:
        with self._lock:
            self._data[key] = (value, time.monotonic() + self.ttl)
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.preloaded_states.clear()

    def values(self) -> list:
        with self._lock:
            now = time.monotonic()
            return [value for value, expires in self._data.values() if expires >= now]


_l1 = _LRU(maxsize=settings.TEMPLATE_CACHE_L1_SIZE, ttl=L1_TTL_SECONDS)
# (key, version) -> pinned record. No TTL: the content of a version never changes.
_pinned = _LRU(maxsize=settings.TEMPLATE_CACHE_L1_SIZE, ttl=float("inf"))
# Keys pre-warm read from the database and no item has used yet: the first use of each is
# the miss (the database read happened for it), so misses equal distinct templates used.
_fresh_keys: set[str] = set()
_fresh_lock = threading.Lock()


def _l2():
    return caches[settings.TEMPLATE_CACHE_ALIAS]


def template_key(state: str, reason: str, template_type: str) -> str:
    return f"template:{state}:{reason}:{template_type}"


def _to_cached(record: TemplateRecord | None):
    return _ABSENT if record is None else record


def _from_cached(value) -> TemplateRecord | None:
    return None if value == _ABSENT else value


def _lookup(state: str, reason: str, template_type: str) -> tuple[TemplateRecord | None, bool]:
    """(record or None, read_from_database)."""
    key = template_key(state, reason, template_type)
    value = _l1.get(key)
    if value is None:
        value = _l2().get(key)
        if value is not None:
            _l1.set(key, value)
    if value is not None:
        return _from_cached(value), _take_fresh(key)
    obj = EvictionTemplate.objects.filter(
        state=state, reason=reason, template_type=template_type, is_active=True
    ).first()
    record = TemplateRecord.from_model(obj) if obj else None
    _store(key, record)
    return record, True


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
    _l2().set(key, value, timeout=None)


def _chain_keys(pairs: set[tuple[str, str]], types: tuple[str, ...]) -> list[str]:
    keys = [template_key(s, r, t) for state, reason in pairs for t in types for s, r in fallback_chain(state, reason)]
    return list(dict.fromkeys(keys))


def _load_from_db(pairs: set[tuple[str, str]], types: tuple[str, ...]) -> dict[str, TemplateRecord]:
    """ONE query for every template any key of the pairs' fallback chains can resolve to."""
    states = {s for s, _ in pairs} | {GENERAL}
    reasons = {r for _, r in pairs} | {GENERAL}
    rows = EvictionTemplate.objects.filter(
        state__in=states, reason__in=reasons, template_type__in=types, is_active=True
    )
    return {template_key(t.state, t.reason, t.template_type): TemplateRecord.from_model(t) for t in rows}


def prewarm(pairs: Iterable[tuple[str, str]], *, types: Iterable[str] | None = None) -> int:
    """Make every template the (state, reason) pairs resolve to available in this process.

    One shared-cache read (`get_many`) and, for whatever the shared cache lacks, ONE
    database query. Returns how many templates were read from the database; each counts
    as a miss for the first item that uses it.
    """
    pairs = set(pairs)
    types = tuple(types or (TemplateType.RESPONSE, TemplateType.META))
    keys = _chain_keys(pairs, types)
    cached = _l2().get_many(keys)
    missing = [k for k in keys if k not in cached]
    from_db = _load_from_db(pairs, types) if missing else {}
    filled = {key: _to_cached(from_db.get(key)) for key in missing}
    if filled:
        _l2().set_many(filled, timeout=None)  # one round trip to a shared (Redis) cache
    cached.update(filled)
    for key, value in cached.items():
        _l1.set(key, value)
    _l1.preloaded_states.update(s for s, _ in pairs)
    loaded = [key for key in missing if cached[key] != _ABSENT]
    with _fresh_lock:
        _fresh_keys.update(loaded)
    return len(loaded)


def invalidate(state: str, reason: str, template_type: str) -> None:
    key = template_key(state, reason, template_type)
    _l1.delete(key)
    _l2().delete(key)


def clear_local() -> None:
    """Empty this process's level only."""
    _l1.clear()
    _pinned.clear()
    with _fresh_lock:
        _fresh_keys.clear()


def clear() -> None:
    """Empty both levels (the admin's 'clear template cache' action)."""
    clear_local()
    _l2().clear()


def stats() -> dict:
    """Cache stats in the seed's names, for this process's L1."""
    records = [v for v in _l1.values() if v != _ABSENT]
    prompts = sum(1 for r in records if r.template_type == TemplateType.PROMPT)
    return {
        "promptCacheSize": prompts,
        "templateCacheSize": len(records) - prompts,
        "preloadedStates": sorted(_l1.preloaded_states),
    }
