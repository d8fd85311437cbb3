"""The one retry loop for LLM calls (the SDK client runs with `max_retries=0`).

Only `AnalyzerError.retryable` failures are retried. Waits are capped exponential backoff
with full jitter, so many workers that hit the same 429 storm spread out instead of
retrying in lockstep; a server's Retry-After is a floor. Nothing here sleeps past the
item's deadline: the last error is raised instead, and the item's state machine decides.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from .errors import AnalyzerError

log = logging.getLogger(__name__)
T = TypeVar("T")


def backoff_delay(
    attempt: int, *, base_delay: float, max_delay: float, retry_after: float | None, rng: Callable[[], float]
) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based).

    Full jitter: uniform(0, min(cap, base * 2**(attempt-1))), raised to Retry-After if the
    server asked for longer.
    """
    ceiling = min(max_delay, base_delay * 2 ** (attempt - 1))
    delay = rng() * ceiling
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, max_delay)


def _give_up(err: AnalyzerError, attempt: int, max_attempts: int, max_delay: float) -> bool:
    if not err.retryable or attempt >= max_attempts:
        return True
    # A Retry-After beyond our cap would hold a worker slot for nothing (the server would
    # answer 429 again): hand the error, with its retry_after, back to the scheduler.
    return err.retry_after is not None and err.retry_after > max_delay


def call_with_retries(
    fn: Callable[[], T],
    *,
    max_attempts: int,
    base_delay: float = 0.5,
    max_delay: float = 20.0,
    deadline: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
    on_retry: Callable[[AnalyzerError, int, float], None] | None = None,
) -> tuple[T, int]:
    """Call `fn` until it succeeds; return `(result, attempts)` or raise the last AnalyzerError.

    `fn` must raise `AnalyzerError` for failures it wants classified; anything else
    propagates at once. `deadline` is a `time.monotonic()` value. `on_retry(err, attempt,
    delay)` is called before each wait (for metrics/logging).
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be >= 1")
    attempt = 0
    while True:
        attempt += 1
        try:
            return fn(), attempt
        except AnalyzerError as err:
            if _give_up(err, attempt, max_attempts, max_delay):
                raise
            delay = backoff_delay(
                attempt, base_delay=base_delay, max_delay=max_delay, retry_after=err.retry_after, rng=rng
            )
            if deadline is not None and time.monotonic() + delay >= deadline:
                log.info("llm retry abandoned: deadline (category=%s, attempt=%d)", err.category, attempt)
                raise
            if on_retry is not None:
                on_retry(err, attempt, delay)
            log.info("llm retry in %.2fs (category=%s, attempt=%d)", delay, err.category, attempt)
            sleep(delay)


class RatePause:
    """A moment (monotonic) before which no thread of this process should call the LLM:
    the latest Retry-After any of them received. One 429 then holds every thread back
    until the server said it would accept again, instead of each thread collecting its own
    429 (and each 429 costing a round trip and cutting the adaptive window again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.until = 0.0

    def extend(self, until: float) -> None:
        with self._lock:
            self.until = max(self.until, until)

    def remaining(self) -> float:
        return max(0.0, self.until - time.monotonic())

    def wait(self, *, deadline: float | None = None, sleep: Callable[[float], None] = time.sleep) -> float:
        """Sleep until the pause ends, but not past `deadline`; return the pause still left."""
        while (left := self.remaining()) > 0:  # again only if another thread extended it
            room = left if deadline is None else deadline - time.monotonic()
            if room < left:
                if room > 0:
                    sleep(room)
                return self.remaining()
            sleep(left)
        return 0.0
