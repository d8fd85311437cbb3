"""What a process needs to run a batch's slices, built once per (process, batch): the notice
rules, the analysis prompt, a pre-warmed template cache and the adaptive window that the
process's slices of the batch share."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from django.conf import settings

from batches.models import Batch, BatchItem
from batches.services import lifecycle
from batches.services.window import AdaptiveWindow
from templates_app.cache import TemplateRecord, get_template, prewarm
from templates_app.models import GENERAL, TemplateType
from templates_app.selectors import rules_as_dicts


@dataclass
class BatchContext:
    """What a process needs to run a batch, built once per (process, batch)."""

    batch_id: int
    analyzer_name: str
    concurrency: int
    rules: list[dict]
    prompt: TemplateRecord | None = None
    prewarmed_at: float = field(default_factory=time.monotonic)
    window: AdaptiveWindow | None = None  # shared by the process's slices of this batch

    def __post_init__(self) -> None:
        if self.window is None:
            self.window = AdaptiveWindow(
                self.concurrency, grow_after=settings.BATCH_WINDOW_GROW_AFTER, batch_id=self.batch_id
            )

    def prompt_kwargs(self) -> dict:
        return prompt_kwargs(self.prompt)


def prompt_kwargs(prompt: TemplateRecord | None) -> dict:
    """The analyzer's arguments for the staff-editable analysis prompt (a `prompt`
    template), recorded in provenance; none without one."""
    if prompt is None:
        return {}
    return {"system_prompt": prompt.content, "prompt_version": f"{prompt.key}:v{prompt.version}"}


# (pid, batch id) -> context: a forked worker builds its own.
BATCH_CONTEXTS: dict[tuple[int, int], BatchContext] = {}


def batch_contexts_reset() -> None:
    """Forget every built context (tests: database ids repeat after a rollback)."""
    BATCH_CONTEXTS.clear()


def batch_context(batch: Batch) -> BatchContext:
    """Pre-warm the template cache for every state of the batch (the pre-warm covers every
    reason) with one query and load the notice rules, once per process."""
    key = (os.getpid(), batch.pk)
    ctx = BATCH_CONTEXTS.get(key)
    stale = ctx is None or (ctx.analyzer_name, ctx.concurrency) != (batch.analyzer, batch.concurrency)
    if stale or time.monotonic() - ctx.prewarmed_at > 300:
        states = (
            BatchItem.objects.filter(batch_id=batch.pk, status__in=lifecycle.UNFINISHED)
            .values_list("user_selected_state", flat=True)
            .distinct()
        )
        prewarm((state or GENERAL, GENERAL) for state in states)
        prompt = get_template(GENERAL, GENERAL, TemplateType.PROMPT)
        window = ctx.window if ctx is not None and ctx.concurrency == batch.concurrency else None
        ctx = BatchContext(batch.pk, batch.analyzer, batch.concurrency, rules_as_dicts(), prompt=prompt, window=window)
        BATCH_CONTEXTS[key] = ctx
    return ctx
