"""Orphaned stored objects are found and removed (dry run first); upload temp files go away."""

from __future__ import annotations

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from evidence.models import Berkas
from evidence.orphans import berkas_yatim
from evidence.storage import bukti_storage
from tests.evidence import files
from tests.evidence.conftest import upload_service

pytestmark = pytest.mark.django_db


def _age(name: str, hours: float) -> None:
    path = bukti_storage().path(name)
    past = time.time() - hours * 3600
    os.utime(path, (past, past))


def test_only_old_objects_without_a_row_are_orphans(bukti, member):
    [kept] = upload_service(bukti, member("kasubbag"), ("Ada.pdf", files.pdf("ada")))
    storage = bukti_storage()
    old = storage.save("3319/ab/yatim-lama.pdf", ContentFile(b"%PDF-1.4 sisa"))
    young = storage.save("3319/ab/yatim-baru.pdf", ContentFile(b"%PDF-1.4 sedang diunggah"))
    _age(old, 2)
    _age(kept.berkas.nama_penyimpanan, 5)
    assert [y.nama for y in berkas_yatim()] == [old]
    assert young
    assert storage.exists(young)


def test_command_is_a_dry_run_unless_told_to_delete(bukti, member):
    [kept] = upload_service(bukti, member("kasubbag"), ("Ada.pdf", files.pdf("ada")))
    storage = bukti_storage()
    old = storage.save("3319/cd/yatim.pdf", ContentFile(b"sisa"))
    _age(old, 3)
    out = StringIO()
    call_command("bersihkan_berkas", stdout=out)
    assert "uji coba" in out.getvalue()
    assert old in out.getvalue()
    assert storage.exists(old)
    out = StringIO()
    call_command("bersihkan_berkas", "--hapus", stdout=out)
    assert "1 berkas yatim dihapus" in out.getvalue()
    assert not storage.exists(old)
    assert storage.exists(kept.berkas.nama_penyimpanan)
    assert Berkas.objects.count() == 1


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("data", "status"),
    [(files.pdf("besar " * 50_000), 302), (files.elf() + b"\0" * 300_000, 400)],
    ids=["accepted", "refused"],
)
def test_upload_temp_files_are_removed(client, bukti, member, settings, tmp_path, data, status):
    temp = tmp_path / "unggah-tmp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # force the temporary-file handler
    client.force_login(member("kasubbag"))
    response = client.post(
        reverse("evidence:unggah", args=[bukti.pk]),
        {"periode": "3", "berkas": SimpleUploadedFile("Laporan.pdf", data)},
    )
    assert response.status_code == status
    assert _temp_files(temp) == []
