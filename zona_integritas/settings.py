"""Settings, read from environment variables with safe defaults.

With nothing set the project runs on SQLite in DEBUG mode for a first look. Variables:

- ``DJANGO_DEBUG`` (``1``/``0``, default ``1``): development mode. With ``0`` a real
  ``DJANGO_SECRET_KEY`` is required and the app refuses to start without it.
- ``DJANGO_SECRET_KEY``: the signing key.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names (default ``localhost,127.0.0.1``).
- ``DATABASE_URL``: e.g. ``postgres://user:pass@host:5432/db`` switches to PostgreSQL
  (parsed by dj-database-url); default ``sqlite:///<project>/db.sqlite3``.
- ``ZI_DATA_DIR``: where private files (evidence, generated PDFs) live; default ``<project>/var``.
- ``ZI_UPLOAD_MAX_MB``: the evidence upload size limit in megabytes (default 25).
- ``EMAIL_BACKEND``/``EMAIL_HOST``/``DEFAULT_FROM_EMAIL``: outgoing mail (console by default).
- ``REDIS_URL``: a shared cache (Django's ``RedisCache``) for several app servers.
- ``ZI_TASKS_BACKEND``: ``immediate`` runs background jobs in the request (default: the database
  queue served by ``manage.py db_worker``).
- ``ZI_HASIL_*``, ``ZI_CETAK_LANGSUNG_MAX_BARIS``, ``ZI_PAKET_LANGSUNG_MAX_MB``,
  ``ZI_DASBOR_CACHE_SECONDS``: generated files, what goes to the worker, dashboard cache (README).
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

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(
        ","
    )
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "zona_integritas",
    "plans",
    "evidence",
    "monitoring",
    # Before django_tasks_db: jobs' db_worker (with the heartbeat) wins over the plain one.
    "jobs",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
# A persistent connection broken by a database restart is noticed before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
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
# under DATA_DIR/hasil by default, S3-compatible with ZI_HASIL_S3_BUCKET (jobs/storage.py).
STORAGES["hasil"] = {"BACKEND": "jobs.storage.HasilStorage"}
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

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
