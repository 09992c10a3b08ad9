"""A re-import never hides evidence: affected uploads are listed, can be carried over, and an
archived row's accepted evidence stays (marked) in the evidence pack's index."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from evidence.models import Unggahan
from evidence.pack import INDEX_NAME, paket_bukti
from evidence.selectors import unggahan_rencana
from evidence.services import unggahan_verify
from plans.models import BuktiFisik
from plans.services.importing import lampiran_impor
from tests.evidence import files
from tests.evidence.conftest import upload_service

pytestmark = pytest.mark.django_db

OLD = "\tPiagam Penghargaan\tAgustus 2022"
NEW = "\tPiagam Penghargaan Pegawai Berprestasi\tAgustus 2022"


@pytest.fixture
def kudus(sample_text, member, tmp_path):
    """The Kudus plan with one accepted upload on "Piagam Penghargaan", and the edited SK."""
    text = sample_text("kudus")
    result = lampiran_impor(text=text)
    bukti = BuktiFisik.objects.get(nama="Piagam Penghargaan")
    tim = member("tim_zi")
    [upload] = upload_service(bukti, member("kasubbag"), ("Piagam.pdf", files.pdf()), periode=8)
    unggahan_verify(unggahan=upload, user=tim, status=Unggahan.Status.DITERIMA)
    assert text.count(OLD) == 1
    edited = tmp_path / "kudus-baru.txt"
    edited.write_text(text.replace(OLD, NEW), encoding="utf-8")
    return result.rencana, bukti, upload, edited


def test_dry_run_lists_the_affected_upload_and_proposes_the_matching_new_row(kudus):
    _rencana, bukti, upload, edited = kudus
    result = lampiran_impor(text=edited.read_text(), replace=True, dry_run=True)
    [item] = result.bukti_terdampak
    assert item.lama.pk == bukti.pk
    assert item.unggahan == [upload]
    assert item.usulan.obj.nama == "Piagam Penghargaan Pegawai Berprestasi"
    assert item.usulan.jalur == (
        "VI",
        *(n for n in _old_position(bukti)),
    )
    assert item.kemiripan >= 0.9
    # nothing written by the dry run
    bukti.refresh_from_db()
    assert not bukti.diarsipkan


def _old_position(bukti):
    la = bukti.langkah_aksi
    return (la.indikator.komponen.urutan, la.indikator.urutan, la.urutan, bukti.urutan)


def test_command_lists_the_uploads_and_carries_them_over_on_request(kudus, capsys):
    rencana, bukti, upload, edited = kudus
    call_command("import_lampiran", str(edited), "--replace", "--dry-run")
    out = capsys.readouterr().out
    assert "Bukti terdampak: 1 baris" in out
    assert "Piagam.pdf (revisi 1) [diterima]" in out
    assert "usul pindah ke baris" in out
    assert "--bawa-bukti" in out
    call_command("import_lampiran", str(edited), "--replace", "--json", "--bawa-bukti")
    doc = json.loads(capsys.readouterr().out)
    [item] = doc["bukti_terdampak"]
    assert item["bukti_fisik_id"] == bukti.pk
    assert item["unggahan"][0]["diterima"] is True
    assert doc["bukti_dipindahkan"] == 1
    upload.refresh_from_db()
    new = BuktiFisik.objects.get(nama="Piagam Penghargaan Pegawai Berprestasi")
    assert upload.bukti_fisik_id == new.pk
    assert not new.diarsipkan
    # the old row had nothing left to protect it: deleted, not archived
    assert not BuktiFisik.objects.filter(pk=bukti.pk).exists()
    assert upload in list(unggahan_rencana(rencana=rencana))


def test_without_carry_over_the_row_is_archived_and_its_accepted_evidence_stays_in_the_pack(kudus):
    rencana, bukti, upload, edited = kudus
    result = lampiran_impor(text=edited.read_text(), replace=True)
    assert result.diarsipkan >= 1
    assert result.dipindahkan == 0
    bukti.refresh_from_db()
    upload.refresh_from_db()
    assert bukti.diarsipkan
    assert upload.bukti_fisik_id == bukti.pk
    assert upload not in list(unggahan_rencana(rencana=rencana))
    paket = paket_bukti(rencana=rencana)
    [arsip] = paket.arsip
    assert arsip.bukti.pk == bukti.pk
    [entri] = arsip.berkas
    assert entri.arcname.startswith("ARSIP - baris tidak ada lagi di rencana/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(paket.stream())))
    assert entri.arcname in archive.namelist()
    index = archive.read(INDEX_NAME).decode()
    assert "Piagam Penghargaan <strong>[DIARSIPKAN]</strong>" in index
    assert "Piagam.pdf" in index


def test_web_preview_offers_the_carry_over_and_the_save_applies_the_choice(kudus, client, member):
    rencana, bukti, upload, edited = kudus
    client.force_login(member("tim_zi"))
    text = edited.read_text()
    page = client.post(
        reverse("plans:impor"),
        {"teks": text, "satker": rencana.satker.pk, "ganti": "on"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="bukti-terdampak"' in html
    assert f'name="bawa_bukti" value="{bukti.pk}"' in html
    assert "Piagam.pdf" in html
    token = page.context["konfirmasi"].initial["token"]  # the previewed document, kept server-side
    response = client.post(
        reverse("plans:impor"),
        {"langkah": "simpan", "token": token, "bawa_bukti": [str(bukti.pk)]},
    )
    assert response.status_code == 302
    upload.refresh_from_db()
    assert upload.bukti_fisik.nama == "Piagam Penghargaan Pegawai Berprestasi"
