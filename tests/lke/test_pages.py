"""The LKE pages as users use them: answering (type-checked, evidence, plan rows), the TPI
review and the lock, the score page with what to do next, adding plan rows, links, PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lke.linking import kemiripan, saran_tautan
from lke.models import JawabanLke, Lke, TautanLke
from plans import tree
from plans.models import LangkahAksi
from tests.lke.conftest import isi


def _url(lke, soal_id, suffix=""):
    j = lke.jawaban.get(soal__id_master=soal_id)
    return f"/lke/{lke.pk}/soal/{j.pk}/{suffix}", j


def test_answer_page_lists_every_question_with_criteria_and_plan_rows(
    client, lke, timzi, django_assert_max_num_queries
):
    TautanLke.objects.create(
        node=lke.jawaban.get(soal__id_master=1).soal.node, komponen_id=_komponen(lke, "Tim Kerja")
    )
    client.force_login(timzi)
    with django_assert_max_num_queries(20):
        response = client.get(f"/lke/{lke.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="soal-') == 127
    assert "Ya, jika Tim telah dibentuk di dalam unit kerja." in html
    assert "Tim Kerja" in html
    assert "tenggat" in html
    assert "0 dari 127 soal dijawab unit." in html


def _komponen(lke, nama):
    from plans.models import Komponen

    return Komponen.objects.get(nama=nama, **{tree.lookup("komponen", "satker"): lke.satker}).pk


def test_unit_answers_are_type_checked_and_evidence_must_be_accepted(
    client, lke, operator, diterima
):
    client.force_login(operator)
    url, j = _url(lke, 88)
    response = client.post(url, {"jawaban": "-2", "catatan": "", "versi": j.versi})
    assert response.status_code == 400
    assert "Jumlah tidak boleh negatif" in response.content.decode()
    j.refresh_from_db()
    assert j.jawaban_unit == ""
    assert j.versi == 1
    response = client.post(
        url, {"jawaban": "12", "catatan": "SK agen perubahan", "versi": 1, "bukti": [diterima.pk]}
    )
    assert response.status_code == 302
    j.refresh_from_db()
    assert (j.jawaban_unit, j.catatan_unit, list(j.bukti.all())) == (
        "12",
        "SK agen perubahan",
        [diterima],
    )
    # A stale form (version 1 again) is refused with 409, nothing overwritten.
    response = client.post(url, {"jawaban": "3", "catatan": "", "versi": 1})
    assert response.status_code == 409
    j.refresh_from_db()
    assert j.jawaban_unit == "12"
    # The choice of a choice question is limited to the scheme.
    url, j = _url(lke, 2)
    assert client.post(url, {"jawaban": "D", "versi": 1}).status_code == 400


def test_evidence_of_another_satker_cannot_be_attached(client, lke, operator, member):
    from evidence.services import unggahan_verify
    from tests.evidence import files
    from tests.evidence.conftest import bukti_of, upload_service
    from tests.factories import make_plan

    other = make_plan(satker_kode="3376", areas=1, komponen_per_area=1, indikator_per_komponen=1)
    tegal = member("tim_zi", "3376")
    [u] = upload_service(bukti_of(other)[0], tegal, ("lain.pdf", files.pdf("lain")), periode=None)
    unggahan_verify(unggahan=u, user=tegal, status="diterima")
    client.force_login(operator)
    url, j = _url(lke, 1)
    response = client.post(url, {"jawaban": "Ya", "versi": 1, "bukti": [u.pk]})
    assert response.status_code == 400  # not a choice offered
    assert not j.bukti.exists()


def test_submit_locks_the_unit_the_tpi_answers_and_finalises(
    client, lke, timzi, operator, reviewer
):
    isi(lke)
    client.force_login(operator)
    assert client.post(f"/lke/{lke.pk}/status/ajukan/", {"versi": lke.versi}).status_code == 403
    client.force_login(timzi)
    client.post(f"/lke/{lke.pk}/status/ajukan/", {"versi": lke.versi})
    lke.refresh_from_db()
    assert (lke.status, lke.pengajuan) == (Lke.Status.DIAJUKAN, 1)
    url, j = _url(lke, 1)
    assert client.post(url, {"jawaban": "Tidak", "versi": j.versi}).status_code == 403
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    assert "Jawaban TPI" in page
    assert (
        client.post(
            url, {"jawaban": "Tidak", "catatan": "SK belum ditandatangani", "versi": j.versi}
        ).status_code
        == 302
    )
    j.refresh_from_db()
    assert (j.jawaban_unit, j.jawaban_tpi, j.catatan_tpi) == (
        "Ya",
        "Tidak",
        "SK belum ditandatangani",
    )
    skor = client.get(f"/lke/{lke.pk}/skor/").content.decode()
    assert "85,84" in skor  # the unit's total, beside the TPI's
    confirm = client.get(f"/lke/{lke.pk}/status/finalkan/").content.decode()
    assert "Finalkan penilaian TPI?" in confirm
    assert f'value="{lke.versi}"' in confirm
    lke.refresh_from_db()
    assert lke.status == Lke.Status.DIAJUKAN  # asking changes nothing
    client.post(f"/lke/{lke.pk}/status/finalkan/", {"versi": lke.versi})
    lke.refresh_from_db()
    assert lke.status == Lke.Status.FINAL
    assert client.post(url, {"jawaban": "Ya", "versi": j.versi}).status_code == 302
    j.refresh_from_db()
    assert j.jawaban_tpi == "Tidak"  # final: nothing changes
    history = client.get(f"/lke/{lke.pk}/riwayat/").content.decode()
    assert reviewer.username in history  # who gave the TPI answer
    # The unit's answer and the TPI's are both kept in the history (created rows are bulk).
    assert list(JawabanLke.history.filter(id=j.pk).values_list("jawaban_unit", "jawaban_tpi")) == [
        ("Ya", "Tidak"),
        ("Ya", ""),
    ]


def test_score_page_lists_what_to_do_next_per_failed_threshold(client, lke, timzi):
    isi(lke)
    client.force_login(timzi)
    response = client.get(f"/lke/{lke.pk}/skor/?kategori=wbbm")
    html = response.content.decode()
    assert response.status_code == 200
    # WBBM fails only on Pelayanan Publik yang Prima (14.875 < 15.75): its only lever is soal
    # 127, gain 3.4 → 4: (0.6/4) × 17.5 = 2.625.
    assert "Pelayanan Publik yang Prima</strong> — kurang 0,88 poin" in html
    assert "+2,63" in html
    assert "Soal 127" in html
    wbk = client.get(f"/lke/{lke.pk}/skor/").content.decode()
    assert "Semua syarat WBK terpenuhi" in wbk


def test_add_to_the_plan_creates_draft_rows_and_links_the_sub_area(client, lke, timzi, rencana):
    client.force_login(timzi)
    url, j = _url(lke, 3, "rencana/")
    from plans.models import Indikator

    indikator = Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): rencana}).first()
    assert client.get(url).status_code == 200
    response = client.post(url, {"indikator": indikator.pk})
    assert response.status_code == 302
    langkah = LangkahAksi.objects.get(
        indikator=indikator, nama__startswith="Memenuhi kriteria LKE soal 3"
    )
    assert langkah.bukti_fisik.get().target_waktu == "Desember 2026"
    assert TautanLke.objects.filter(node=j.soal.node, indikator=indikator).exists()
    tab = client.get(f"/lke/rencana/{rencana.pk}/").content.decode()
    assert "Soal 3:" in tab


def test_link_suggestions_come_from_the_names(client, lke, timzi):
    assert kemiripan("i. Penyusunan Tim Kerja", "Tim Kerja") == 1.0
    assert kemiripan("iii. Keterbukaan Informasi Publik", "Tim Kerja") < 0.6
    suggested = {(s.node.nama, s.komponen.nama) for s in saran_tautan(lke)}
    assert ("i. Penyusunan Tim Kerja", "Tim Kerja") in suggested
    assert (
        "ii. Rencana Pembangunan Zona Integritas",
        "Rencana Pembangunan Zona Integritas",
    ) in suggested
    client.force_login(timzi)
    client.post(f"/lke/{lke.pk}/tautan/", {"saran_semua": "1"})
    assert TautanLke.objects.count() == len(suggested)
    assert saran_tautan(lke) == []


def test_pdf_summary_has_the_scores_and_verdicts(client, lke, timzi):
    isi(lke)
    client.force_login(timzi)
    response = client.get(f"/lke/{lke.pk}/pdf/?kertas=f4")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "RINGKASAN LEMBAR KERJA EVALUASI ZONA INTEGRITAS" in text
    assert "85,84" in text
    assert "Pelayanan Publik yang Prima" in text
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (215, 330)


@pytest.mark.parametrize("role", ["kasubbag", "reviewer_provinsi"])
def test_readers_cannot_answer(client, lke, member, role):
    user = member(role, "3319" if role == "kasubbag" else "33")
    client.force_login(user)
    url, _j = _url(lke, 1)
    assert client.get(url).status_code == 200
    assert client.post(url, {"jawaban": "Ya", "versi": 1}).status_code == 403


def test_workbook_upload_previews_then_saves_only_on_confirmation(client, lke, operator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lke.workbook import workbook_ekspor
    from tests.lke.test_workbook_and_commands import _edit

    data = _edit(
        workbook_ekspor(lke=lke, base_url="http://testserver/"), Jawaban__K6="Ya", Jawaban__K7="c"
    )
    client.force_login(operator)
    url = f"/lke/{lke.pk}/xlsx/impor/"
    response = client.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", data), "penilai": "unit"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 jawaban akan diubah, 125 tidak berubah." in html
    assert lke.jawaban.get(soal__id_master=1).jawaban_unit == ""  # preview writes nothing
    sha = html.split('name="sha" value="')[1].split('"')[0]
    assert client.post(url, {"langkah": "simpan", "sha": sha}).status_code == 302
    assert (
        lke.jawaban.get(soal__id_master=1).jawaban_unit,
        lke.jawaban.get(soal__id_master=2).jawaban_unit,
    ) == ("Ya", "C")
    # The same workbook again is stale now (answers changed since it was downloaded).
    response = client.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", data), "penilai": "unit"})
    assert "telah diubah sejak lembar kerja diunduh" in response.content.decode()
    # A fresh workbook with a bad cell is refused with the cell named, and no confirm button.
    bad = _edit(workbook_ekspor(lke=lke, base_url="http://testserver/"), Jawaban__K9="Mungkin")
    response = client.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", bad), "penilai": "unit"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Sel K9:" in html
    assert 'name="langkah"' not in html


def test_score_page_query_count_is_bounded(client, lke, timzi, django_assert_max_num_queries):
    isi(lke)
    client.force_login(timzi)
    with django_assert_max_num_queries(20):
        assert client.get(f"/lke/{lke.pk}/skor/?kategori=wbbm").status_code == 200
