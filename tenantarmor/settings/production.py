"""Production settings: every secret comes from the environment, with no default.

Start-up fails with a clear message when DJANGO_SECRET_KEY or DJANGO_ALLOWED_HOSTS is
missing (tests/security/test_production_settings.py). `manage.py check --deploy
--fail-level WARNING` passes with these settings (run in .ci/run).
"""

from pathlib import Path

from tenantarmor.env import env

from .base import *  # noqa: F401,F403
from .base import MIDDLEWARE, STORAGES, VAR_DIR

SECRET_KEY = env.required("DJANGO_SECRET_KEY")
# Rotation: put the previous key here (comma-separated) while sessions and signed task
# payloads made with it drain (django-q2 signs pickled payloads with SECRET_KEY).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", [])
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    env.required("DJANGO_ALLOWED_HOSTS")  # raises with the standard "is required" message

# --- HTTPS ------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", True)
if env.bool("DJANGO_BEHIND_PROXY", False):
    # Only behind a proxy that always sets (and strips client-sent) X-Forwarded-Proto;
    # otherwise a client could claim HTTPS and skip the redirect.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Cookies: Secure, HttpOnly, SameSite; a session lasts one shift ---------------------
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Static files via whitenoise (no separate web server needed for /static/) ----------
MIDDLEWARE = [
    *MIDDLEWARE[:1],  # SecurityMiddleware stays first
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
# Keep base's default storage (local media, or S3 when AWS_STORAGE_BUCKET_NAME is set).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "tenantarmor.staticfiles.StaticFilesStorage"}}  # whitenoise

# --- Uploads: private files (FILE_UPLOAD_PERMISSIONS = 0o600 in base) and a private temp dir
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_TEMP_DIR = env.str("DJANGO_FILE_UPLOAD_TEMP_DIR", str(VAR_DIR / "upload-tmp"))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
Path(FILE_UPLOAD_TEMP_DIR).chmod(0o700)

# --- Error reports: never mail notice text or form data --------------------------------
# Every POST value and every local variable of our own code is masked in 500 reports
# (uploads and template edits carry notice text and names).
DEFAULT_EXCEPTION_REPORTER_FILTER = "tenantarmor.error_reports.PersonalDataReporterFilter"
ADMINS = [("Operations", addr) for addr in env.list("DJANGO_ADMIN_EMAILS", [])]
