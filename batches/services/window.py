"""Adaptive concurrency for a slice (AIMD, as TCP does for congestion).

The window starts at the batch's concurrency. A rate-limit signal from the LLM (a 429 seen
by an item, even one the retry loop then got past) halves it, at most once per "round"
(signals from items started before the last cut are the same congestion event); every
`grow_after` successes add one slot back, up to the ceiling. So a 429 storm lowers the
number of requests in flight instead of hammering the server, and throughput recovers
once the storm passes.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)


class AdaptiveWindow:
    def __init__(self, ceiling: int, *, grow_after: int, batch_id: int | None = None) -> None:
        self.ceiling = max(1, ceiling)
        self.size = self.ceiling
        self.grow_after = max(1, grow_after)
        self.batch_id = batch_id
        self._successes = 0
        self._last_cut = float("-inf")
        self.history: list[tuple[float, int]] = [(time.monotonic(), self.size)]

    def throttled(self, *, started: float) -> None:
        """An item that started at `started` (monotonic) met a rate limit."""
        if started < self._last_cut:
            return
        self._last_cut = time.monotonic()
        self._successes = 0
        self._set(max(1, self.size // 2), "throttled")

    def succeeded(self) -> None:
        if self.size >= self.ceiling:
            return
        self._successes += 1
        if self._successes >= self.grow_after:
            self._successes = 0
            self._set(self.size + 1, "recovered")

    def _set(self, size: int, why: str) -> None:
        if size == self.size:
            return
        self.size = size
        self.history.append((time.monotonic(), size))
        # Counts only (no item data): tests and operators read the window from this line.
        logger.info("batch window %s: batch_id=%s window=%d ceiling=%d", why, self.batch_id, size, self.ceiling)
