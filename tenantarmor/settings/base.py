"""Settings shared by every environment. Everything configurable comes from `env`."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from tenantarmor.env import BASE_DIR, ImproperlyConfiguredEnv, env

# Local state (SQLite file, media, caches). Tests and benchmarks point it elsewhere.
VAR_DIR = Path(env.str("TENANTARMOR_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_q",
    "simple_history",
    "templates_app",
    "batches",
    "ingestion",  # API tokens, SQS rejections (issue 7)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who changed a template
]

ROOT_URLCONF = "tenantarmor.urls"
WSGI_APPLICATION = "tenantarmor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tenantarmor" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite by default: WAL plus IMMEDIATE transactions and a busy timeout, so the web process
# and an idle django-q2 cluster never trip "database is locked" (django-q2-and-cache.md P5).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = env.str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tenantarmor.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------
# `templates` is the shared (L2) layer of the template cache: its own DatabaseCache table,
# no timeout, far more room than there are templates, so nothing is culled by accident.
# `default` serves django-q2's cluster heartbeats; it must be shared between processes.
REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "templates": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": None,
            "KEY_PREFIX": "ta",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
        "templates": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ta_template_cache",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10},
        },
    }
TEMPLATE_CACHE_ALIAS = "templates"
TEMPLATE_CACHE_L1_SIZE = env.int("TEMPLATE_CACHE_L1_SIZE", 512)

# --- Batches and analysis ---------------------------------------------------------------
TENANTARMOR_ANALYZER = env.str("TENANTARMOR_ANALYZER", "rules")
OPENAI_API_KEY = env.str("OPENAI_API_KEY", "")
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", "")
OPENAI_MODEL = env.str("OPENAI_MODEL", "gpt-4o-mini-2024-07-18")
OPENAI_TIMEOUT_SECONDS = env.float("OPENAI_TIMEOUT_SECONDS", 20.0)
OPENAI_MAX_ATTEMPTS = env.int("OPENAI_MAX_ATTEMPTS", 3)  # our retries; the SDK's are 0
BATCH_CONCURRENCY = env.int("BATCH_CONCURRENCY", 5)
BATCH_MAX_CONCURRENCY = 50
BATCH_SLICE_SECONDS = env.float("BATCH_SLICE_SECONDS", 30.0)  # a task stops claiming after this
BATCH_ITEM_MAX_ATTEMPTS = env.int("BATCH_ITEM_MAX_ATTEMPTS", 3)
# The item lease must outlive the slowest LLM call (timeout x attempts + backoff).
BATCH_ITEM_LEASE_SECONDS = env.int("BATCH_ITEM_LEASE_SECONDS", 90)
# Longest wait between two LLM attempts (Retry-After above it re-queues the item instead).
OPENAI_RETRY_MAX_DELAY_SECONDS = env.float("OPENAI_RETRY_MAX_DELAY_SECONDS", 10.0)
# Adaptive concurrency: a 429 halves a slice's window; it grows by one per N successes.
BATCH_WINDOW_GROW_AFTER = env.int("BATCH_WINDOW_GROW_AFTER", 5)
# Shared LLM rate limits across every worker (0 = unlimited); see batches/ratelimit.py.
LLM_RPM_LIMIT = env.int("LLM_RPM_LIMIT", 0)
LLM_TPM_LIMIT = env.int("LLM_TPM_LIMIT", 0)
BATCH_RPM_LIMIT = env.int("BATCH_RPM_LIMIT", 0)
# A (re)started worker runs the reconciler at most once per this many seconds (all processes).
BATCH_RECONCILE_ON_SPAWN_SECONDS = env.int("BATCH_RECONCILE_ON_SPAWN_SECONDS", 10)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
UPLOAD_MAX_ITEMS = env.int("UPLOAD_MAX_ITEMS", 500_000)
NOTICE_MAX_CHARS = env.int("NOTICE_MAX_CHARS", 200_000)
# Admin upload: the file waits (mode 0600, under MEDIA_ROOT/uploads-pending/) between the
# preview and the confirmation for at most this long. Form posts without a file stay small.
UPLOAD_PENDING_TTL_SECONDS = env.int("UPLOAD_PENDING_TTL_SECONDS", 3600)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads spool to a temporary file

# --- django-q2 ----------------------------------------------------------------------
# timeout < retry, and retry leaves room for one task waiting in the prefetch queue
# (queue_limit == workers): retry > 2 x timeout. See django-q2-and-cache.md P1/P2.
Q_WORKERS = env.int("Q_WORKERS", 2)
Q_TIMEOUT = env.int("Q_TIMEOUT", 150)
Q_RETRY = env.int("Q_RETRY", 330)
Q_CLUSTER = {
    "name": "tenantarmor",
    "orm": "default",
    "workers": Q_WORKERS,
    "queue_limit": Q_WORKERS,
    "bulk": 1,
    "timeout": Q_TIMEOUT,
    "retry": Q_RETRY,
    "max_attempts": 2,
    "ack_failures": True,
    "save_limit": 0,
    # ORM broker: how often an idle cluster looks for a task. It is also the pick-up delay
    # of every slice a batch enqueues (1.0 s cost 0.07 of row 1's ideal, docs/benchmarks.md);
    # 0.2 s is one indexed 1-row SELECT 5x a second per idle cluster.
    "poll": env.float("Q_POLL_SECONDS", 0.2),
    "guard_cycle": 2,
    "catch_up": False,
    "recycle": 100,
    "max_rss": 1_000_000,
    "cache": "default",
    "label": "Task queue",
}

# --- Files ------------------------------------------------------------------------------
MEDIA_ROOT = env.str("MEDIA_ROOT", str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o600

# --- i18n / auth ------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Logging: ids only, never notice text or names -------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        "openai": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        "httpcore2": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Admin login brute-force protection (django-axes; docs/security.md) -----------------
# Lock a username+IP pair after 5 failures for 15 minutes, then let it try again: a
# cool-off, never an admin-reset-only lock (that lets anyone lock staff out). Without
# django-ipware axes reads REMOTE_ADDR; behind a proxy make the proxy set it, never trust
# a client-sent X-Forwarded-For here.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as axes requires
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", 15) / 60  # hours, as a float (axes reads floats as hours)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# SQL with its parameters (notice text, names) is logged at DEBUG when DEBUG is on: never
# let LOG_LEVEL=DEBUG turn that on (tests/security/test_no_pii_in_logs.py runs at DEBUG).
LOGGING["loggers"].setdefault("django.db.backends", {"level": "INFO"})

# --- Scaled deployment: PostgreSQL, Redis broker, S3, API, monitoring ------------------
# (docs/deploy.md). Every variable below is optional; unset, the embedded setup stays.
if not DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", 60)
# One name for every cluster sharing a queue; tests give each run its own.
Q_CLUSTER["name"] = env.str("Q_CLUSTER_NAME", "tenantarmor")
REDIS_KEY_PREFIX = env.str("REDIS_KEY_PREFIX", "ta")
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = REDIS_KEY_PREFIX
    CACHES["templates"]["KEY_PREFIX"] = REDIS_KEY_PREFIX
Q_BROKER = env.str("Q_BROKER", "orm")
if Q_BROKER == "redis":
    if not REDIS_URL:
        raise ImproperlyConfiguredEnv("Q_BROKER=redis needs REDIS_URL.")
    # The `orm` key wins over `redis` in django-q2: it must go. Redis has no receipts
    # (at-most-once); items_reconcile re-queues whatever a crash loses.
    Q_CLUSTER.pop("orm", None)
    Q_CLUSTER["redis"] = REDIS_URL
elif Q_BROKER != "orm":
    raise ImproperlyConfiguredEnv(f"Q_BROKER must be 'orm' or 'redis', got {Q_BROKER!r}.")
# Slice chains a launch enqueues: > 1 lets several workers/machines share one batch.
BATCH_PARALLEL_SLICES = env.int("BATCH_PARALLEL_SLICES", 1)

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", env.str("AWS_DEFAULT_REGION", "us-east-1"))
if AWS_STORAGE_BUCKET_NAME:
    # Uploaded batch files and documents: private objects, signed URLs, never overwritten.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "region_name": AWS_S3_REGION_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", "") or None,
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", "") or None,
            "location": env.str("AWS_S3_LOCATION", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", 600),
            "signature_version": "s3v4",
        },
    }

SQS_WAIT_SECONDS = env.int("SQS_WAIT_SECONDS", 20)
SQS_ENDPOINT_URL = env.str("SQS_ENDPOINT_URL", "")
# /metrics: staff API token, or a client address inside one of these networks.
METRICS_ALLOWED_CIDRS = env.list("METRICS_ALLOWED_CIDRS", [])
CLOUDWATCH_NAMESPACE = env.str("CLOUDWATCH_NAMESPACE", "")
CLOUDWATCH_ENDPOINT_URL = env.str("CLOUDWATCH_ENDPOINT_URL", "")

# --- Documents: ZIP uploads and text extraction (issue 8; docs/documents.md) -----------
# ZIP limits, checked before reading (entry count, declared sizes, ratio) and while
# decompressing (bytes actually produced). Members are held in memory, never extracted.
ZIP_MAX_ENTRIES = env.int("ZIP_MAX_ENTRIES", 1000)
ZIP_MAX_TOTAL_BYTES = env.int("ZIP_MAX_TOTAL_BYTES", 200 * 1024 * 1024)
ZIP_MAX_ENTRY_BYTES = env.int("ZIP_MAX_ENTRY_BYTES", 25 * 1024 * 1024)
ZIP_MAX_RATIO = env.int("ZIP_MAX_RATIO", 100)
PDF_MAX_PAGES = env.int("PDF_MAX_PAGES", 50)
PDF_MIN_PAGE_CHARS = env.int("PDF_MIN_PAGE_CHARS", 25)  # a page with less text-layer text is OCR'd
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", 50_000_000)  # below Pillow's 89.5 Mpx bomb warning
OCR_BACKEND = env.str("OCR_BACKEND", "tesseract")  # tesseract | textract
OCR_LANGUAGE = env.str("OCR_LANGUAGE", "eng")  # Tesseract languages, e.g. eng+spa (apt tesseract-ocr-spa)
OCR_TIMEOUT_SECONDS = env.int("OCR_TIMEOUT_SECONDS", 60)
TEXTRACT_REGION = env.str("TEXTRACT_REGION", "") or AWS_S3_REGION_NAME
TEXTRACT_ENDPOINT_URL = env.str("TEXTRACT_ENDPOINT_URL", "")
