"""Test settings: fast hashing, temp media, and the task queue run inline unless a test
starts a real cluster (those run the product with `tenantarmor.settings.local`)."""

import tempfile

from .base import *  # noqa: F401,F403
from .base import Q_CLUSTER

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="ta-test-media-")
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
TENANTARMOR_ANALYZER = "rules"
OPENAI_API_KEY = ""
OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # nothing listens: an accidental real call fails fast
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "templates": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ta_template_cache",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# django-axes stays installed but is switched off: Client.login() passes no request, which
# axes refuses. tests/security/test_login_lockout.py turns it on with override_settings.
AXES_ENABLED = False
