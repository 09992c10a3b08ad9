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
    "lke",
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

# LKE / PortalRB exchange (lke.api, lke.signing)
PORTALRB_TOKEN = os.environ.get("PORTALRB_TOKEN", "")
PORTALRB_RATE_LIMIT = int(os.environ.get("PORTALRB_RATE_LIMIT", "60"))
LKE_BUKTI_LINK_MAX_AGE = int(os.environ.get("LKE_BUKTI_LINK_MAX_AGE", str(3 * 24 * 3600)))

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
