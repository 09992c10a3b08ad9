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
- ``REDIS_URL``: a shared cache (Django's ``RedisCache``) for several app servers.
- ``ZI_TASKS_BACKEND``: ``immediate`` runs background jobs in the request (default: the database
  queue served by ``manage.py db_worker``).
- ``ZI_HASIL_*``, ``ZI_CETAK_LANGSUNG_MAX_BARIS``, ``ZI_PAKET_LANGSUNG_MAX_MB``,
  ``ZI_DASBOR_CACHE_SECONDS``: generated files, what goes to the worker, dashboard cache (README).
- ``PORTALRB_TOKEN``: the Bearer token PortalRB sends to ``/api/portalrb/`` (unset: 503);
  ``PORTALRB_RATE_LIMIT``: requests per minute per client (default 60);
  ``LKE_BUKTI_LINK_MAX_AGE``: seconds a signed bukti dukung link stays valid (default 3 days).
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
    "axes",
    "zona_integritas",
    "access",
    "notifications",
    "plans",
    "evidence",
    "monitoring",
    # Before django_tasks_db: jobs' db_worker (with the heartbeat) wins over the plain one.
    "jobs",
    "django_tasks",
    "django_tasks_db",
    "lke",
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
    "access.accounts.WajibGantiSandiMiddleware",
    # Last, as django-axes requires: it turns a lockout into the Indonesian lockout page.
    "axes.middleware.AxesMiddleware",
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
                "notifications.context_processors.notifikasi",
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
# A persistent connection broken by a database restart is noticed before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2 first: new passwords and, at their next login, existing PBKDF2 ones are hashed with it
# (Django re-hashes on a successful login when the first hasher differs).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Password guessing (django-axes): after AXES_FAILURE_LIMIT failed logins for one username,
# or from one IP address, further attempts are refused for AXES_COOLOFF_TIME hours. The
# system admin lifts a lockout by deleting its "access attempt" in the admin (or
# `manage.py axes_reset_username NAME`). The IP is REMOTE_ADDR: behind a reverse proxy,
# install django-ipware and set AXES_IPWARE_PROXY_COUNT (django-axes documentation).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ZI_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("ZI_STATIC_ROOT", BASE_DIR / "staticfiles"))

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
# Optional virus scan of every evidence upload by ClamAV's daemon: "unix:///run/clamav/clamd.ctl"
# or "tcp://127.0.0.1:3310"; empty (default) = off. See evidence/README.md.
ZI_CLAMAV = os.environ.get("ZI_CLAMAV", "")
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


def s3_storage(prefix: str, default_location: str) -> dict:
    """A private django-storages S3 storage from ``<prefix>_BUCKET``, ``_ENDPOINT_URL``,
    ``_REGION`` and ``_PREFIX`` environment variables (credentials: the usual ``AWS_*``)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ[f"{prefix}_BUCKET"],
            "endpoint_url": os.environ.get(f"{prefix}_ENDPOINT_URL") or None,
            "region_name": os.environ.get(f"{prefix}_REGION") or None,
            "location": os.environ.get(f"{prefix}_PREFIX", default_location),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


if os.environ.get("ZI_BUKTI_S3_BUCKET"):
    STORAGES["bukti"] = s3_storage("ZI_BUKTI_S3", "bukti")
# Lampiran documents larger than this are refused before parsing.
ZI_LAMPIRAN_MAX_BYTES = 5 * 1024 * 1024

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}
# Several app servers share one cache (dashboards, worker heartbeat): REDIS_URL switches to
# Django's RedisCache (e.g. redis://127.0.0.1:6379/1; the redis package is in the requirements).
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
# Dashboards are cached this many seconds at most; a write to the plans or evidence they show
# changes the cache key at once (monitoring.views.dashboards).
ZI_DASBOR_CACHE_SECONDS = int(os.environ.get("ZI_DASBOR_CACHE_SECONDS", "600"))

# Background jobs (django-tasks): the database backend, run by `manage.py db_worker`.
# ZI_TASKS_BACKEND=immediate runs every job inside the request (no worker; tests, tiny setups).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("ZI_TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# Generated files (PDF cache, evidence packs built by jobs): the "hasil" storage, local disk
# under DATA_DIR/hasil by default, S3-compatible with ZI_HASIL_S3_BUCKET (zona_integritas/hasil.py).
STORAGES["hasil"] = {"BACKEND": "zona_integritas.hasil.HasilStorage"}
if os.environ.get("ZI_HASIL_S3_BUCKET"):
    STORAGES["hasil"] = s3_storage("ZI_HASIL_S3", "hasil")
# Cap of the generated files: older than this many days, then the oldest beyond this total size,
# are deleted (they are rendered again on demand).
ZI_HASIL_MAX_AGE_DAYS = int(os.environ.get("ZI_HASIL_MAX_AGE_DAYS", "30"))
ZI_HASIL_MAX_MB = int(os.environ.get("ZI_HASIL_MAX_MB", "5120"))
# Downloads of generated files through nginx (internal location aliased to DATA_DIR/hasil/).
ZI_HASIL_X_ACCEL_PREFIX = os.environ.get("ZI_HASIL_X_ACCEL_PREFIX", "")
# An SK with more bukti fisik rows than this (or a monev report of such a plan) is rendered by
# the worker when not cached (a 70-row SK takes ~1 s alone, 15 s on a busy 2-core machine);
# smaller ones render in the request, and so does everything when no worker is alive.
ZI_CETAK_LANGSUNG_MAX_BARIS = int(os.environ.get("ZI_CETAK_LANGSUNG_MAX_BARIS", "50"))
# Evidence packs up to this size (MB) stream in the request; larger ones are built by the worker.
ZI_PAKET_LANGSUNG_MAX_MB = int(os.environ.get("ZI_PAKET_LANGSUNG_MAX_MB", "50"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zona-integritas@localhost")

IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Production is secure by default: with DJANGO_DEBUG=0 and nothing else, `check --deploy` is
# clean. An intranet without TLS relaxes it explicitly with DJANGO_HTTPS=0.
# LKE / PortalRB exchange (lke.api, lke.signing)
PORTALRB_TOKEN = os.environ.get("PORTALRB_TOKEN", "")
PORTALRB_RATE_LIMIT = int(os.environ.get("PORTALRB_RATE_LIMIT", "60"))
LKE_BUKTI_LINK_MAX_AGE = int(os.environ.get("LKE_BUKTI_LINK_MAX_AGE", str(3 * 24 * 3600)))

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
