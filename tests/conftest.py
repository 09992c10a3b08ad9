"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import UserFactory, make_member

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_DIR / "fixtures" / "lampiran"
SAMPLES = {
    "kudus": SAMPLE_DIR / "kudus-2022-rencana-kerja-zi.txt",
    "tegal": SAMPLE_DIR / "tegal-2022-rencana-aksi-zi.txt",
    "karanganyar": SAMPLE_DIR / "karanganyar-2022-rencana-aksi-zi.txt",
}


def private_settings(tmp: Path) -> dict:
    """The settings every test runs with, its private files under ``tmp``: name → value.

    Also used to build data shared by a module's tests (tests/test_permissions.py ``_world``).
    """
    return {
        "DATA_DIR": tmp / "var",
        "MEDIA_ROOT": tmp / "var" / "media",
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        # Argon2 (production, checked in tests/test_accounts.py) costs ~50 ms per user and login;
        # the tests check access rules, not hashing strength.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Background jobs run inside the request in tests (no worker process).
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    }


@pytest.fixture(autouse=True)
def _private_data_dir(settings, tmp_path):
    """Every test writes private files (evidence, caches) under its own temporary directory."""
    for name, value in private_settings(tmp_path).items():
        setattr(settings, name, value)


@pytest.fixture
def sample_text():
    """Read a sample SK document by name: ``sample_text("kudus")``."""

    def read(name: str) -> str:
        return SAMPLES[name].read_text(encoding="utf-8")

    return read


@pytest.fixture
def member(db):
    """Create a user with a role in a satker: ``member("operator", "3319")``."""

    return make_member


@pytest.fixture
def admin_user(db):
    return UserFactory(username="sysadmin", is_superuser=True, is_staff=True)
