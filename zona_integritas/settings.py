"""Settings, read from environment variables with safe defaults.

With nothing set the project runs on SQLite in DEBUG mode for a first look. Variables:

- ``DJANGO_DEBUG`` (``1``/``0``, default ``1``): development mode. With ``0`` a real
  ``DJANGO_SECRET_KEY`` is required and the app refuses to start without it.
- ``DJANGO_SECRET_KEY``: the signing key.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names (default ``localhost,127.0.0.1`` in
  DEBUG; required with ``DJANGO_DEBUG=0``: the app refuses to start without it).
- ``DJANGO_CSRF_TRUSTED_ORIGINS``: comma-separated origins (``https://zi.kpu.example``) trusted
  for form posts when a proxy changes the host or scheme.
- ``DJANGO_HTTPS`` (default ``1``; only read with ``DJANGO_DEBUG=0``): the site is served over
  TLS, so HSTS, the redirect to https and secure cookies are on. ``0`` turns all three off for an
  intranet without TLS; each can also be set alone: ``DJANGO_SECURE_SSL_REDIRECT``,
  ``DJANGO_HSTS_SECONDS`` (default one year), ``DJANGO_SECURE_COOKIES``.
- ``DJANGO_TRUST_X_FORWARDED_PROTO`` (default ``1``): the reverse proxy sets
  ``X-Forwarded-Proto`` (the nginx site in ``deploy/`` does), so a request that reached nginx over
  https is not redirected again. Set ``0`` when clients reach the app without such a proxy.
- ``DATABASE_URL``: e.g. ``postgres://user:pass@host:5432/db`` switches to PostgreSQL
  (parsed by dj-database-url); default ``sqlite:///<project>/db.sqlite3``.
- ``ZI_DATA_DIR``: where private files (evidence, generated PDFs) live; default ``<project>/var``.
- ``ZI_UPLOAD_MAX_MB``: the evidence upload size limit in megabytes (default 25).
- ``EMAIL_BACKEND``/``EMAIL_HOST``/``DEFAULT_FROM_EMAIL``: outgoing mail (console by default).
- ``SQLITE_BUSY_TIMEOUT`` (seconds, default 20): how long a write waits for SQLite's lock.
- ``LOG_LEVEL`` (default ``WARNING``; ``LOG_LEVEL_APP`` for the app's own loggers, default
  ``INFO``: one line per request), ``LOG_FORMAT`` (``json`` or ``text``; default ``json`` with
  ``DJANGO_DEBUG=0``, else ``text``): logs on standard error, one JSON object per line with the
  request id and the user.
- ``SENTRY_DSN`` (optional): report errors to Sentry; ``SENTRY_ENVIRONMENT``,
  ``SENTRY_TRACES_SAMPLE_RATE`` (default 0).
- ``ZI_WORKER_HEARTBEAT_MAX_AGE`` (seconds, default 300): the health page (``/sehat/``) reports
  the task worker as stale when its last heartbeat is older.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable (``1/true/yes/on`` are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", True)

_INSECURE_DEV_KEY = "django-insecure-dev-only-zona-integritas"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY wajib diisi bila DJANGO_DEBUG=0 (mode produksi)."
        )
    SECRET_KEY = _INSECURE_DEV_KEY
elif not DEBUG and SECRET_KEY == _INSECURE_DEV_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY produksi tidak boleh memakai kunci pengembangan.")


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else ""
)
if not DEBUG and not ALLOWED_HOSTS:
    # Django would answer every request with 400; failing at start-up names the cause instead.
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS wajib diisi bila DJANGO_DEBUG=0 (mis. zi.kpu.example,localhost)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: runserver then serves static files the way gunicorn does (whitenoise).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "zona_integritas",
    "plans",
    "evidence",
    "monitoring",
]

MIDDLEWARE = [
    "zona_integritas.request_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app process itself (compressed, hashed names, long cache headers),
    # so one gunicorn process serves a working app; nginx may still serve them in front.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "zona_integritas.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "zona_integritas.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for a small office: WAL lets readers go on while one connection writes; IMMEDIATE
    # takes the write lock when a transaction starts, so a second writer waits (up to the busy
    # timeout) instead of failing with "database is locked" when it upgrades a read lock.
    # The options Django 5.2 documents for SQLite ("Setting pragma options", transaction_mode).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Private data (evidence files, PDF cache). Never served under a public URL.
DATA_DIR = Path(os.environ.get("ZI_DATA_DIR", BASE_DIR / "var"))
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media-not-served/"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The paste box of the import page takes whole lampiran documents.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Evidence upload limit (bytes); enforced while streaming by the evidence app.
ZI_UPLOAD_MAX_BYTES = int(os.environ.get("ZI_UPLOAD_MAX_MB", "25")) * 1024 * 1024
# Evidence (bukti fisik): at most this many files per upload request.
ZI_UPLOAD_MAX_FILES = int(os.environ.get("ZI_UPLOAD_MAX_FILES", "20"))
# Evidence downloads: with a prefix (e.g. "/_bukti/") the app answers with X-Accel-Redirect and
# nginx sends the file from an `internal` location aliased to DATA_DIR/bukti (evidence/README.md).
ZI_BUKTI_X_ACCEL_PREFIX = os.environ.get("ZI_BUKTI_X_ACCEL_PREFIX", "")

# Storages. "bukti" holds evidence files: private, never under a public URL. Default: the local
# disk under DATA_DIR/bukti; ZI_BUKTI_S3_BUCKET switches to S3-compatible object storage through
# django-storages (install it; credentials from the usual AWS_* variables; evidence/README.md).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production: hashed names (cached for a year by browsers) and gzip/brotli copies, written by
    # collectstatic. DEBUG (and the tests) read the source folders without a manifest.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "zona_integritas.staticfiles.ManifestStaticFilesStorage"
    },
    "bukti": {"BACKEND": "evidence.storage.BuktiStorage"},
}
if os.environ.get("ZI_BUKTI_S3_BUCKET"):
    STORAGES["bukti"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["ZI_BUKTI_S3_BUCKET"],
            "endpoint_url": os.environ.get("ZI_BUKTI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("ZI_BUKTI_S3_REGION") or None,
            "location": os.environ.get("ZI_BUKTI_S3_PREFIX", "bukti"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Lampiran documents larger than this are refused before parsing.
ZI_LAMPIRAN_MAX_BYTES = 5 * 1024 * 1024

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zona-integritas@localhost")

IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Production is secure by default: with DJANGO_DEBUG=0 and nothing else, `check --deploy` is
# clean. An intranet without TLS relaxes it explicitly with DJANGO_HTTPS=0.
if not DEBUG:
    _https = env_bool("DJANGO_HTTPS", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", _https)
    # A load balancer probing /sehat/ over plain http must not get a redirect.
    SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000 if _https else 0))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", _https)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", _https)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", _https)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", _https)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only files of this site, no inline script or style, so
# an injected <script> or on*= handler does not run. Templates pass data with data-* attributes
# or json_script; tests/test_security.py keeps inline code out of the templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs: standard error, one line per record. JSON in production (the request id and the user
# are on every line; zona_integritas.request_context puts them there), plain text in DEBUG.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "zona_integritas.request_context.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(user)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One line per request (method, path, status, duration) from
    # zona_integritas.request_context; Django's own records for 4xx/5xx stay (a 500 carries its
    # traceback).
    "loggers": {"zona_integritas": {"level": os.environ.get("LOG_LEVEL_APP", "INFO")}},
}

# The task worker writes a heartbeat to the cache (zona_integritas.health reads it); /sehat/
# reports the worker stale after this many seconds.
ZI_WORKER_HEARTBEAT_MAX_AGE = int(os.environ.get("ZI_WORKER_HEARTBEAT_MAX_AGE", "300"))

# Optional error reports. sentry-sdk is imported only when a DSN is configured.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
