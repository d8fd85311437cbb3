"""Reads about ingestion: the rejection totals that /metrics and CloudWatch export."""

from __future__ import annotations

from django.db.models import Count

from ingestion.models import IngestRejection


def rejection_counts() -> dict[str, int]:
    """Refused feed messages and API uploads: {"invalid": n, "duplicate": n}."""
    rows = IngestRejection.objects.values_list("duplicate").annotate(n=Count("pk")).order_by()
    counts = {"invalid": 0, "duplicate": 0}
    for duplicate, n in rows:
        counts["duplicate" if duplicate else "invalid"] += n
    return counts
