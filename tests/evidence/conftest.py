"""Fixtures of the evidence tests: a small plan, its bukti fisik and a file lister."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from evidence.services import unggahan_create
from plans import tree
from plans.models import BuktiFisik
from tests.factories import make_plan


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2 costs ~0.7 s per test user here; these tests are not about passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def plan(db):
    """A Kudus (3319) ZI plan: 2 areas × 1 komponen × 2 indikator, one bukti fisik each."""
    return make_plan(areas=2, komponen_per_area=1, indikator_per_komponen=2)


@pytest.fixture
def other_plan(db):
    """A Tegal kota (3376) plan: another satker, same province."""
    return make_plan(satker_kode="3376", areas=1, komponen_per_area=1, indikator_per_komponen=1)


def bukti_of(rencana) -> list[BuktiFisik]:
    return list(
        BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).order_by("pk")
    )


@pytest.fixture
def bukti(plan) -> BuktiFisik:
    """The plan's first bukti fisik, due in March (``bulan=[3]``)."""
    first = bukti_of(plan)[0]
    first.bulan = [3]
    first.target_waktu = "Maret 2022"
    first.save()
    return first


def stored_files() -> list[Path]:
    """Every file under the evidence storage directory of this test."""
    root = Path(settings.DATA_DIR) / "bukti"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload_service(bukti, user, *named: tuple[str, bytes], periode=3, **kwargs):
    """Call ``unggahan_create`` with in-memory uploaded files."""
    files = [(SimpleUploadedFile(name, data), name, len(data)) for name, data in named]
    return unggahan_create(
        bukti_fisik=bukti, files=files, user=user, periode_bulan=periode, **kwargs
    )
