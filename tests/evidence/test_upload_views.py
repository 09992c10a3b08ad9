"""Upload through the view: real good files of every type, real bad files refused with nothing
stored, the size limit enforced while streaming, names sanitised."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evidence.models import Berkas, Unggahan
from tests.evidence import files
from tests.evidence.conftest import stored_files


@pytest.fixture
def kasubbag_client(client, member):
    client.force_login(member("kasubbag", "3319"))
    return client


def post(client, bukti, *named, periode="3", ajax=False, **extra):
    data = {
        "periode": periode,
        "catatan": "Rapat 12 Maret",
        "berkas": [SimpleUploadedFile(name, content) for name, content in named],
        **extra,
    }
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
    return client.post(reverse("evidence:unggah", args=[bukti.pk]), data, **headers)


def assert_nothing_stored():
    assert Unggahan.objects.count() == 0
    assert Berkas.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize("kode", sorted(files.GOOD))
def test_good_file_of_each_type_is_stored(kasubbag_client, bukti, kode):
    name, make = files.GOOD[kode]
    data = make()
    response = post(kasubbag_client, bukti, (name, data))
    assert response.status_code == 302
    u = Unggahan.objects.get()
    assert u.berkas.jenis == kode
    assert u.nama_berkas == name
    assert u.catatan == "Rapat 12 Maret"
    assert [p.read_bytes() for p in stored_files()] == [data]


def test_many_files_at_once_with_json_answer(kasubbag_client, bukti):
    response = post(
        kasubbag_client,
        bukti,
        ("Notulen.pdf", files.pdf()),
        ("Foto 1.jpg", files.jpeg()),
        ("Foto 2.png", files.png()),
        ajax=True,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["ok"]
    assert body["redirect"] == reverse("evidence:bukti_detail", args=[bukti.pk])
    assert "3 berkas diunggah" in body["pesan"]
    assert Unggahan.objects.count() == 3


BAD = [
    ("invoice.pdf", files.elf, "ELF"),
    ("Notulen.docx", files.docx_with_macro, "makro"),
    ("Rekap.docx", files.zip_bomb, "zip bomb"),
    ("kosong.pdf", lambda: b"", "kosong"),
    ("../../etc/passwd", lambda: b"root:x:0:0:root:/root:/bin/bash\n", "tidak dikenali"),
    ("skrip.pdf", lambda: b"#!/bin/sh\necho hi\n", "skrip"),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_refused_with_the_reason_and_nothing_stored(
    kasubbag_client, bukti, name, make, reason
):
    response = post(kasubbag_client, bukti, (name, make()))
    assert response.status_code == 400
    text = response.content.decode()
    assert reason in text
    assert "Tidak ada berkas yang disimpan" in text
    assert_nothing_stored()


def test_bad_file_in_a_batch_refuses_the_whole_batch(kasubbag_client, bukti):
    response = post(
        kasubbag_client,
        bukti,
        ("Laporan.pdf", files.pdf()),
        ("invoice.pdf", files.elf()),
        ajax=True,
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any("invoice.pdf" in e and "ELF" in e for e in errors)
    assert_nothing_stored()


def test_oversize_is_refused_while_streaming(kasubbag_client, bukti, settings, monkeypatch):
    settings.ZI_UPLOAD_MAX_BYTES = 4096
    seen = []
    from evidence.upload_handlers import UkuranTerbatasUploadHandler

    original = UkuranTerbatasUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        seen.append(start + len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(UkuranTerbatasUploadHandler, "receive_data_chunk", spy)
    big = files.mp4(payload_bytes=1024 * 1024)  # 1 MB, valid MP4
    response = post(kasubbag_client, bukti, ("Video.mp4", big), ajax=True)
    assert response.status_code == 400
    [error, _summary] = response.json()["errors"]
    assert "Video.mp4" in error
    assert "melebihi batas" in error
    assert "4,0" in error
    # the handler stopped at the first chunk past the limit: no later chunk reached it
    assert len(seen) == 1
    assert_nothing_stored()


def test_too_many_files_refused(kasubbag_client, bukti, settings):
    settings.ZI_UPLOAD_MAX_FILES = 2
    response = post(
        kasubbag_client,
        bukti,
        *[(f"f{i}.png", files.png((i + 1, 1))) for i in range(3)],
        ajax=True,
    )
    assert response.status_code == 400
    assert any("paling banyak 2 berkas" in e for e in response.json()["errors"])
    assert_nothing_stored()


def test_no_file_refused(kasubbag_client, bukti):
    response = post(kasubbag_client, bukti, ajax=True)
    assert response.status_code == 400
    assert "Pilih minimal satu berkas" in response.json()["errors"][0]


def test_period_outside_schedule_refused(kasubbag_client, bukti):
    response = post(kasubbag_client, bukti, ("a.pdf", files.pdf()), periode="7", ajax=True)
    assert response.status_code == 400
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("Laporan Évaluasi — 第一.pdf", "Laporan Évaluasi — 第一.pdf"),
        ("Laporan\u202egpj.pdf", "Laporangpj.pdf"),
        ("SK Tim ZI.exe", "SK Tim ZI.pdf"),
    ],
)
def test_names_are_sanitised_and_storage_name_is_generated(kasubbag_client, bukti, sent, expected):
    response = post(kasubbag_client, bukti, (sent, files.pdf()))
    assert response.status_code == 302
    u = Unggahan.objects.get()
    assert u.nama_berkas == expected
    [path] = stored_files()
    assert path.name == f"{u.berkas.sha256}.pdf"
    download = kasubbag_client.get(reverse("evidence:unduh", args=[u.pk]))
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "/" not in disposition.split("filename")[1]


def test_revision_upload_through_the_view(kasubbag_client, bukti):
    post(kasubbag_client, bukti, ("Notulen.pdf", files.pdf("1")))
    first = Unggahan.objects.get()
    response = post(
        kasubbag_client, bukti, ("Notulen versi baru.pdf", files.pdf("2")), revisi_dari=first.pk
    )
    assert response.status_code == 302
    second = Unggahan.objects.exclude(pk=first.pk).get()
    assert second.revisi == 2
    assert second.kunci_revisi == first.kunci_revisi
    assert len(stored_files()) == 2


def test_get_goes_to_the_form(kasubbag_client, bukti):
    response = kasubbag_client.get(reverse("evidence:unggah", args=[bukti.pk]) + "?periode=3")
    assert response.status_code == 302
    assert response.url.endswith("?periode=3#unggah")
    page = kasubbag_client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="drop-zone"' in html
    assert "evidence/unggah.js" in html
    assert 'data-max-bytes="26214400"' in html
