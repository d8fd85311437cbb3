"""Run a batch in bounded slices.

A slice claims items (a conditional update, so a second delivery of the same task claims
nothing), analyses them through a sliding window of `concurrency` threads, saves each
result as it completes, and stops claiming when its time budget is spent. The task then
enqueues the next slice. Only fact extraction (the slow, I/O-bound part) runs in the
threads; every database read and write stays on the task's own thread.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from batches import ratelimit
from batches.analysis import get_analyzer
from batches.analysis.errors import LLM_RATE_LIMITED, AnalyzerError
from batches.models import BATCH_ACTIVE, Batch, BatchItem, BatchStatus, ItemStatus
from batches.services import lifecycle
from batches.services.batch_context import BatchContext, batch_context
from batches.services.claims import claim_items
from batches.services.extraction_step import extraction_pending, extraction_run
from batches.services.item_outcome import item_complete, item_fail
from batches.services.pipeline import ItemFailure, NoticeInput, build_result
from templates_app.cache import CacheCounter

logger = logging.getLogger(__name__)
LEASE_MARGIN_SECONDS = 1.0
# While a slice runs, the task thread (every database call) competes for the GIL with up to
# BATCH_MAX_CONCURRENCY SDK threads; at Python's default 5 ms interval each of its SQLite
# calls waited behind them (+27 % items/s in-process with 0.5 ms, docs/benchmarks.md).
SLICE_SWITCH_INTERVAL = 0.0005
# A wait that ends this close to the slice's deadline (fraction of its budget) ends the
# slice at that moment: the next slice then claims with a whole budget, instead of this
# one claiming a full window and stopping (draining it) a moment later.
LAST_STRETCH = 0.25


def _owner() -> str:
    return f"{socket.gethostname()[:24]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def batch_run_slice(*, batch_id: int, time_budget: float | None = None) -> bool:
    """Process one slice. Returns True when the batch still has pending items."""
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None or batch.status not in BATCH_ACTIVE:
        return False
    Batch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=timezone.now()
    )
    # Self-heal: a slice redelivered after a crash finds its predecessor's items with
    # lapsed leases and takes them back (or sets aside those out of attempts) at once,
    # without waiting for the reconciler schedule.
    lifecycle.leases_expire(BatchItem.objects.filter(batch_id=batch_id), max_attempts=settings.BATCH_ITEM_MAX_ATTEMPTS)
    budget = settings.BATCH_SLICE_SECONDS if time_budget is None else time_budget
    deadline = time.monotonic() + budget
    if extraction_pending(batch_id):
        # Text extraction is its own step: documents become PENDING items (or fail) first.
        extraction_run(batch_id, owner=_owner(), deadline=deadline)
    ctx = batch_context(batch)
    _Slice(ctx, deadline=deadline, budget=budget, pins=batch.template_versions).run()
    if BatchItem.objects.filter(batch_id=batch_id, status__in=lifecycle.WAITING).exists():
        return Batch.objects.filter(pk=batch_id, status__in=BATCH_ACTIVE).exists()
    lifecycle.batch_finalize(batch_id=batch_id)
    return False


class _Slice:
    def __init__(self, ctx: BatchContext, *, deadline: float, budget: float = 0.0, pins: dict | None = None):
        self.ctx = ctx
        self.deadline = deadline
        self.last_stretch = deadline - budget * LAST_STRETCH
        self.owner = _owner()
        self.analyzer = get_analyzer(ctx.analyzer_name)
        self.window = ctx.window
        self.uses_llm = ctx.analyzer_name != "rules"
        self.in_flight: dict[Future, tuple[dict, float, int]] = {}
        self.limited_until = 0.0  # monotonic: a shared rate limit said "wait"
        # The process's Retry-After pause (the openai analyzer's); rules has none.
        self.rate_pause = getattr(self.analyzer, "rate_pause", None) if self.uses_llm else None
        self.shared_until = 0.0  # the pause this slice last wrote to the shared row
        self.stopped = False
        self.counts = {"completed": 0, "failed": 0, "held": 0, "throttled": 0}
        # Template versions pinned at launch (re-pinned by a "latest versions" retry, which
        # starts a new slice): from the batch row the slice loaded, not read per item.
        self.pins = pins

    def run(self) -> None:
        pool = ThreadPoolExecutor(max_workers=self.window.ceiling, thread_name_prefix="item")
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(switch_interval, SLICE_SWITCH_INTERVAL))
        self._adopt_shared_pause()
        try:
            while True:
                can_start = self._fill(pool)
                if self.in_flight:
                    done, _ = wait(list(self.in_flight), timeout=self._wait_timeout(), return_when=FIRST_COMPLETED)
                    for future in done:
                        self._finish(future)
                elif not can_start or not self._idle_wait():
                    break
        finally:
            # Only an exception (e.g. django-q2's timeout, a SystemExit) leaves items in
            # flight here. They go back keeping their attempt: if one of them is what hung
            # the task, it must still reach BATCH_ITEM_MAX_ATTEMPTS and be set aside.
            self._release([item for item, _, _ in self.in_flight.values()], charge=True)
            # Threads only do network/CPU work bounded by client timeouts: never block on them.
            pool.shutdown(wait=False, cancel_futures=True)
            sys.setswitchinterval(switch_interval)
            logger.info(
                "slice done: batch_id=%s completed=%d failed=%d held=%d throttled=%d window=%d",
                self.ctx.batch_id,
                *self.counts.values(),
                self.window.size,
            )

    def _fill(self, pool: ThreadPoolExecutor) -> bool:
        """Start work on free slots. Returns False once nothing more will be started."""
        now = time.monotonic()
        if self.stopped or now >= self.deadline:
            return False
        free = self.window.size - len(self.in_flight)
        if free <= 0 or now < self.limited_until or self._paused():
            return True
        # Claim only what can start now: a claimed item's lease is already running.
        items = claim_items(self.ctx.batch_id, owner=self.owner, limit=free)
        for index, item in enumerate(items):
            estimate = self._spend_limits(item)
            if estimate is None:
                self._release(items[index:])
                break
            future = pool.submit(self._extract, item)
            self.in_flight[future] = (item, time.monotonic(), estimate)
        return True

    def _spend_limits(self, item: dict) -> int | None:
        """Spend the shared rate limits for one LLM request; None when they say wait."""
        if not self.uses_llm:
            return 0
        estimate = ratelimit.estimate_tokens(item["extracted_text"])
        wait_seconds = ratelimit.limits_acquire(
            ratelimit.charges_for(batch_id=self.ctx.batch_id, estimated_tokens=estimate)
        )
        if wait_seconds:
            self.limited_until = time.monotonic() + wait_seconds
            return None
        return estimate

    def _wait_timeout(self) -> float:
        # Wake when a pause ends, not up to half a second later, to refill the window then.
        pause = self.rate_pause.remaining() if self.rate_pause is not None else 0.0
        return min(0.5, pause) if pause > 0 else 0.5

    def _paused(self) -> bool:
        return self.rate_pause is not None and self.rate_pause.remaining() > 0

    def _adopt_shared_pause(self) -> None:
        """Take over a Retry-After pause another process (or an earlier slice) shared."""
        if self.rate_pause is not None:
            remaining = ratelimit.pause_remaining()
            if remaining > 0:
                self.rate_pause.extend(time.monotonic() + remaining)

    def _idle_wait(self) -> bool:
        """Nothing in flight and nothing claimable: wait for the next moment something can
        be (a rate-limit window, the LLM's Retry-After, an item's retry-after), at most
        until the slice's deadline. Waiting out the budget even when that moment is later
        keeps a batch whose items are all held back to one slice task per
        BATCH_SLICE_SECONDS, not a hot loop of tasks."""
        self._adopt_shared_pause()
        now = time.monotonic()
        wake = [t for t in (self.limited_until, self.rate_pause.until if self.rate_pause else 0.0) if t > now]
        held = (
            BatchItem.objects.filter(
                batch_id=self.ctx.batch_id, status=ItemStatus.PENDING, retry_after_at__isnull=False
            )
            .order_by("retry_after_at")
            .values_list("retry_after_at", flat=True)
            .first()
        )
        if held is not None:
            wake.append(now + max(0.0, (held - timezone.now()).total_seconds()))
        if not wake or now >= self.deadline:
            return False
        moment = min(wake)
        # The exact moment, not steps: a Retry-After pause ends when the server said.
        time.sleep(max(0.01, min(self.deadline, moment) - now))
        # Woken in the last stretch of the budget: end here; the next slice claims at once.
        return moment < self.last_stretch

    def _extract(self, item: dict) -> tuple[dict, dict]:
        # No attempt or backoff runs past the item's lease (minus a margin for the save).
        deadline = time.monotonic() + settings.BATCH_ITEM_LEASE_SECONDS - LEASE_MARGIN_SECONDS
        return self.analyzer.extract_facts(
            item["extracted_text"],
            state_hint=item["user_selected_state"] or None,
            deadline=deadline,
            **self.ctx.prompt_kwargs(),
        )

    def _finish(self, future: Future) -> None:
        item, started, estimate = self.in_flight.pop(future)
        elapsed_ms = int((time.monotonic() - started) * 1000)
        try:
            facts, provenance = future.result()
            self._observe(started, provenance, estimate)
            outcome = self._outcome(item, facts, provenance)
        except AnalyzerError as exc:
            self._analyzer_error(item, started, exc, elapsed_ms)
            return
        except ItemFailure as exc:
            self._fail(item, category=exc.category, message=exc.message, elapsed_ms=elapsed_ms)
            return
        except Exception as exc:  # noqa: BLE001 - one item's bug must not stop the batch
            logger.exception("item failed", extra={"item_id": item["pk"]})
            self._fail(
                item, category="INTERNAL", message=f"Internal error ({type(exc).__name__}).", elapsed_ms=elapsed_ms
            )
            return
        item_complete(item, owner=self.owner, outcome=outcome, elapsed_ms=elapsed_ms)
        self.counts["completed"] += 1

    def _observe(self, started: float, provenance: dict, estimate: int) -> None:
        """Feed the adaptive window: a call that needed retries met a 429 or an overloaded
        server; a first-time success earns a step back up."""
        if (provenance.get("attempts") or 1) > 1:
            self.counts["throttled"] += 1
            self.window.throttled(started=started)
        else:
            self.window.succeeded()
        if self.uses_llm:
            ratelimit.tokens_settle(estimated=estimate, actual=provenance.get("totalTokens"))

    def _analyzer_error(self, item: dict, started: float, exc: AnalyzerError, elapsed_ms: int) -> None:
        if exc.batch_fatal:
            self._pause(item, exc)
        elif exc.category == LLM_RATE_LIMITED:
            # Rate limited beyond what the retry loop may wait: not the item's fault. Hold
            # it back for the server's Retry-After (or our cap) instead of failing it.
            self.counts["throttled"] += 1
            wait_seconds = exc.retry_after if exc.retry_after is not None else settings.OPENAI_RETRY_MAX_DELAY_SECONDS
            if exc.retry_after is not None and exc.retry_after > settings.OPENAI_RETRY_MAX_DELAY_SECONDS:
                # A long Retry-After (e.g. a spent requests-per-minute quota): the server said
                # when it accepts again. Every thread (RatePause) and, through the shared row,
                # every slice waits for that moment and then resumes at the full window;
                # halving the window as well would only slow the restart.
                self._share_pause(exc.retry_after)
            else:
                self.window.throttled(started=started)
            until = timezone.now() + timedelta(seconds=max(0.0, wait_seconds))
            self.counts["held"] += lifecycle.items_hold(item_ids=[item["pk"]], owner=self.owner, until=until)
        else:
            self._fail(item, category=exc.category, message=exc.message, elapsed_ms=elapsed_ms)

    def _share_pause(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        if until > self.shared_until + 1.0:  # the items in flight report the same pause: write once
            self.shared_until = until
            ratelimit.pause_share(seconds=seconds)

    def _fail(self, item: dict, *, category: str, message: str, elapsed_ms: int) -> None:
        item_fail(item, owner=self.owner, category=category, message=message, elapsed_ms=elapsed_ms)
        self.counts["failed"] += 1

    def _outcome(self, item, facts, provenance):
        counter = CacheCounter()
        notice_input = NoticeInput(
            text=item["extracted_text"],
            user_selected_state=item["user_selected_state"] or None,
            user_form_data=item["user_form_data"] or {},
        )
        return build_result(
            notice_input=notice_input,
            facts=facts,
            provenance=provenance,
            rules=self.ctx.rules,
            counter=counter,
            pins=self.pins,
        )

    def _pause(self, item: dict, exc: AnalyzerError) -> None:
        """Auth/quota problems stop the batch instead of failing every remaining item."""
        self.stopped = True
        lifecycle.batch_pause(batch_id=self.ctx.batch_id, message=f"Paused: {exc.message}")
        self._release([item])
        logger.warning("batch paused", extra={"batch_id": self.ctx.batch_id, "category": exc.category})

    def _release(self, items: list[dict], *, charge: bool = False) -> None:
        """Give claimed items back; unless `charge`, the claim's attempt is refunded (the
        item never started, or stopped for a reason that is not its own)."""
        if not items:
            return
        mine = BatchItem.objects.filter(
            pk__in=[i["pk"] for i in items], status=ItemStatus.PROCESSING, lease_owner=self.owner
        )
        if charge:
            # Lapse the lease now: the reconciler's rule (re-queue, or WORKER_LOST at K) applies.
            mine.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
            lifecycle.leases_expire(mine, max_attempts=settings.BATCH_ITEM_MAX_ATTEMPTS)
            return
        mine.update(status=ItemStatus.PENDING, lease_owner="", lease_expires_at=None, attempts=F("attempts") - 1)
