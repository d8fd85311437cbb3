"""The timeout-order system check, the adaptive window and the shared rate limits."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from batches import ratelimit
from batches.checks import timeouts_ordered
from batches.models import BatchStatus, ItemStatus, RateLimitWindow
from batches.services import runner
from batches.services.window import AdaptiveWindow
from tests.reliability.conftest import calls_per_item, create_batch

Q = {"workers": 2, "queue_limit": 2, "timeout": 150, "retry": 330}
GOOD = {
    "OPENAI_TIMEOUT_SECONDS": 20,
    "OPENAI_MAX_ATTEMPTS": 3,
    "OPENAI_RETRY_MAX_DELAY_SECONDS": 10,
    "BATCH_ITEM_LEASE_SECONDS": 90,
    "BATCH_SLICE_SECONDS": 30,
    "Q_CLUSTER": Q,
}


def ids(**changes) -> list[str]:
    with override_settings(**{**GOOD, **changes}):
        return [e.id for e in timeouts_ordered()]


def test_the_shipped_ladder_passes():
    assert ids() == []
    assert timeouts_ordered() == []  # the project's own settings too


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"OPENAI_MAX_ATTEMPTS": 5}, ["batches.E001"]),  # 100 + 40 > lease 90
        ({"OPENAI_RETRY_MAX_DELAY_SECONDS": 20}, ["batches.E001"]),  # 60 + 40 > 90
        ({"BATCH_ITEM_LEASE_SECONDS": 130}, ["batches.E002"]),  # 30 + 130 > timeout 150
        ({"BATCH_SLICE_SECONDS": 60}, ["batches.E002"]),  # 60 + 90 = timeout
        ({"Q_CLUSTER": {**Q, "retry": 200}}, ["batches.E003"]),  # a prefetched task runs twice
        ({"Q_CLUSTER": {**Q, "queue_limit": 4}}, ["batches.E003"]),  # (4/2 + 1) x 150 > 330
        ({"Q_CLUSTER": {**Q, "timeout": None}}, ["batches.E002", "batches.E003"]),
    ],
)
def test_a_broken_ladder_is_an_error(changes, expected):
    assert ids(**changes) == expected


def test_the_check_stops_start_up():
    with override_settings(**{**GOOD, "BATCH_ITEM_LEASE_SECONDS": 10}):
        with pytest.raises(SystemCheckError, match="batches.E001"):
            call_command("check")


def test_window_halves_once_per_round_and_grows_back_one_per_n_successes():
    window = AdaptiveWindow(8, grow_after=2)
    before = 0.0  # items that started before the cut
    window.throttled(started=1e12)
    assert window.size == 4
    window.throttled(started=before)  # same congestion event: ignored
    assert window.size == 4
    window.throttled(started=1e12)
    window.throttled(started=1e12)
    window.throttled(started=1e12)
    assert window.size == 1  # never below one
    for _ in range(14):
        window.succeeded()
    assert window.size == 8  # +1 per 2 successes, capped at the ceiling
    window.succeeded()
    assert window.size == 8
    assert [size for _, size in window.history] == [8, 4, 2, 1, 2, 3, 4, 5, 6, 7, 8]


T0 = datetime(2026, 12, 3, 12, 0, 10, tzinfo=UTC)


@pytest.mark.django_db
@override_settings(LLM_RPM_LIMIT=3, LLM_TPM_LIMIT=1000, BATCH_RPM_LIMIT=0)
def test_rate_limit_spends_a_shared_minute_window():
    charges = ratelimit.charges_for(batch_id=1, estimated_tokens=100)
    assert [c.key for c in charges] == ["llm:rpm", "llm:tpm"]  # 0 = unlimited: no row, no query
    assert [ratelimit.limits_acquire(charges, now=T0) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = ratelimit.limits_acquire(charges, now=T0 + timedelta(seconds=5))
    assert wait == pytest.approx(45.0)  # until the window rolls over
    # All or nothing: the refused request did not spend tokens.
    assert RateLimitWindow.objects.get(key="llm:tpm").used == 300
    assert ratelimit.limits_acquire(charges, now=T0 + timedelta(seconds=60)) == 0.0
    assert RateLimitWindow.objects.get(key="llm:rpm").used == 1


@pytest.mark.django_db
@override_settings(LLM_RPM_LIMIT=2, LLM_TPM_LIMIT=10_000, BATCH_RPM_LIMIT=5)
def test_a_granted_request_costs_one_query_per_limit(django_assert_num_queries):
    charges = ratelimit.charges_for(batch_id=7, estimated_tokens=100)
    assert len(charges) == 3
    ratelimit.limits_acquire(charges, now=T0)  # first use: the rows are created
    with django_assert_num_queries(3):
        assert ratelimit.limits_acquire(charges, now=T0 + timedelta(seconds=1)) == 0.0
    with django_assert_num_queries(3):  # the next minute: rolled over in the same UPDATE
        assert ratelimit.limits_acquire(charges, now=T0 + timedelta(seconds=61)) == 0.0
    assert [w.used for w in RateLimitWindow.objects.order_by("key")] == [1, 1, 100]  # batch:7, rpm, tpm
    ratelimit.limits_acquire(charges, now=T0 + timedelta(seconds=62))
    # Refused by the RPM limit (the 3rd request of that minute): the token spend is refunded.
    assert ratelimit.limits_acquire(charges, now=T0 + timedelta(seconds=63)) > 0
    assert [w.used for w in RateLimitWindow.objects.order_by("key")] == [2, 2, 200]


@pytest.mark.django_db
def test_a_retry_after_pause_is_shared_and_only_ever_extended():
    assert ratelimit.pause_remaining(now=T0) == 0.0
    ratelimit.pause_share(seconds=30, now=T0)
    ratelimit.pause_share(seconds=5, now=T0 + timedelta(seconds=1))  # a shorter one does not cut it
    assert ratelimit.pause_remaining(now=T0 + timedelta(seconds=10)) == pytest.approx(20.0)
    assert ratelimit.pause_remaining(now=T0 + timedelta(seconds=40)) == 0.0


@pytest.mark.django_db
@override_settings(LLM_RPM_LIMIT=0, LLM_TPM_LIMIT=500, BATCH_RPM_LIMIT=0)
def test_token_limit_refuses_when_the_estimate_does_not_fit_but_never_starves_a_big_request():
    big = ratelimit.charges_for(batch_id=1, estimated_tokens=800)
    assert ratelimit.limits_acquire(big, now=T0) == 0.0  # alone in an empty window: allowed
    assert ratelimit.limits_acquire(ratelimit.charges_for(batch_id=1, estimated_tokens=10), now=T0) > 0
    ratelimit.tokens_settle(estimated=800, actual=900, now=T0)
    assert RateLimitWindow.objects.get(key="llm:tpm").used == 900


@pytest.mark.django_db(transaction=True)
def test_batch_rpm_limit_holds_requests_back_in_the_runner(defaults, fake_llm):
    import time

    from django.utils import timezone

    now = timezone.now()
    if now.second >= 55:  # the run must not straddle a window boundary
        time.sleep(60.2 - now.second - now.microsecond / 1e6)
    with override_settings(BATCH_RPM_LIMIT=2):
        batch = create_batch(5, concurrency=3)
        assert runner.batch_run_slice(batch_id=batch.pk, time_budget=1.5) is True
    assert len(fake_llm.chat_requests()) == 2  # the third request waits for the next minute
    assert batch.items.filter(status=ItemStatus.ANALYSIS_COMPLETE).count() == 2
    assert batch.items.filter(status=ItemStatus.PENDING, attempts=0).count() == 3  # released, not charged
    assert calls_per_item(fake_llm) == {"00001": 1, "00002": 1}
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING
