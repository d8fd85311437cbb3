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
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from batches.analysis import get_analyzer
from batches.analysis.errors import AnalyzerError
from batches.models import BATCH_ACTIVE, Batch, BatchItem, BatchStatus, ItemStatus
from batches.services import lifecycle
from batches.services.claims import claim_items
from batches.services.pipeline import ItemFailure, NoticeInput, build_result
from templates_app.cache import CacheCounter, TemplateRecord, get_template, prewarm
from templates_app.models import GENERAL, TemplateType
from templates_app.selectors import rules_as_dicts

logger = logging.getLogger(__name__)


@dataclass
class BatchContext:
    """What a process needs to run a batch, built once per (process, batch)."""

    batch_id: int
    analyzer_name: str
    concurrency: int
    rules: list[dict]
    prompt: TemplateRecord | None = None
    prewarmed_at: float = field(default_factory=time.monotonic)

    def prompt_kwargs(self) -> dict:
        """The staff-editable analysis prompt (a `prompt` template), recorded in provenance."""
        if self.prompt is None:
            return {}
        return {"system_prompt": self.prompt.content, "prompt_version": f"{self.prompt.key}:v{self.prompt.version}"}


_contexts: dict[tuple[int, int], BatchContext] = {}


def _owner() -> str:
    return f"{socket.gethostname()[:24]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def batch_context(batch: Batch) -> BatchContext:
    """Pre-warm the template cache for every (state, reason) of the batch with one query
    and load the notice rules, once per process."""
    key = (os.getpid(), batch.pk)
    ctx = _contexts.get(key)
    if ctx is None or time.monotonic() - ctx.prewarmed_at > 300:
        pairs = (
            BatchItem.objects.filter(batch_id=batch.pk, status__in=lifecycle.UNFINISHED)
            .values_list("user_selected_state", "reason_guess")
            .distinct()
        )
        prewarm((state or GENERAL, reason or GENERAL) for state, reason in pairs)
        prompt = get_template(GENERAL, GENERAL, TemplateType.PROMPT)
        ctx = BatchContext(batch.pk, batch.analyzer, batch.concurrency, rules_as_dicts(), prompt=prompt)
        _contexts[key] = ctx
    return ctx


def batch_run_slice(*, batch_id: int, time_budget: float | None = None) -> bool:
    """Process one slice. Returns True when the batch still has pending items."""
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None or batch.status not in BATCH_ACTIVE:
        return False
    Batch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=timezone.now()
    )
    ctx = batch_context(batch)
    budget = settings.BATCH_SLICE_SECONDS if time_budget is None else time_budget
    _Slice(ctx, deadline=time.monotonic() + budget).run()
    if BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.PENDING).exists():
        return Batch.objects.filter(pk=batch_id, status__in=BATCH_ACTIVE).exists()
    lifecycle.batch_finalize(batch_id=batch_id)
    return False


class _Slice:
    def __init__(self, ctx: BatchContext, *, deadline: float):
        self.ctx = ctx
        self.deadline = deadline
        self.owner = _owner()
        self.analyzer = get_analyzer(ctx.analyzer_name)
        self.buffer: list[dict] = []
        self.in_flight: dict[Future, tuple[dict, float]] = {}
        self.stopped = False

    def run(self) -> None:
        pool = ThreadPoolExecutor(max_workers=self.ctx.concurrency, thread_name_prefix="item")
        try:
            while self._fill(pool) or self.in_flight:
                done, _ = wait(list(self.in_flight), timeout=1.0, return_when=FIRST_COMPLETED)
                for future in done:
                    self._finish(future)
        finally:
            self._release(self.buffer)
            self.buffer = []
            # Threads only do network/CPU work bounded by client timeouts: never block on them.
            pool.shutdown(wait=False, cancel_futures=True)

    def _fill(self, pool: ThreadPoolExecutor) -> bool:
        """Start work on free slots. Returns False once nothing more will be started."""
        if self.stopped or time.monotonic() >= self.deadline:
            return False
        while len(self.in_flight) < self.ctx.concurrency:
            if not self.buffer:
                self.buffer = claim_items(self.ctx.batch_id, owner=self.owner, limit=self.ctx.concurrency)
                if not self.buffer:
                    return False
            item = self.buffer.pop(0)
            future = pool.submit(self._extract, item)
            self.in_flight[future] = (item, time.monotonic())
        return True

    def _extract(self, item: dict) -> tuple[dict, dict]:
        return self.analyzer.extract_facts(
            item["extracted_text"], state_hint=item["user_selected_state"] or None, **self.ctx.prompt_kwargs()
        )

    def _finish(self, future: Future) -> None:
        item, started = self.in_flight.pop(future)
        elapsed_ms = int((time.monotonic() - started) * 1000)
        try:
            facts, provenance = future.result()
            outcome = self._outcome(item, facts, provenance)
        except AnalyzerError as exc:
            if exc.batch_fatal:
                self._pause(item, exc)
                return
            _fail(item, owner=self.owner, category=exc.category, message=exc.message, elapsed_ms=elapsed_ms)
            return
        except ItemFailure as exc:
            _fail(item, owner=self.owner, category=exc.category, message=exc.message, elapsed_ms=elapsed_ms)
            return
        except Exception as exc:  # noqa: BLE001 - one item's bug must not stop the batch
            logger.exception("item failed", extra={"item_id": item["pk"]})
            _fail(
                item,
                owner=self.owner,
                category="INTERNAL",
                message=f"Internal error ({type(exc).__name__}).",
                elapsed_ms=elapsed_ms,
            )
            return
        _complete(item, owner=self.owner, outcome=outcome, elapsed_ms=elapsed_ms)

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
            pins=Batch.objects.values_list("template_versions", flat=True).get(pk=self.ctx.batch_id),
        )

    def _pause(self, item: dict, exc: AnalyzerError) -> None:
        """Auth/quota problems stop the batch instead of failing every remaining item."""
        self.stopped = True
        lifecycle.batch_pause(batch_id=self.ctx.batch_id, message=f"Paused: {exc.message}")
        self._release([item])
        logger.warning("batch paused", extra={"batch_id": self.ctx.batch_id, "category": exc.category})

    def _release(self, items: list[dict]) -> None:
        """Give claimed-but-unprocessed items back, without charging them an attempt."""
        if items:
            BatchItem.objects.filter(
                pk__in=[i["pk"] for i in items], status=ItemStatus.PROCESSING, lease_owner=self.owner
            ).update(status=ItemStatus.PENDING, lease_owner="", lease_expires_at=None, attempts=F("attempts") - 1)


def _complete(item: dict, *, owner: str, outcome, elapsed_ms: int) -> None:
    BatchItem.objects.filter(pk=item["pk"], status=ItemStatus.PROCESSING, lease_owner=owner).update(
        status=ItemStatus.ANALYSIS_COMPLETE,
        analysis_results=outcome.results,
        state=outcome.state[:2] if outcome.state != GENERAL else "",
        reason=outcome.reason,
        analyzer=outcome.results["provenance"].get("analyzer", ""),
        template_versions=outcome.template_versions,
        fallback_used=outcome.fallback_used,
        cache_hits=outcome.cache_hits,
        cache_misses=outcome.cache_misses,
        tokens=outcome.tokens,
        processing_ms=elapsed_ms,
        finished_at=timezone.now(),
        error="",
        error_category="",
        lease_owner="",
        lease_expires_at=None,
    )


def _fail(item: dict, *, owner: str, category: str, message: str, elapsed_ms: int) -> None:
    BatchItem.objects.filter(pk=item["pk"], status=ItemStatus.PROCESSING, lease_owner=owner).update(
        status=ItemStatus.FAILED,
        error=message[:2000],
        error_category=category,
        processing_ms=elapsed_ms,
        finished_at=timezone.now(),
        lease_owner="",
        lease_expires_at=None,
    )
