"""Periodic maintenance run by the django-q2 scheduler."""

from __future__ import annotations

from django_q.models import Schedule

SCHEDULES = (
    # name, dotted task path, minutes between runs
    ("tenantarmor-reconcile", "batches.tasks.items_reconcile", 1),
)


def schedules_ensure() -> list[tuple[str, bool]]:
    results = []
    for name, func, minutes in SCHEDULES:
        _, created = Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": Schedule.MINUTES, "minutes": minutes, "repeats": -1},
        )
        results.append((name, created))
    return results
