"""call_with_retries: full-jitter backoff, Retry-After floor, deadline, one retry owner."""

import time

import pytest

from batches.analysis.errors import LLM_BAD_OUTPUT, LLM_RATE_LIMITED, LLM_UNAVAILABLE, AnalyzerError
from batches.analysis.retry import RatePause, backoff_delay, call_with_retries


def failing(*errs, result="ok"):
    """A callable that raises `errs` in order, then returns `result`; counts its calls."""
    queue = list(errs)

    def fn():
        fn.calls += 1
        if queue:
            raise queue.pop(0)
        return result

    fn.calls = 0
    return fn


def unavailable(**kw):
    return AnalyzerError(LLM_UNAVAILABLE, "down", retryable=True, **kw)


def test_returns_result_and_attempts_and_sleeps_between():
    sleeps = []
    result = call_with_retries(
        failing(unavailable(), unavailable()), max_attempts=3, sleep=sleeps.append, rng=lambda: 1.0
    )
    assert result == ("ok", 3)
    assert sleeps == [0.5, 1.0]  # rng=1.0 hits the top of each full-jitter window


@pytest.mark.parametrize("rng_value", [0.0, 0.37, 0.999])
def test_delays_stay_within_full_jitter_bounds(rng_value):
    sleeps = []
    fn = failing(*[unavailable() for _ in range(7)])
    call_with_retries(fn, max_attempts=8, base_delay=0.5, max_delay=4.0, sleep=sleeps.append, rng=lambda: rng_value)
    for n, delay in enumerate(sleeps):
        assert 0 <= delay <= min(4.0, 0.5 * 2**n)
        assert delay == pytest.approx(rng_value * min(4.0, 0.5 * 2**n))


def test_retry_after_is_a_floor_and_capped():
    assert backoff_delay(1, base_delay=0.5, max_delay=20, retry_after=3.0, rng=lambda: 0.1) == 3.0
    assert backoff_delay(1, base_delay=0.5, max_delay=2, retry_after=2.0, rng=lambda: 0.1) == 2.0
    sleeps = []
    err = AnalyzerError(LLM_RATE_LIMITED, "429", retryable=True, retry_after=0.2)
    assert call_with_retries(failing(err), max_attempts=2, sleep=sleeps.append, rng=lambda: 0.0) == ("ok", 2)
    assert sleeps == [0.2]


def test_retry_after_beyond_the_cap_is_handed_back_not_slept():
    err = AnalyzerError(LLM_RATE_LIMITED, "429", retryable=True, retry_after=90)
    fn, sleeps = failing(err), []
    with pytest.raises(AnalyzerError) as info:
        call_with_retries(fn, max_attempts=5, max_delay=20, sleep=sleeps.append)
    assert (fn.calls, sleeps, info.value.retry_after) == (1, [], 90)


def test_permanent_errors_are_not_retried():
    fn = failing(AnalyzerError(LLM_BAD_OUTPUT, "bad"))
    with pytest.raises(AnalyzerError):
        call_with_retries(fn, max_attempts=5, sleep=pytest.fail)
    assert fn.calls == 1


def test_gives_up_after_max_attempts_with_the_last_error():
    last = unavailable()
    fn = failing(unavailable(), last, result="never")
    with pytest.raises(AnalyzerError) as info:
        call_with_retries(fn, max_attempts=2, sleep=lambda _: None)
    assert info.value is last and fn.calls == 2


def test_never_sleeps_past_the_deadline():
    fn, sleeps = failing(unavailable(retry_after=5.0)), []
    with pytest.raises(AnalyzerError):
        call_with_retries(fn, max_attempts=3, deadline=time.monotonic() + 1.0, sleep=sleeps.append)
    assert sleeps == [] and fn.calls == 1


def test_on_retry_sees_each_wait_and_other_exceptions_propagate():
    seen = []
    call_with_retries(
        failing(unavailable()),
        max_attempts=2,
        sleep=lambda _: None,
        rng=lambda: 0.5,
        on_retry=lambda *a: seen.append(a),
    )
    assert seen[0][1:] == (1, 0.25)
    with pytest.raises(KeyError):
        call_with_retries(failing(KeyError("x")), max_attempts=3, sleep=pytest.fail)
    with pytest.raises(ValueError):
        call_with_retries(lambda: 1, max_attempts=0)


def test_rate_pause_is_only_extended_and_waited_out_up_to_a_deadline():
    pause = RatePause()
    assert pause.wait() == 0.0 and pause.remaining() == 0.0  # no pause: no sleep
    now = time.monotonic()
    pause.extend(now + 0.2)
    pause.extend(now + 0.05)  # an earlier moment never shortens the pause
    assert 0.15 < pause.remaining() <= 0.2
    sleeps = []
    left = pause.wait(deadline=time.monotonic() + 0.05, sleep=sleeps.append)
    # Slept only up to the deadline, then reported what is left (the caller gives up).
    assert len(sleeps) == 1 and 0.0 < sleeps[0] <= 0.05 and left > 0.1
    started = time.monotonic()
    assert pause.wait() == 0.0
    assert time.monotonic() - started >= 0.1 and pause.remaining() == 0.0
