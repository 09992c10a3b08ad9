"""Upload service: storage, dedup, revisions, verification, withdraw/restore/purge."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from evidence.models import Berkas, Unggahan
from evidence.selectors import bukti_diterima, unggahan_terbaru
from evidence.services import (
    periode_pilihan,
    unggahan_link,
    unggahan_purge,
    unggahan_restore,
    unggahan_verify,
    unggahan_withdraw,
)
from tests.evidence import files
from tests.evidence.conftest import bukti_of, stored_files, upload_service


@pytest.fixture
def kasubbag(member):
    return member("kasubbag", "3319")


def test_upload_stores_content_privately_with_its_hash(bukti, kasubbag):
    data = files.pdf()
    [u] = upload_service(bukti, kasubbag, ("Laporan.pdf", data))
    assert u.status == Unggahan.Status.MENUNGGU
    assert u.revisi == 1
    assert u.periode_bulan == 3
    assert u.berkas.sha256 == hashlib.sha256(data).hexdigest()
    assert u.berkas.ukuran == len(data)
    assert u.berkas.jenis == "pdf"
    [path] = stored_files()
    assert path.read_bytes() == data
    # generated name, not the user's
    assert path.name == f"{u.berkas.sha256}.pdf"
    assert "Laporan" not in str(path)
    assert path.stat().st_mode & 0o077 == 0


def test_same_content_is_stored_once_and_linkable(plan, bukti, kasubbag):
    data = files.pdf("SK Tim ZI")
    [first] = upload_service(bukti, kasubbag, ("SK Tim ZI.pdf", data))
    second_bukti = bukti_of(plan)[1]
    [again] = upload_service(
        second_bukti, kasubbag, ("SK.pdf", data), periode=second_bukti.bulan[0]
    )
    assert again.berkas_id == first.berkas_id
    link = unggahan_link(unggahan=first, bukti_fisik=bukti_of(plan)[2], user=kasubbag)
    assert link.berkas_id == first.berkas_id
    assert link.status == Unggahan.Status.MENUNGGU
    assert Berkas.objects.count() == 1
    assert len(stored_files()) == 1
    with pytest.raises(ValidationError, match="sudah ada"):
        unggahan_link(unggahan=first, bukti_fisik=bukti_of(plan)[2], user=kasubbag)


def test_identical_file_for_the_same_period_is_refused(bukti, kasubbag):
    data = files.png()
    upload_service(bukti, kasubbag, ("Foto.png", data))
    with pytest.raises(ValidationError, match="isi yang sama persis"):
        upload_service(bukti, kasubbag, ("Foto lain.png", data))
    assert Unggahan.objects.count() == 1


def test_same_name_makes_a_revision_and_keeps_the_old_one(bukti, kasubbag):
    [r1] = upload_service(bukti, kasubbag, ("Notulen.pdf", files.pdf("v1")))
    [r2] = upload_service(bukti, kasubbag, ("notulen.PDF", files.pdf("v2")))
    [other] = upload_service(bukti, kasubbag, ("Daftar hadir.pdf", files.pdf("v3")))
    assert (r1.revisi, r2.revisi, other.revisi) == (1, 2, 1)
    assert Unggahan.objects.filter(pk=r1.pk).exists()
    assert len(stored_files()) == 3
    [r3] = upload_service(bukti, kasubbag, ("apa saja.pdf", files.pdf("v4")), revisi_dari=r1)
    assert r3.revisi == 3
    assert r3.kunci_revisi == r1.kunci_revisi


def test_batch_with_one_bad_file_writes_nothing(bukti, kasubbag):
    with pytest.raises(ValidationError) as exc:
        upload_service(
            bukti,
            kasubbag,
            ("Laporan.pdf", files.pdf()),
            ("invoice.pdf", files.elf()),
            ("Notulen.docx", files.docx_with_macro()),
        )
    messages = exc.value.messages
    assert len(messages) == 2
    assert "invoice.pdf" in messages[0]
    assert "ELF" in messages[0]
    assert "Notulen.docx" in messages[1]
    assert "makro" in messages[1]
    assert Unggahan.objects.count() == 0
    assert Berkas.objects.count() == 0
    assert stored_files() == []


def test_period_must_be_in_the_schedule(bukti, kasubbag):
    assert periode_pilihan(bukti) == [3, None]
    with pytest.raises(ValidationError, match="bukan jadwal"):
        upload_service(bukti, kasubbag, ("a.pdf", files.pdf()), periode=7)
    [u] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()), periode=None)
    assert u.periode_bulan is None


def test_archived_bukti_fisik_takes_no_upload(bukti, kasubbag):
    bukti.diarsipkan = True
    bukti.save()
    with pytest.raises(ValidationError, match="diarsipkan"):
        upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    assert stored_files() == []


def test_verify_accept_reject_and_selector(bukti, kasubbag, member):
    tim = member("tim_zi", "3319")
    [a, b] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf("a")), ("b.png", files.png()))
    with pytest.raises(ValidationError, match="alasan"):
        unggahan_verify(unggahan=b, user=tim, status="ditolak", catatan=" ")
    unggahan_verify(unggahan=a, user=tim, status="diterima")
    unggahan_verify(unggahan=b, user=tim, status="ditolak", catatan="Foto buram")
    b.refresh_from_db()
    assert b.perlu_unggah_ulang
    assert b.diverifikasi_oleh == tim
    accepted = bukti_diterima(bukti_fisik_ids=[bukti.pk, 999999])
    assert list(accepted) == [bukti.pk]
    [(periode, tanggal)] = accepted[bukti.pk]
    assert periode == 3
    assert tanggal == timezone.localdate(a.diunggah_pada)
    rencana = bukti.langkah_aksi.indikator.komponen.rencana_area.rencana
    assert [u.pk for u in unggahan_terbaru(rencana=rencana, limit=1)] == [b.pk]


def test_withdraw_hides_keeps_and_restores(bukti, kasubbag, member):
    tim = member("tim_zi", "3319")
    [u] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    unggahan_verify(unggahan=u, user=tim, status="diterima")
    with pytest.raises(ValidationError):
        unggahan_withdraw(unggahan=u, user=kasubbag, alasan="")
    unggahan_withdraw(unggahan=u, user=kasubbag, alasan="Salah unggah")
    assert bukti_diterima(bukti_fisik_ids=[bukti.pk]) == {}
    assert Unggahan.objects.filter(pk=u.pk, ditarik=True).exists()
    assert len(stored_files()) == 1
    with pytest.raises(ValidationError):
        unggahan_verify(unggahan=u, user=tim, status="diterima")
    unggahan_restore(unggahan=u, user=kasubbag)
    assert bukti_diterima(bukti_fisik_ids=[bukti.pk])[bukti.pk][0][0] == 3


def test_purge_only_superuser_only_withdrawn_and_logged(
    bukti, kasubbag, admin_user, caplog, django_capture_on_commit_callbacks
):
    [u] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    pk = u.pk
    with pytest.raises(ValidationError, match="Tarik"):
        unggahan_purge(unggahan=u, user=admin_user, alasan="data pribadi")
    unggahan_withdraw(unggahan=u, user=kasubbag, alasan="berisi NIK")
    with pytest.raises(PermissionDenied):
        unggahan_purge(unggahan=u, user=kasubbag, alasan="data pribadi")
    with pytest.raises(ValidationError):
        unggahan_purge(unggahan=u, user=admin_user, alasan=" ")
    assert len(stored_files()) == 1
    with (
        caplog.at_level("WARNING", logger="evidence"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        erased = unggahan_purge(unggahan=u, user=admin_user, alasan="data pribadi")
    assert erased is True
    assert not Unggahan.objects.filter(pk=pk).exists()
    assert Berkas.objects.count() == 0
    assert stored_files() == []
    assert "DIMUSNAHKAN" in caplog.text
    assert "sysadmin" in caplog.text
    deleted = Unggahan.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == admin_user
    assert "data pribadi" in deleted.history_change_reason


def test_purge_keeps_content_still_used_elsewhere(
    plan, bukti, kasubbag, admin_user, django_capture_on_commit_callbacks
):
    [u] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    unggahan_link(unggahan=u, bukti_fisik=bukti_of(plan)[1], user=kasubbag)
    unggahan_withdraw(unggahan=u, user=kasubbag, alasan="dobel")
    with django_capture_on_commit_callbacks(execute=True):
        assert unggahan_purge(unggahan=u, user=admin_user, alasan="dobel") is False
    assert Berkas.objects.count() == 1
    assert len(stored_files()) == 1


def test_evidence_protects_the_plan_row(bukti, kasubbag):
    upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    with pytest.raises(ProtectedError):
        bukti.delete()
