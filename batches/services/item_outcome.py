"""A claimed item's final write: its result or its failure. Each is a conditional update on
(PROCESSING, lease owner), so a second delivery, or a worker whose lease lapsed and was
taken over, writes nothing."""

from __future__ import annotations

from django.utils import timezone

from batches.models import BatchItem, ItemStatus
from templates_app.models import GENERAL


def item_complete(item: dict, *, owner: str, outcome, elapsed_ms: int) -> None:
    """Save a claimed item's result; a no-op unless `owner` still holds its lease."""
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


def item_fail(item: dict, *, owner: str, category: str, message: str, elapsed_ms: int) -> None:
    """Fail a claimed item with its category; a no-op unless `owner` still holds its lease."""
    BatchItem.objects.filter(pk=item["pk"], status=ItemStatus.PROCESSING, lease_owner=owner).update(
        status=ItemStatus.FAILED,
        error=message[:2000],
        error_category=category,
        processing_ms=elapsed_ms,
        finished_at=timezone.now(),
        lease_owner="",
        lease_expires_at=None,
    )
