"""System checks: the timeout ladder must hold, or a slow item is run twice.

LLM call budget (timeout x attempts + the waits between attempts) < item lease, so an item
never outlives its lease while its worker is alive; slice budget + lease < django-q2
`timeout`, so a task ends by itself before the worker is killed; and `retry` covers one
task waiting in the prefetch queue plus the running one (queue_limit / workers + 1 tasks),
so the broker never hands a running task to a second worker (django-q2-and-cache.md P1/P2).
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


def _q(name: str, default=None):
    return (getattr(settings, "Q_CLUSTER", None) or {}).get(name, default)


def _ladder() -> dict[str, float]:
    attempts = settings.OPENAI_MAX_ATTEMPTS
    llm = settings.OPENAI_TIMEOUT_SECONDS * attempts + settings.OPENAI_RETRY_MAX_DELAY_SECONDS * max(0, attempts - 1)
    workers = _q("workers") or 1
    return {
        "llm": llm,
        "lease": settings.BATCH_ITEM_LEASE_SECONDS,
        "task": settings.BATCH_SLICE_SECONDS + settings.BATCH_ITEM_LEASE_SECONDS,
        "timeout": _q("timeout") or 0,
        "retry": _q("retry") or 0,
        "prefetch": (_q("queue_limit", workers * workers) or workers) / workers + 1,
    }


@register()
def timeouts_ordered(app_configs=None, **kwargs) -> list[Error]:
    """Errors when LLM budget < lease < slice + lease < q timeout < retry does not hold."""
    v = _ladder()
    errors = []
    if not v["llm"] < v["lease"]:
        errors.append(
            Error(
                f"OPENAI_TIMEOUT_SECONDS x OPENAI_MAX_ATTEMPTS + backoff ({v['llm']:g}s) must be below "
                f"BATCH_ITEM_LEASE_SECONDS ({v['lease']:g}s).",
                hint="Lower the LLM timeout or attempts, or lengthen the lease.",
                id="batches.E001",
            )
        )
    if not v["timeout"] or not v["task"] < v["timeout"]:
        errors.append(
            Error(
                f"BATCH_SLICE_SECONDS + BATCH_ITEM_LEASE_SECONDS ({v['task']:g}s) must be below the django-q2 "
                f"timeout (Q_TIMEOUT={v['timeout']}s).",
                hint="A slice must end on its own before django-q2 kills its worker.",
                id="batches.E002",
            )
        )
    if not v["timeout"] or not v["retry"] > v["prefetch"] * v["timeout"]:
        errors.append(
            Error(
                f"The django-q2 retry (Q_RETRY={v['retry']}s) must exceed (queue_limit / workers + 1) x timeout "
                f"({v['prefetch'] * v['timeout']:g}s).",
                hint="Otherwise a task still running, or waiting in the prefetch queue, is delivered twice.",
                id="batches.E003",
            )
        )
    return errors
