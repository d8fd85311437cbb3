"""CSRF on every admin URL of our apps, and the anti-framing / nosniff headers on admin pages.

Uses the same resolver discovery as test_permissions, so new views are covered too.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.security.test_permissions import ADMIN_ROUTES, _closed, objects, url_for  # noqa: F401 - fixture

# Views that never change anything may answer a tokenless POST with 405 instead of 403.
READ_ONLY_OK = (403, 405)


@pytest.fixture
def csrf_client(db):
    user = get_user_model().objects.create_user("root", password="x-unused-1", is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=str)
def test_admin_post_without_a_csrf_token_is_refused(route, objects, csrf_client):  # noqa: F811
    from batches.models import Batch, BatchItem
    from templates_app.models import EvictionTemplate

    before = (Batch.objects.count(), BatchItem.objects.count(), EvictionTemplate.objects.count())
    response = _closed(csrf_client.post(url_for(route, objects), {"_save": "1", "post": "yes", "content": "x"}))
    if response.status_code in (301, 302):  # the admin's "<id>/" shortcut: follow it and POST again
        target = response["Location"]
        response = _closed(csrf_client.post(target, {"_save": "1", "post": "yes"}))
    assert response.status_code in READ_ONLY_OK, (route.route, response.status_code)
    if response.status_code == 403:
        assert b"CSRF" in response.content or b"Forbidden" in response.content
    assert (Batch.objects.count(), BatchItem.objects.count(), EvictionTemplate.objects.count()) == before


def test_admin_pages_cannot_be_framed_or_sniffed(admin_client):
    response = admin_client.get("/admin/batches/batch/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
