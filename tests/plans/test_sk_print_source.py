"""The SK printed as its source: original or SALINAN, no lonely signature or diktum label,
chapter headings and lists, RB sub kegiatan spanning its rows, and data a layout has no column
for shown another way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plans.models import RencanaAksi
from plans.reports import SkReport
from plans.reports.sk import bab_blocks, waktu_dari_bulan
from plans.services.importing import lampiran_import
from plans.target_waktu import parse_target_waktu
from tests.plans.sk_support import PdfText, import_sample, squash

pytestmark = pytest.mark.django_db

RB_BOYOLALI = Path(__file__).parent / "data" / "lampiran" / "rb-boyolali-2023.txt"
TABLE_ONLY = (
    "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU\n"
    "1\t2\t3\t4\t5\t6\n"
    "I\tMANAJEMEN PERUBAHAN\t\t\t\t\n"
    "1\tTim Kerja\tSK Tim Kerja\tMenyusun SK\tSK Tim Kerja ZI\tJanuari 2022\n"
)


def html(rencana, **options) -> str:
    _name, _type, content = SkReport().render(rencana=rencana, html_only=True, **options)
    return content.decode() if isinstance(content, bytes) else content


def test_import_stores_whether_the_document_is_a_copy(sample_text):
    kudus = import_sample(sample_text, "kudus")
    assert kudus.dokumen_salinan is True
    original, _ = lampiran_import(text=TABLE_ONLY, satker="3376", tahun=2022)
    assert original.dokumen_salinan is False


def test_prints_as_its_source_by_default(sample_text):
    copy = import_sample(sample_text, "tegal")
    page = html(copy)
    assert "penanda-salinan" in page
    assert "ttd." in page
    assert "Salinan sesuai dengan aslinya" in page
    original, _ = lampiran_import(text=TABLE_ONLY, satker="3319", tahun=2022)
    plain = html(RencanaAksi.objects.select_related("satker", "kerangka").get(pk=original.pk))
    assert "penanda-salinan" not in plain
    assert "ttd." not in plain
    assert "Salinan sesuai dengan aslinya" not in plain
    # The user may still choose either way.
    assert "Salinan sesuai dengan aslinya" not in html(copy, salinan=False)


def test_print_view_defaults_to_the_source_and_offers_both(client, member, sample_text):
    rencana = import_sample(sample_text, "kudus")
    client.force_login(member("tim_zi", "3319"))
    detail = client.get(f"/rencana/{rencana.pk}/").text
    assert re.search(r'name="salinan" value="1"[^>]*checked', detail)
    page = client.get(f"/rencana/{rencana.pk}/cetak/", {"html": "1"}).text
    assert "penanda-salinan" in page
    asli = client.get(f"/rencana/{rencana.pk}/cetak/", {"html": "1", "salinan": "0"}).text
    assert "penanda-salinan" not in asli


@pytest.mark.parametrize("name", ["kudus", "tegal", "karanganyar"])
def test_signature_never_alone_and_no_diktum_label_at_a_page_foot(sample_text, name):
    rencana = import_sample(sample_text, name)
    _name, _type, content = SkReport().render(rencana=rencana)
    pdf = PdfText.from_bytes(content)
    last_diktum = squash(rencana.diktum[-1]["isi"])[:40]
    signature_page = next(i for i, page in enumerate(pdf.pages) if "Ditetapkan di" in page)
    # The decree text (its last diktum) is on the page of the chairman's signature.
    assert last_diktum in squash(pdf.pages[signature_page])
    for page in pdf.pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Halaman ")]
        assert not re.fullmatch(r"(KE[A-Z ]+|KESATU)\s*:?", body[-1]), body[-1]


def test_rb_sub_kegiatan_spans_its_indikator_rows():
    rencana, _ = lampiran_import(text=RB_BOYOLALI.read_text(encoding="utf-8"), tahun=2023)
    rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(pk=rencana.pk)
    page = html(rencana, tata_letak="rb")
    # Two indikator keberhasilan under one sub kegiatan: one cell, spanning both rows.
    assert page.count(">Penyusunan Tim Reformasi Birokrasi</td>") == 1
    assert re.search(r'<td rowspan="2">Penyusunan Tim Reformasi Birokrasi</td>', page)


def test_monthly_plan_in_six_column_layout_keeps_months_and_penanggung_jawab(sample_text):
    rencana = import_sample(sample_text, "karanganyar")
    page = html(rencana, tata_letak="zi")
    assert "<th>PENANGGUNG JAWAB</th>" in page
    assert "Tim Manajemen" in page
    # The ✓ months became target waktu text.
    assert "<td>Mei 2022</td>" in page
    assert "<td>Juni-Juli 2022</td>" in page


@pytest.mark.parametrize(
    "bulan", [[5], [6, 7], [1, 2, 3, 6], [5, 7, 10, 11], list(range(1, 13)), [3, 6, 9, 12]]
)
def test_months_written_as_target_waktu_read_back_the_same(bulan):
    label = waktu_dari_bulan(bulan, 2022)
    read = parse_target_waktu(label)
    assert read.terbaca
    assert list(read.bulan) == sorted(bulan)
    assert read.tahun == 2022


def test_chapter_headings_stand_alone_and_lists_stay_lists():
    blocks = bab_blocks("BAB III\nPENUTUP\nDemikian rencana ini.\nA. Umum\n(1) rinci\n(a) sub")
    assert [(b.judul, b.penanda, b.tingkat) for b in blocks] == [
        (True, "", 0),
        (True, "", 0),
        (False, "", 0),
        (False, "A.", 1),
        (False, "(1)", 2),
        (False, "(a)", 2),
    ]


def _plan(kind, sample_text):
    if kind == "rb":
        rencana, _ = lampiran_import(text=RB_BOYOLALI.read_text(encoding="utf-8"), tahun=2023)
        return RencanaAksi.objects.select_related("satker", "kerangka").get(pk=rencana.pk)
    return import_sample(sample_text, kind)


@pytest.mark.parametrize("tata_letak", ["zi", "zi_bulanan", "rb"])
@pytest.mark.parametrize("kind", ["kudus", "karanganyar", "rb"])
def test_no_layout_drops_data_of_any_plan(sample_text, kind, tata_letak):
    """Every text of the plan (komponen, indikator, langkah aksi, bukti fisik, penanggung jawab,
    target waktu or its months) is in the print, whatever the layout."""
    from django.utils.html import escape

    from plans.selectors import lampiran_table, rencana_tree

    rencana = _plan(kind, sample_text)
    page = " ".join(html(rencana, tata_letak=tata_letak).split())
    texts = set()
    for at in lampiran_table(rencana_tree(rencana=rencana)):
        texts.add(at.area.nomor)
        for b in at.baris:
            texts |= {b.komponen.nama if b.komponen else "", b.penanggung_jawab or ""}
            texts |= {b.indikator.nama if b.indikator else "", b.langkah.nama if b.langkah else ""}
            if b.bukti:
                texts |= {b.bukti.nama, b.bukti.target_waktu}
    missing = [t for t in texts if t.strip() and escape(" ".join(t.split())) not in page]
    assert missing == [], f"{kind} printed as {tata_letak} drops {missing[:5]}"


def _kepala(page: str) -> str:
    start = page.index('<div class="kepala-lampiran">')
    return " ".join(page[start : page.index("</div>", start)].split())


def test_lampiran_heading_printed_as_the_source_has_it(sample_text):
    text = sample_text("tegal").replace(
        " NOMOR: 5/2022  \n TENTANG  \n RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS DI  \n"
        " LINGKUNGAN KOMISI PEMILIHAN UMUM KOTA TEGAL\n",
        " NOMOR: 5/LAMP/2022\n TANGGAL : 14 April 2022\n TENTANG RENCANA AKSI ZI\n",
        1,
    )
    rencana = import_sample(lambda _name: text, "tegal")
    assert (rencana.lampiran_nomor, rencana.lampiran_tanggal, rencana.lampiran_tentang) == (
        "5/LAMP/2022", "14 April 2022", "RENCANA AKSI ZI",
    )  # fmt: skip
    kepala = _kepala(html(rencana))
    assert "<p>NOMOR: 5/LAMP/2022</p>" in kepala
    assert "<p>TANGGAL: 14 April 2022</p>" in kepala
    assert '<p class="tentang">RENCANA AKSI ZI</p>' in kepala


def test_lampiran_heading_without_its_own_data_prints_the_sks(sample_text):
    rencana = import_sample(sample_text, "tegal")
    rencana.lampiran_nomor = rencana.lampiran_tentang = ""
    kepala = _kepala(html(rencana))
    assert "<p>NOMOR: 5/2022</p>" in kepala
    assert "<p>TANGGAL: 13 April 2022</p>" in kepala
    assert f'<p class="tentang">{" ".join(rencana.judul.split()).upper()}</p>' in kepala
