"""The SK with its Lampiran as PDF, checked by extracting the PDF's text.

Each seed document is imported through the real importer, printed, and read back with pypdf.
"""

from __future__ import annotations

import pytest

from plans import tree
from plans.models import BuktiFisik
from plans.reports import SkReport
from tests.plans.sk_support import (
    A4_PT,
    F4_PT,
    PdfText,
    expected_cells,
    import_sample,
    missing_in_order,
    squash,
)

SAMPLES = ["kudus", "tegal", "karanganyar"]

# Each test renders an SK with WeasyPrint (seconds each).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def render(rencana, **options) -> PdfText:
    _filename, content_type, content = SkReport().render(rencana=rencana, **options)
    assert content_type == "application/pdf"
    return PdfText.from_bytes(content)


@pytest.fixture
def printed(sample_text):
    """``printed(name, **options) -> (rencana, PdfText)`` for a seed document."""

    def make(name: str, **options):
        rencana = import_sample(sample_text, name)
        return rencana, render(rencana, **options)

    return make


@pytest.mark.parametrize("name", SAMPLES)
def test_every_row_text_is_printed_in_order(printed, name):
    rencana, pdf = printed(name)
    cells = expected_cells(rencana, rencana.format_lampiran)
    assert len(cells) > 100, "the sample should have been imported with its rows"
    assert missing_in_order(pdf.full, cells) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_table_header_and_numbering_row_repeat_on_every_lampiran_page(printed, name):
    rencana, pdf = printed(name)
    table_pages = pdf.landscape_pages()
    assert len(table_pages) >= 3
    # the table pages come last, one run, after the portrait decree pages
    assert table_pages == list(range(table_pages[0], len(pdf.pages)))
    if rencana.format_lampiran == "zi_bulanan":
        header = "NO KOMPONEN INDIKATOR LANGKAH AKSI BUKTI FISIK PELAKSANAAN BULAN PENANGGUNG JAWAB"
        numbering = "1 2 3 4 5 6 7 8 9 10 11 12 1 2 3 4 5 6 7"
    else:
        header = "NO KOMPONEN INDIKATOR LANGKAH AKSI BUKTI FISIK TARGET WAKTU"
        numbering = "1 2 3 4 5 6"
    # the closing signature never stands alone: the last rows move with it (header included)
    for index in table_pages:
        text = squash(pdf.pages[index])
        assert header in text, f"page {index + 1} lacks the table header"
        assert numbering in text, f"page {index + 1} lacks the numbering row"


@pytest.mark.parametrize("name", SAMPLES)
def test_decree_shows_number_title_place_date_and_both_signatories(printed, name):
    rencana, pdf = printed(name)
    decree, separator, lampiran = pdf.full.partition("LAMPIRAN KEPUTUSAN")
    assert separator, "the lampiran header is missing"
    lembaga = rencana.satker.nama_lembaga
    expected = [
        lembaga,
        f"KEPUTUSAN {lembaga}",
        rencana.sk_nomor,
        "TENTANG",
        squash(rencana.judul).upper(),
        f"KETUA {lembaga},",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN:",
        "Menetapkan",
        "KESATU",
        f"Ditetapkan di {rencana.sk_tempat}",
        "pada tanggal "
        + {"kudus": "8 Februari 2022", "tegal": "13 April 2022"}.get(name, "13 Mei 2022"),
        rencana.ketua_nama.upper(),
        "Salinan sesuai dengan aslinya",
        f"SEKRETARIAT {lembaga}",
        rencana.pejabat_salinan_jabatan or rencana.satker.pejabat_salinan_jabatan,
        rencana.pejabat_salinan_nama,
    ]
    assert missing_in_order(decree, expected) == []
    # the lampiran repeats its header and ends with the same signatures
    assert missing_in_order(lampiran, [lembaga, rencana.sk_nomor, "TENTANG"]) == []
    last_page = squash(pdf.pages[-1])
    assert (
        missing_in_order(
            last_page,
            [
                f"Ditetapkan di {rencana.sk_tempat}",
                rencana.ketua_nama.upper(),
                rencana.pejabat_salinan_nama,
            ],
        )
        == []
    )


@pytest.mark.parametrize("name", SAMPLES)
def test_pages_are_numbered_x_of_y(printed, name):
    _rencana, pdf = printed(name)
    total = len(pdf.pages)
    for number, text in enumerate(pdf.pages, start=1):
        assert f"Halaman {number} dari {total}" in squash(text)


def test_paper_is_f4_by_default_decree_portrait_table_landscape(printed):
    _rencana, pdf = printed("tegal")
    width, height = F4_PT
    for index, (w, h) in enumerate(pdf.sizes):
        if index in pdf.landscape_pages():
            assert (w, h) == pytest.approx((height, width), abs=0.5)
        else:
            assert (w, h) == pytest.approx((width, height), abs=0.5)
    assert pdf.sizes[0] == pytest.approx((609.4, 935.4), abs=0.1)


def test_paper_a4_when_asked(printed):
    _rencana, pdf = printed("tegal", kertas="a4")
    width, height = A4_PT
    assert pdf.sizes[0] == pytest.approx((width, height), abs=0.5)
    assert pdf.sizes[-1] == pytest.approx((height, width), abs=0.5)


def test_monthly_layout_ticks_exactly_the_planned_months(printed):
    rencana, pdf = printed("kudus", tata_letak="zi_bulanan")
    cells = expected_cells(rencana, "zi_bulanan")
    assert missing_in_order(pdf.full, cells) == []
    planned = sum(
        len(b.bulan)
        for b in BuktiFisik.objects.filter(
            **{tree.lookup("bukti", "rencana"): rencana}, diarsipkan=False
        )
    )
    assert planned > 0
    assert pdf.full.count("✓") == planned


def test_rb_layout_prints_area_sub_kegiatan_indikator_and_waktu(printed):
    rencana, pdf = printed("tegal", tata_letak="rb")
    text = pdf.full
    # A ZI plan in the RB layout keeps its komponen and bukti fisik in columns of their own.
    assert (
        "No. Area Perubahan Komponen Sub Kegiatan Indikator Keberhasilan Bukti Fisik Waktu" in text
    )
    assert missing_in_order(text, expected_cells(rencana, "rb")) == []


def test_salinan_marker_ttd_and_certification_only_on_a_copy(printed, sample_text):
    # The Kudus SK is a certified copy: printed as one by default.
    rencana, copy = printed("kudus")
    assert rencana.dokumen_salinan
    assert squash(copy.pages[0]).startswith("SALINAN")
    assert "ttd." in copy.full
    assert "Salinan sesuai dengan aslinya" in copy.full
    original = render(rencana, salinan=False)
    assert "SALINAN" not in original.full
    assert "ttd." not in original.full
    assert "Salinan sesuai dengan aslinya" not in original.full
