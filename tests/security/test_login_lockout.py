"""Admin login brute-force protection (django-axes): a username+IP pair is locked for a
cool-off after 5 failures; other users and other addresses are unaffected."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple 1"
LOCKED = "Account locked: too many login attempts. Please try again later."

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def staff():
    model = get_user_model()
    return [model.objects.create_user(name, password=PASSWORD, is_staff=True) for name in ("ana", "ben")]


def attempt(username: str, password: str, ip: str = "198.51.100.7"):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def fail_until_locked(username: str = "ana", ip: str = "198.51.100.7"):
    return [attempt(username, "wrong", ip) for _ in range(5)]


def test_four_failures_still_allow_the_right_password(staff):
    for _ in range(4):
        assert attempt("ana", "wrong").status_code == 200  # the login form again, with an error
    response = attempt("ana", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_fifth_failure_locks_and_the_right_password_is_refused_during_cool_off(staff):
    responses = fail_until_locked()
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429
    assert LOCKED in responses[4].content.decode()
    refused = attempt("ana", PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()


def test_lock_is_per_username_and_address(staff):
    fail_until_locked("ana", "198.51.100.7")
    assert attempt("ben", PASSWORD, "198.51.100.7").status_code == 302  # other user, same address
    assert attempt("ana", PASSWORD, "203.0.113.9").status_code == 302  # same user, other address


def test_lock_lifts_after_the_cool_off_not_only_by_an_admin(staff):
    fail_until_locked()
    assert attempt("ana", PASSWORD).status_code == 429
    # 16 minutes later (the cool-off is 15): the pair may log in again.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    response = attempt("ana", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_success_resets_the_failure_count(staff):
    for _ in range(4):
        attempt("ana", "wrong")
    assert attempt("ana", PASSWORD).status_code == 302
    for _ in range(4):
        assert attempt("ana", "wrong").status_code == 200  # counting starts again from zero
    assert attempt("ana", PASSWORD).status_code == 302


def test_a_locked_out_client_gets_no_session(staff):
    fail_until_locked()
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert client.post(LOGIN, {"username": "ana", "password": PASSWORD}).status_code == 429
    assert client.get("/admin/").status_code == 302  # still sent to the login page
