"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import KeanggotaanFactory, UserFactory, satker

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_DIR / "fixtures" / "lampiran"
SAMPLES = {
    "kudus": SAMPLE_DIR / "kudus-2022-rencana-kerja-zi.txt",
    "tegal": SAMPLE_DIR / "tegal-2022-rencana-aksi-zi.txt",
    "karanganyar": SAMPLE_DIR / "karanganyar-2022-rencana-aksi-zi.txt",
}


@pytest.fixture(autouse=True)
def _private_data_dir(settings, tmp_path):
    """Every test writes private files (evidence, caches) under its own temporary directory."""
    settings.DATA_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # PBKDF2 costs ~0.7 s per test user; the tests check access rules, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background jobs run inside the request in tests (no worker process).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def sample_text():
    """Read a sample SK document by name: ``sample_text("kudus")``."""

    def read(name: str) -> str:
        return SAMPLES[name].read_text(encoding="utf-8")

    return read


@pytest.fixture
def member(db):
    """Create a user with a role in a satker: ``member("operator", "3319")``."""

    def make(peran: str, kode: str = "3319", **user_fields):
        user = UserFactory(**user_fields)
        KeanggotaanFactory(user=user, satker=satker(kode), peran=peran)
        return user

    return make


@pytest.fixture
def admin_user(db):
    return UserFactory(username="sysadmin", is_superuser=True, is_staff=True)
