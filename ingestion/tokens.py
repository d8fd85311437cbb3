"""API tokens: create one (shown once), authenticate a request by its bearer token."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from ingestion.models import ApiToken

TOKEN_PREFIX = "ta_"  # noqa: S105 - a marker that makes leaked tokens greppable, not a secret


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, username: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for a staff user. Returns the row and the raw token (not stored)."""
    user = get_user_model().objects.get(username=username)
    if not (user.is_active and user.is_staff):
        raise ValueError(f"User {username!r} is not an active staff user.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, token_hash=_digest(raw), prefix=raw[:10])
    return token, raw


def bearer_token(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() in {"bearer", "token"} else ""


def api_token_user(raw: str):
    """The user a valid, unrevoked token acts as (any user: callers check staff), or None."""
    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=_digest(raw), revoked_at=None).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
