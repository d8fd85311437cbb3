"""Every admin URL of our apps, and every other view of our apps, refuses the wrong people.

The URLs are discovered from the resolver, so views added later are covered without
editing this file:
- admin URLs: every pattern under /admin/ that belongs to one of our ModelAdmins (its
  path starts with /admin/<our app>/) or whose view function lives in one of our modules;
- other URLs (API, /metrics): every pattern whose view lives in one of our modules.

Roles: anonymous, a logged-in non-staff user (holding every model permission, so only
`is_staff` stands in the way), staff without any permission, and a superuser as the
positive control (so a 404 from a wrongly built URL cannot pass as "refused").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

OUR_APPS = ("batches", "templates_app", "ingestion")
OUR_MODULES = (*OUR_APPS, "tenantarmor")
LOGIN = "/admin/login/"
_CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "admin/batches/batch/<path:object_id>/progress/"
    name: str | None
    model: str | None  # "app_label.model" when the URL belongs to a ModelAdmin

    def __str__(self) -> str:
        return self.route


def _view_module(callback) -> str:
    seen = callback
    for _ in range(10):  # follow functools.wraps chains down to the real view
        model_admin = getattr(seen, "model_admin", None)
        if model_admin is not None:
            return type(model_admin).__module__
        inner = getattr(seen, "__wrapped__", None) or getattr(seen, "func", None)  # wraps / partial
        if inner is None:
            break
        seen = inner
    view_class = getattr(seen, "view_class", None) or getattr(callback, "view_class", None)
    return getattr(view_class or seen, "__module__", "") or ""


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _model_of(route: str) -> str | None:
    parts = route.split("/")
    if len(parts) >= 3 and parts[0] == "admin" and parts[1] in OUR_APPS:
        try:
            return apps.get_model(parts[1], parts[2])._meta.label_lower
        except LookupError:
            return None
    return None


def _ours(route: str, pattern: URLPattern) -> bool:
    return route.startswith(tuple(f"admin/{app}/" for app in OUR_APPS)) or _view_module(pattern.callback).startswith(
        OUR_MODULES
    )


def discover() -> tuple[list[Route], list[Route]]:
    admin_routes, other_routes = [], []
    for route, pattern in _walk(get_resolver().url_patterns):
        if not _ours(route, pattern):
            continue
        target = admin_routes if route.startswith("admin/") else other_routes
        target.append(Route(route, pattern.name, _model_of(route)))
    return admin_routes, other_routes


ADMIN_ROUTES, OTHER_ROUTES = discover()


def test_discovery_finds_the_admin_of_every_model():
    found = {r.model for r in ADMIN_ROUTES}
    for model in apps.get_app_config("batches").get_models():
        if model._meta.model_name in ("batch", "batchitem"):
            assert model._meta.label_lower in found
    assert "templates_app.evictiontemplate" in found
    # The custom batch views the admin engineers add are picked up too (when they exist).
    print("admin routes checked:", *sorted(r.route for r in ADMIN_ROUTES), sep="\n  ")
    print("other routes checked:", *sorted(r.route for r in OTHER_ROUTES), sep="\n  ")


# --- Fixtures: one object of every model, and the four roles ---------------------------------


@pytest.fixture
def objects(db):
    from batches.models import Batch, BatchItem, BatchStatus
    from templates_app.models import EvictionTemplate

    batch = Batch.objects.create(name="Permissions batch", status=BatchStatus.COMPLETED)
    item = BatchItem.objects.create(batch=batch, row_number=1, analysis_id="perm_1", extracted_text="NOTICE")
    found = {
        "batches.batch": batch.pk,
        "batches.batchitem": item.pk,
        "templates_app.evictiontemplate": EvictionTemplate.objects.create(
            state="CA", reason="non-payment", template_type="response", content="Dear $tenant_name"
        ).pk,
    }
    for model in apps.get_models():  # models added later: any row will do, else a dummy one
        label = model._meta.label_lower
        if label.split(".")[0] in OUR_APPS and label not in found:
            first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            found[label] = first if first is not None else _dummy(model)
    for model in apps.get_models():  # django-simple-history: a history row per tracked model
        label = model._meta.label_lower
        history = getattr(model, "history", None)
        if label in found and history is not None and hasattr(history, "model"):
            found[f"{label}:history"] = history.filter(id=found[label]).values_list("history_id", flat=True).first()
    return found


def _dummy(model):
    """A row with every required field filled with a plain value (pk), or None if impossible."""
    from django.db import IntegrityError, models, transaction
    from django.utils import timezone

    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default() or getattr(field, "auto_now_add", False):
            continue
        if field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.ForeignKey):
            related = field.related_model
            values[field.name] = related._default_manager.first() or get_user_model().objects.create_user("owner")
        elif isinstance(field, models.DateTimeField | models.DateField):
            values[field.name] = timezone.now()
        elif isinstance(field, models.BooleanField):
            values[field.name] = False
        elif isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
            values[field.name] = 1
        elif isinstance(field, models.JSONField):
            values[field.name] = {}
        else:
            values[field.name] = "x" * min(8, field.max_length or 8)
    try:
        with transaction.atomic():
            return model._default_manager.create(**values).pk
    except (IntegrityError, TypeError, ValueError):
        return None


def url_for(route: Route, objects: dict) -> str:
    default_pk = objects.get(route.model) or (999_999 if route.model else objects["batches.batch"])

    def value(match: re.Match) -> str:
        name = match.group("name")
        if name in ("fmt", "format", "kind"):
            return "csv"
        if "item" in name:
            return str(objects["batches.batchitem"])
        if "template" in name:
            return str(objects["templates_app.evictiontemplate"])
        if name in ("version", "version_number"):
            return "1"  # the first version of the object always exists
        if name == "history_id":
            return str(objects.get(f"{route.model}:history", default_pk))
        if name in ("batch_id", "batch_pk"):
            return str(objects["batches.batch"])
        return str(default_pk)

    path = _CONVERTER.sub(value, route.route)
    if "^" in path:  # a regex route (django-simple-history's): fill its groups in order
        values = iter([str(default_pk), str(objects.get(f"{route.model}:history", default_pk))])
        path = re.sub(r"\((?:\?P<\w+>)?[^)]*\)", lambda m: next(values), path.replace("^", "").replace("$", ""))
    return "/" + path


def make_user(username: str, *, staff: bool, superuser: bool = False, all_perms: bool = False):
    user = get_user_model().objects.create_user(
        username, password="x-unused-password-1", is_staff=staff, is_superuser=superuser
    )
    if all_perms:
        user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=OUR_APPS))
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _closed(response):
    """Finish a streaming download (exports hold a temporary file until read to the end).

    Never call response.close() in a test: it sends request_finished, whose
    close_old_connections closes the database connection inside the test transaction on
    PostgreSQL (SQLite's in-memory test database survives it, which hides the bug). The test
    client's own wrapper closes a streaming response once it is consumed, signal detached.
    """
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def _refused(response) -> bool:
    return _is_login_redirect(response) or response.status_code in (401, 403)


# --- The admin matrix ---------------------------------------------------------------------


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=str)
def test_admin_url_refuses_anonymous_users(route, objects):
    url = url_for(route, objects)
    client = Client()
    for response in (_closed(client.get(url)), _closed(client.post(url, {"_save": "1"}))):
        assert _is_login_redirect(response), (url, response.status_code)


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=str)
def test_admin_url_refuses_logged_in_non_staff(route, objects):
    url = url_for(route, objects)
    client = client_for(make_user("member", staff=False, all_perms=True))
    for response in (_closed(client.get(url)), _closed(client.post(url, {"_save": "1"}))):
        assert _refused(response), (url, response.status_code)


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=str)
def test_admin_url_refuses_staff_without_the_model_permission(route, objects):
    url = url_for(route, objects)
    client = client_for(make_user("clerk", staff=True))
    got = _closed(client.get(url, follow=True))  # the admin's "<id>/" shortcut redirects to the change page
    sent = _closed(client.post(url, {"_save": "1"}, follow=True))
    # 405 is a refusal too (a POST-only view refuses GET before it looks at anything), but
    # one of the two methods must reach the permission check and be refused there.
    assert got.status_code in (403, 404, 405), (url, got.status_code, got.redirect_chain)
    assert sent.status_code in (403, 404, 405), (url, sent.status_code, sent.redirect_chain)
    assert {got.status_code, sent.status_code} != {405}, url


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=str)
def test_admin_url_serves_a_superuser(route, objects):
    """The positive control: the URL is real, so the refusals above mean something."""
    url = url_for(route, objects)
    response = _closed(client_for(make_user("root", staff=True, superuser=True)).get(url))
    # 403 only where the ModelAdmin refuses everyone (e.g. adding items by hand).
    assert response.status_code in (200, 301, 302, 403, 405), (url, response.status_code)
    assert not _is_login_redirect(response)
    # A 403 to a superuser is only an add or delete page the ModelAdmin closes to everyone;
    # a list, change or custom page answering 403 would make the refusals above meaningless.
    assert response.status_code != 403 or route.route.endswith(("/add/", "/delete/")), (url, 403)


def test_staff_with_view_permission_cannot_change_or_delete(objects):
    from batches.models import Batch

    clerk = make_user("viewer", staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(codename__startswith="view_", content_type__app_label__in=OUR_APPS)
    )
    client = client_for(clerk)
    pk = objects["batches.batch"]
    assert client.get(f"/admin/batches/batch/{pk}/change/").status_code == 200
    assert client.post(f"/admin/batches/batch/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/batches/batch/add/").status_code == 403
    assert Batch.objects.filter(pk=pk).exists()


# --- Everything else of ours (API, monitoring) -------------------------------------------------


@pytest.mark.parametrize("route", OTHER_ROUTES, ids=str)
def test_other_url_refuses_anonymous_and_non_staff(route, objects):
    url = url_for(route, objects)
    anonymous = Client(REMOTE_ADDR="203.0.113.50")  # not a trusted monitoring network
    member = client_for(make_user("member", staff=False, all_perms=True))
    for client in (anonymous, member):
        get, post = client.get(url), client.post(url, data="{}", content_type="application/json")
        for response in (_closed(get), _closed(post)):
            assert _refused(response) or response.status_code == 405, (url, response.status_code)
        assert _refused(get) or _refused(post), f"{url}: neither method reached the access check"


def test_metrics_network_allowance_cannot_be_claimed_with_a_forwarded_header(db, settings):
    settings.METRICS_ALLOWED_CIDRS = ["10.0.0.0/8"]
    spoofed = Client(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="10.1.2.3", HTTP_X_REAL_IP="10.1.2.3")
    assert spoofed.get("/metrics").status_code == 401
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200  # the allowance itself works
