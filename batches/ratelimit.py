"""Shared LLM rate limits: requests and tokens per minute, global and per batch.

Choice (documented in docs/guarantees.md): a fixed one-minute window per limit, kept in a
`RateLimitWindow` row and spent with one conditional UPDATE (`used + n <= limit`, or an
older window rolled over in the same statement): one query per limit per request. Every
worker process and machine on the same database spends from the same row, so the limit
holds however many workers run; no lock server, no per-process share that goes wrong when
workers are added. A fixed window can let up to 2x the limit through across a minute
boundary; the server's own 429s (the Retry-After pause and the adaptive window in
the runner) cover that edge.

Tokens are charged before the call from an estimate (text length / 4 plus the completion
budget), because the real count is only known afterwards; `tokens_settle` adds any excess.
A limit of 0 means unlimited and costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from batches.models import RateLimitWindow

WINDOW = timedelta(seconds=60)
PROMPT_OVERHEAD_TOKENS = 600  # system prompt and schema, roughly


@dataclass(frozen=True)
class Charge:
    key: str
    limit: int
    amount: int


def _window_start(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def _ensure_row(key: str, *, window_start: datetime) -> None:
    """Create the key's row (empty, from `window_start`) unless it exists."""
    if not RateLimitWindow.objects.filter(key=key).exists():
        try:
            with transaction.atomic():
                RateLimitWindow.objects.create(key=key, window_start=window_start, used=0)
        except IntegrityError:
            pass  # another process created it first


def _spend(charge: Charge, now: datetime) -> bool:
    """One conditional UPDATE: spend from the current window if it has room, or roll an
    older window over and spend from the fresh one. Only a refusal (or a key's first use)
    costs a second query, to tell "full" from "no row yet"."""
    start = _window_start(now)
    # A single request larger than the whole limit still goes through in an empty window.
    room = Q(window_start=start) & (Q(used__lte=charge.limit - charge.amount) | Q(used=0))
    spent = RateLimitWindow.objects.filter(room | Q(window_start__lt=start), key=charge.key).update(
        # SET expressions see the row as it was, so the CASE tests the old window_start.
        used=Case(When(window_start__lt=start, then=Value(charge.amount)), default=F("used") + charge.amount),
        window_start=start,
    )
    if spent:
        return True
    if RateLimitWindow.objects.filter(key=charge.key).exists():
        return False  # this window is full
    _ensure_row(charge.key, window_start=start)
    return _spend(charge, now)


def _refund(charge: Charge, now: datetime) -> None:
    RateLimitWindow.objects.filter(key=charge.key, window_start=_window_start(now), used__gte=charge.amount).update(
        used=F("used") - charge.amount
    )


def charges_for(*, batch_id: int, estimated_tokens: int) -> list[Charge]:
    """The limits one LLM request spends from, from settings (0 = unlimited, skipped)."""
    wanted = [
        Charge("llm:rpm", settings.LLM_RPM_LIMIT, 1),
        Charge("llm:tpm", settings.LLM_TPM_LIMIT, estimated_tokens),
        Charge(f"batch:{batch_id}:rpm", settings.BATCH_RPM_LIMIT, 1),
    ]
    return [c for c in wanted if c.limit > 0]


def estimate_tokens(text: str) -> int:
    return len(text) // 4 + PROMPT_OVERHEAD_TOKENS + getattr(settings, "OPENAI_MAX_COMPLETION_TOKENS", 1500)


def limits_acquire(charges: list[Charge], *, now: datetime | None = None) -> float:
    """Spend every charge or none. Returns 0.0 when granted, else seconds until the
    current window ends (when a retry can succeed)."""
    if not charges:
        return 0.0
    now = now or timezone.now()
    granted: list[Charge] = []
    for charge in charges:
        if not _spend(charge, now):
            for done in granted:
                _refund(done, now)
            return max(0.05, (_window_start(now) + WINDOW - now).total_seconds())
        granted.append(charge)
    return 0.0


def tokens_settle(*, estimated: int, actual: int | None, now: datetime | None = None) -> None:
    """Charge the tokens a call used beyond its estimate (never refunds: stays conservative)."""
    if settings.LLM_TPM_LIMIT <= 0 or not actual or actual <= estimated:
        return
    now = now or timezone.now()
    RateLimitWindow.objects.filter(key="llm:tpm", window_start=_window_start(now)).update(
        used=F("used") + (actual - estimated)
    )


PAUSE_KEY = "llm:pause"  # window_start holds the moment the LLM said it accepts again


def pause_share(*, seconds: float, now: datetime | None = None) -> None:
    """Record a Retry-After for every process: nobody calls the LLM before now + seconds."""
    now = now or timezone.now()
    until = now + timedelta(seconds=seconds)
    _ensure_row(PAUSE_KEY, window_start=now)
    RateLimitWindow.objects.filter(key=PAUSE_KEY, window_start__lt=until).update(window_start=until)


def pause_remaining(*, now: datetime | None = None) -> float:
    """Seconds until the shared Retry-After pause ends (0.0 when none): one query."""
    now = now or timezone.now()
    until = RateLimitWindow.objects.filter(key=PAUSE_KEY).values_list("window_start", flat=True).first()
    return max(0.0, (until - now).total_seconds()) if until is not None else 0.0


def once_per(key: str, *, seconds: float, now: datetime | None = None) -> bool:
    """True for exactly one caller per `seconds` across all processes (a conditional UPDATE
    on the key's row); used to run start-up maintenance once when several workers spawn."""
    now = now or timezone.now()
    _ensure_row(key, window_start=now - timedelta(days=1))
    due = now - timedelta(seconds=seconds)
    return bool(
        RateLimitWindow.objects.filter(key=key, window_start__lte=due).update(window_start=now, used=F("used") + 1)
    )
