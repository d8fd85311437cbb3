"""Production settings demand their secrets and pass Django's deploy checks."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # subprocesses


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    # Our own SQLite file and no shared services: CI also runs the suite with DATABASE_URL
    # pointing at PostgreSQL, and these subprocesses must not migrate or write there.
    dropped = ("DATABASE_URL", "REDIS_URL", "Q_BROKER", "AWS_STORAGE_BUCKET_NAME")
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in dropped}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "tenantarmor.settings.production",
            "TENANTARMOR_VAR_DIR": str(tmp_path / "var"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def good_env() -> dict[str, str]:
    return {"DJANGO_SECRET_KEY": secrets.token_urlsafe(64), "DJANGO_ALLOWED_HOSTS": "example.invalid"}


def test_refuses_to_start_without_a_secret_key(tmp_path):
    proc = manage("check", tmp_path=tmp_path, DJANGO_ALLOWED_HOSTS="example.invalid")
    assert proc.returncode != 0
    assert "Environment variable DJANGO_SECRET_KEY is required in production." in proc.stderr


def test_refuses_an_empty_secret_key(tmp_path):
    proc = manage("check", tmp_path=tmp_path, DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="example.invalid")
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in proc.stderr


def test_refuses_to_start_without_allowed_hosts(tmp_path):
    proc = manage("check", tmp_path=tmp_path, DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    assert proc.returncode != 0
    assert "Environment variable DJANGO_ALLOWED_HOSTS is required in production." in proc.stderr


def test_deploy_checks_pass_at_warning_level(tmp_path):
    proc = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **good_env())
    assert proc.returncode == 0, proc.stderr
    assert "System check identified no issues" in proc.stdout


def test_debug_cannot_be_switched_on_by_the_environment(tmp_path):
    probe = "from django.conf import settings as s; print('DEBUG', s.DEBUG)"
    proc = manage("shell", "-v", "0", "-c", probe, tmp_path=tmp_path, DJANGO_DEBUG="true", **good_env())
    assert proc.returncode == 0, proc.stderr
    assert "DEBUG False" in proc.stdout


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("SESSION_COOKIE_SECURE", True),
        ("SESSION_COOKIE_HTTPONLY", True),
        ("SESSION_COOKIE_SAMESITE", "Lax"),
        ("SESSION_COOKIE_AGE", 8 * 3600),
        ("CSRF_COOKIE_SECURE", True),
        ("X_FRAME_OPTIONS", "DENY"),
        ("SECURE_CONTENT_TYPE_NOSNIFF", True),
        ("SECURE_REFERRER_POLICY", "same-origin"),
        ("SECURE_SSL_REDIRECT", True),
        ("FILE_UPLOAD_PERMISSIONS", 0o600),
        ("AXES_FAILURE_LIMIT", 5),
        ("AXES_RESET_ON_SUCCESS", True),
        ("DEFAULT_EXCEPTION_REPORTER_FILTER", "tenantarmor.error_reports.PersonalDataReporterFilter"),
    ],
)
def test_production_values(setting, expected, production_settings):
    assert production_settings[setting] == expected


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory):
    """The production settings module's values, read in a subprocess with a dummy environment."""
    tmp_path = tmp_path_factory.mktemp("prod")
    probe = (
        "import json; from django.conf import settings as s; names = [n for n in dir(s) if n.isupper()];"
        "print('JSON', json.dumps({n: getattr(s, n) for n in names}, default=str))"
    )
    proc = manage(
        "shell",
        "-v",
        "0",
        "-c",
        probe,
        tmp_path=tmp_path,
        DJANGO_BEHIND_PROXY="true",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://admin.example.invalid",
        **good_env(),
    )
    assert proc.returncode == 0, proc.stderr
    [line] = [line for line in proc.stdout.splitlines() if line.startswith("JSON ")]
    return json.loads(line[5:])


def test_proxy_header_csrf_origins_and_whitenoise(production_settings):
    assert production_settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production_settings["CSRF_TRUSTED_ORIGINS"] == ["https://admin.example.invalid"]
    middleware = production_settings["MIDDLEWARE"]
    assert middleware[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert middleware[-1] == "axes.middleware.AxesMiddleware"
    assert production_settings["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
    upload_tmp = Path(production_settings["FILE_UPLOAD_TEMP_DIR"])
    assert upload_tmp.is_dir() and (upload_tmp.stat().st_mode & 0o777) == 0o700


PAGES_PROBE = """
from django.contrib.auth import get_user_model
from django.test import Client
user = get_user_model().objects.create_user("ops", password="x-unused-1", is_staff=True, is_superuser=True)
client = Client()
print("LOGIN", client.get("/admin/login/", secure=True).status_code)
print("PLAIN", client.get("/admin/login/").status_code)
client.force_login(user)
for url in ["/admin/", "/admin/batches/batch/", "/admin/batches/batch/add/", "/admin/batches/batch/metrics/",
            "/admin/templates_app/evictiontemplate/", "/admin/templates_app/evictiontemplate/coverage/"]:
    response = client.get(url, secure=True)
    print("PAGE", url, response.status_code)
from django.templatetags.static import static
for name in ["admin/css/base.css", "batches/vendor/chartjs/chart.umd.min.js"]:
    response = client.get(static(name), secure=True)
    print("STATIC", static(name), response.status_code, response.get("Cache-Control", ""))
"""


def test_collectstatic_then_admin_pages_render_with_manifest_storage(tmp_path):
    """Manifest storage turns a template's missing static file into a 500: render the pages."""
    env = {**good_env(), "DJANGO_ALLOWED_HOSTS": "testserver"}
    for command in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput", "-v", "0"]):
        proc = manage(*command, tmp_path=tmp_path, **env)
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "var" / "static" / "staticfiles.json").is_file()
    proc = manage("shell", "-v", "0", "-c", PAGES_PROBE, tmp_path=tmp_path, **env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert "LOGIN 200" in lines
    assert "PLAIN 301" in lines  # http is redirected to https
    pages = [line for line in lines if line.startswith("PAGE ")]
    assert pages and all(line.endswith(" 200") for line in pages), pages
    statics = [line.split() for line in lines if line.startswith("STATIC ")]
    assert len(statics) == 2, lines
    for _, url, status, *cache in statics:
        assert status == "200", (url, status)
        assert url.count(".") >= 2  # a hashed name, e.g. base.1a2b3c.css
        assert "immutable" in " ".join(cache), (url, cache)  # whitenoise serves hashed files forever
