"""Reads about ingestion: the rejection totals that /metrics and CloudWatch export."""

from __future__ import annotations

from django.db.models import Count

from ingestion.models import IngestRejection, RejectionSource

KINDS = ("invalid", "duplicate")


def rejection_counts_by_source() -> dict[tuple[str, str], int]:
    """{(source, kind): n} for every source (sqs, api, admin) and kind (invalid, duplicate),
    zeros included, so a staff upload refused in the admin is not counted as a feed fault."""
    rows = IngestRejection.objects.values_list("source", "duplicate").annotate(n=Count("pk")).order_by()
    counts = {(source, kind): 0 for source in RejectionSource.values for kind in KINDS}
    for source, duplicate, n in rows:
        key = (source, "duplicate" if duplicate else "invalid")
        counts[key] = counts.get(key, 0) + n
    return counts
