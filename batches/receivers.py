"""django-q2 signal receivers. A receiver that raises would kill the worker it runs in
(django-q2 sends `post_spawn` unguarded), so each one catches and logs its own errors."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from django.dispatch import receiver
from django_q.signals import post_spawn

logger = logging.getLogger(__name__)


@receiver(post_spawn, dispatch_uid="batches.reconcile_on_spawn")
def reconcile_on_spawn(sender, proc_name, **kwargs) -> None:
    """Run the reconciler when a worker (re)starts, once per few seconds across processes:
    after a crash or a lost queue, recovery then starts at once instead of at the next
    schedule tick (the django-q2 scheduler runs only about every 30 s)."""
    from batches import ratelimit
    from batches.services import lifecycle

    try:
        if ratelimit.once_per("reconciler:spawn", seconds=settings.BATCH_RECONCILE_ON_SPAWN_SECONDS):
            counts = lifecycle.items_reconcile(max_attempts=settings.BATCH_ITEM_MAX_ATTEMPTS)
            logger.info("reconciled on worker start: %s", counts)
    except DatabaseError:
        logger.warning("reconcile on worker start failed", exc_info=True)
