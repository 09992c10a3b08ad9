"""cadangkan / pulihkan: a backup restores into an empty instance with every row and file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.evidence.conftest import bukti_of, upload_service
from tests.evidence.files import pdf, png
from tests.factories import KeanggotaanFactory, UserFactory, make_plan, satker
from zona_integritas.backup import BackupError, create_backup, restore_backup

# The restore replaces the whole database, so the test cannot run inside a rolled-back
# transaction; serialized_rollback gives the next tests the migrations' data back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def every_row() -> dict[str, list[dict]]:
    """All rows of every model, serialised (fields and primary keys), in primary-key order."""
    rows = {}
    for model in apps.get_models():
        data = serializers.serialize("json", model._default_manager.order_by("pk"))
        rows[model._meta.label] = json.loads(data)
    return rows


def every_file(root: Path) -> dict[str, str]:
    """Relative path → SHA-256 of each file under ``root``."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def populated(settings, tmp_path):
    """A plan of Kudus with two members and three uploads of two bukti fisik."""
    settings.DATA_DIR = tmp_path / "asal"
    rencana = make_plan(areas=2, komponen_per_area=1, indikator_per_komponen=2)
    user = UserFactory(username="kasubbag.kudus")
    KeanggotaanFactory(user=user, satker=satker("3319"), peran="kasubbag")
    first, second = bukti_of(rencana)[:2]
    upload_service(first, user, ("undangan.pdf", pdf("Undangan rapat")), periode=first.bulan[0])
    upload_service(first, user, ("foto.png", png((16, 16))), periode=first.bulan[0])
    upload_service(second, user, ("notulen.pdf", pdf("Notulen")), periode=second.bulan[0])
    return rencana


def test_restore_into_an_empty_instance_brings_back_every_row_and_file(
    populated, settings, tmp_path
):
    rows_before = every_row()
    files_before = every_file(tmp_path / "asal" / "bukti")
    assert len(files_before) == 3
    assert rows_before["evidence.Unggahan"]
    assert rows_before["plans.BuktiFisik"]

    folder = create_backup(target_dir=tmp_path / "cadangan")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {e["name"] for e in manifest["files"]} == {manifest["database"]} | {
        f"bukti/{name}" for name in files_before
    }

    # An empty instance: no rows at all, a fresh data directory.
    call_command("flush", "--noinput")
    settings.DATA_DIR = tmp_path / "baru"
    assert not any(every_row()[label] for label in ("plans.RencanaAksi", "evidence.Unggahan"))

    call_command("pulihkan", str(folder), "--ya")

    assert every_row() == rows_before
    assert every_file(tmp_path / "baru" / "bukti") == files_before


def test_damaged_backup_is_refused_before_anything_changes(populated, settings, tmp_path):
    folder = create_backup(target_dir=tmp_path / "cadangan")
    victim = next((folder / "bukti").rglob("*.pdf"))
    victim.write_bytes(victim.read_bytes() + b"x")
    rows_before = every_row()
    with pytest.raises(CommandError, match="Cadangan rusak"):
        call_command("pulihkan", str(folder), "--ya")
    assert every_row() == rows_before


def test_existing_evidence_with_other_content_is_not_overwritten(populated, settings, tmp_path):
    folder = create_backup(target_dir=tmp_path / "cadangan")
    stored = next((tmp_path / "asal" / "bukti").rglob("*.png"))
    stored.write_bytes(b"isi lain")
    with pytest.raises(BackupError, match="tidak ditimpa"):
        restore_backup(source=folder)
    assert stored.read_bytes() == b"isi lain"


def test_backup_folder_is_never_overwritten(populated, tmp_path):
    from django.utils import timezone

    now = timezone.now()
    create_backup(target_dir=tmp_path / "cadangan", now=now)
    with pytest.raises(BackupError, match="sudah ada"):
        create_backup(target_dir=tmp_path / "cadangan", now=now)
