"""Downloads (headers, inline preview, X-Accel-Redirect), the evidence pack and export_bukti."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.pack import INDEX_NAME, paket_bukti
from evidence.services import unggahan_verify, unggahan_withdraw
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service


@pytest.fixture
def kasubbag(member):
    return member("kasubbag", "3319")


@pytest.fixture
def tim(member):
    return member("tim_zi", "3319")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_download_streams_with_safe_headers(client, bukti, kasubbag):
    data = files.pdf()
    [u] = upload_service(bukti, kasubbag, ("Laporan Évaluasi.pdf", data))
    client.force_login(kasubbag)
    response = client.get(reverse("evidence:unduh", args=[u.pk]))
    assert response.status_code == 200
    assert response.streaming
    assert body(response) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Laporan%20%C3%89valuasi.pdf"
    )
    assert "private" in response["Cache-Control"]


def test_preview_inline_only_for_pdf_and_images(client, bukti, kasubbag):
    [pdf, docx] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()), ("b.docx", files.docx()))
    client.force_login(kasubbag)
    inline = client.get(reverse("evidence:pratinjau", args=[pdf.pk]))
    assert inline["Content-Disposition"].startswith("inline;")
    assert inline["Content-Security-Policy"] == "sandbox"
    other = client.get(reverse("evidence:pratinjau", args=[docx.pk]))
    assert other["Content-Disposition"].startswith("attachment;")
    # an attachment is never sandboxed (it is not rendered); the site policy may still apply
    assert "sandbox" not in other.get("Content-Security-Policy", "")


def test_inline_needs_an_inline_content_type_too(client, bukti, kasubbag):
    [pdf] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    # A row whose stored type is not one of the inline types is never sent inline.
    pdf.berkas.__class__.objects.filter(pk=pdf.berkas_id).update(content_type="text/html")
    client.force_login(kasubbag)
    response = client.get(reverse("evidence:pratinjau", args=[pdf.pk]))
    assert response["Content-Disposition"].startswith("attachment;")


def test_x_accel_redirect_option(client, bukti, kasubbag, settings):
    settings.ZI_BUKTI_X_ACCEL_PREFIX = "/_bukti/"
    [u] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    client.force_login(kasubbag)
    response = client.get(reverse("evidence:unduh", args=[u.pk]))
    assert (
        response["X-Accel-Redirect"] == f"/_bukti/3319/{u.berkas.sha256[:2]}/{u.berkas.sha256}.pdf"
    )
    assert response.content == b""
    assert response["X-Content-Type-Options"] == "nosniff"


def test_withdrawn_file_hidden_from_readers_but_not_from_uploaders(client, member, bukti, kasubbag):
    [u] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    unggahan_withdraw(unggahan=u, user=kasubbag, alasan="salah")
    client.force_login(member("operator", "3319"))
    assert client.get(reverse("evidence:unduh", args=[u.pk])).status_code == 404
    client.force_login(kasubbag)
    assert client.get(reverse("evidence:unduh", args=[u.pk])).status_code == 200


def _plan_with_evidence(plan, kasubbag, tim):
    """Area I: accepted r1 + rejected r2 of the same file; area II: nothing accepted."""
    b0, b1, b2, _b3 = bukti_of(plan)
    [r1] = upload_service(b0, kasubbag, ("Notulen.pdf", files.pdf("r1")), periode=b0.bulan[0])
    unggahan_verify(unggahan=r1, user=tim, status="diterima")
    [r2] = upload_service(b0, kasubbag, ("Notulen.pdf", files.pdf("r2")), periode=b0.bulan[0])
    unggahan_verify(unggahan=r2, user=tim, status="ditolak", catatan="kurang tanda tangan")
    [foto] = upload_service(b1, kasubbag, ("Foto.png", files.png()), periode=None)
    unggahan_verify(unggahan=foto, user=tim, status="diterima")
    [pending] = upload_service(b2, kasubbag, ("Draft.docx", files.docx()), periode=b2.bulan[0])
    return r1, r2, foto, pending


def test_pack_has_the_plan_layout_latest_accepted_and_an_index(
    client, plan, kasubbag, tim, django_assert_max_num_queries
):
    r1, r2, _foto, _pending = _plan_with_evidence(plan, kasubbag, tim)
    client.force_login(tim)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("evidence:paket", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bukti-fisik-3319-zi-2022.zip"'
    data = body(response)
    assert int(response["Content-Length"]) == len(data)
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert zf.testzip() is None
    names = zf.namelist()
    assert names[0] == INDEX_NAME
    # area I is "Manajemen Perubahan" in the ZI framework; komponen 1, indikator 1.1, bukti 1.1.1
    notulen = [n for n in names if n.endswith("Notulen.pdf")]
    assert len(notulen) == 1
    assert notulen[0].startswith("I Manajemen Perubahan/1 Komponen")
    assert "/1.1 Indikator" in notulen[0]
    assert "/1.1.1 Bukti fisik" in notulen[0]
    assert notulen[0].split("/")[-2] == "Januari"  # make_plan's first bukti is due in January
    assert zf.read(notulen[0]) == files_content(r1)  # r1: the accepted one, not rejected r2
    assert any(n.endswith("/Foto.png") for n in names)
    assert not any("Draft" in n for n in names)  # pending is not packed by default
    index = zf.read(INDEX_NAME).decode()
    assert r1.berkas.sha256 in index
    assert r2.berkas.sha256 not in index
    assert "Bukti fisik yang belum lengkap" in index
    listed, missing = index.split("Bukti fisik yang belum lengkap")
    assert all(f"<td>{n}</td>" in listed for n in ["1.1.1", "1.2.1", "1.1.1", "1.2.1"])
    assert listed.count("<td>1.1.1</td>") == 2  # area I and area II both have a 1.1.1
    assert "Menunggu verifikasi" in missing


def files_content(unggahan) -> bytes:
    from evidence.storage import bukti_storage

    with bukti_storage().open(unggahan.berkas.nama_penyimpanan) as f:
        return f.read()


def test_pack_all_revisions(plan, kasubbag, tim):
    _plan_with_evidence(plan, kasubbag, tim)
    pack = paket_bukti(rencana=plan, semua_revisi=True)
    names = [e.arcname.split("/")[-1] for e in pack.entri]
    assert "Notulen (revisi 1, diterima).pdf" in names
    assert "Notulen (revisi 2, ditolak).pdf" in names
    assert "Draft (revisi 1, menunggu verifikasi).docx" in names
    assert pack.nama_zip.endswith("-semua-revisi.zip")


def test_pack_index_lists_missing_items(plan, kasubbag, tim):
    _plan_with_evidence(plan, kasubbag, tim)
    pack = paket_bukti(rencana=plan)
    missing = [b.nomor for b in pack.baris if b.kurang]
    complete = [b.nomor for b in pack.baris if not b.kurang]
    assert len(pack.baris) == 4
    assert complete == ["1.1.1", "1.2.1"]
    assert len(missing) == 2


def test_export_command_writes_the_same_pack(tmp_path, plan, kasubbag, tim):
    r1, *_ = _plan_with_evidence(plan, kasubbag, tim)
    (tmp_path / "ekspor").mkdir()
    target = tmp_path / "ekspor" / "paket.zip"
    out = io.StringIO()
    call_command("export_bukti", str(plan.pk), "--output", str(target), stdout=out)
    assert "2 berkas dari 4 bukti fisik" in out.getvalue()
    zf = zipfile.ZipFile(target)
    assert zf.testzip() is None
    packed = [zf.read(n) for n in zf.namelist() if n.endswith("Notulen.pdf")]
    assert hashlib.sha256(packed[0]).hexdigest() == r1.berkas.sha256
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("export_bukti", str(plan.pk), "--output", str(target))
    call_command(
        "export_bukti",
        str(plan.pk),
        "--output",
        str(target),
        "--semua-revisi",
        "--timpa",
        stdout=io.StringIO(),
    )
    assert len(zipfile.ZipFile(target).namelist()) == 1 + 4
    assert [p.name for p in target.parent.iterdir()] == ["paket.zip"]  # no temporary left
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_bukti", "999999", "--output", str(tmp_path / "x.zip"))


def test_plan_page_query_count_is_bounded(
    client, plan, kasubbag, tim, django_assert_max_num_queries
):
    _plan_with_evidence(plan, kasubbag, tim)
    client.force_login(tim)
    url = reverse("evidence:rencana_bukti", args=[plan.pk])
    # a fixed number whatever the plan's size (the last one is the navbar's unread count)
    with django_assert_max_num_queries(13):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Notulen.pdf" in html
    assert "Foto.png" in html
    assert "Draft.docx" in html
    assert "Unduh paket bukti" in html
