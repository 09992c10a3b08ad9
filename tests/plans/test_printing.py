"""The shared print machinery (``zona_integritas.printing``) and the SK report's building blocks."""

from __future__ import annotations

import datetime
import io

import pytest
from django.template import Context, Template
from pypdf import PdfReader

from plans import tree
from plans.reports.sk import SkReport, butir_list, diktum_list, nomor_label
from tests.factories import RencanaAksiFactory, make_plan, satker
from tests.plans.sk_support import PdfText, squash
from zona_integritas import printing
from zona_integritas.pdf_fetcher import StaticFilesFetcher
from zona_integritas.printing import PrintResourceRefused, format_tanggal, html_to_pdf

# -- the URL fetcher ---------------------------------------------------------------------------


def test_fetcher_serves_static_files_from_disk():
    response = StaticFilesFetcher().fetch(printing.BASE_URL + "static/print/cetak.css")
    body = response.read()
    assert b"@page" in body
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/static/print/cetak.css",
        "file:///etc/passwd",
        printing.BASE_URL + "etc/passwd",
        printing.BASE_URL + "static/../zona_integritas/settings.py",
        printing.BASE_URL + "static/print/%2e%2e/%2e%2e/manage.py",
        printing.BASE_URL + "static/print/tidak-ada.css",
        "ftp://example.com/x",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises((PrintResourceRefused, ValueError)):
        StaticFilesFetcher().fetch(url)


def test_a_remote_image_is_left_out_and_the_pdf_still_renders(caplog):
    html = '<p>Teks</p><img src="http://203.0.113.1/x.png"><img src="file:///etc/hostname">'
    pdf = html_to_pdf(html, pdf_variant=None)
    assert PdfText.from_bytes(pdf).full == "Teks"
    assert "ditolak" in caplog.text


# -- dates, numerals, consideranda -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2022, 2, 8), "8 Februari 2022"),
        (datetime.date(2022, 5, 13), "13 Mei 2022"),
        (datetime.date(2021, 12, 31), "31 Desember 2021"),
        (None, ""),
    ],
)
def test_format_tanggal_is_indonesian_whatever_the_active_language(value, expected):
    from django.utils import translation

    with translation.override("en"):
        assert format_tanggal(value) == expected


def test_tanggal_datetime_uses_jakarta_day():
    # 20:00 UTC on 7 February is 03:00 on 8 February in Asia/Jakarta (UTC+7)
    value = datetime.datetime(2022, 2, 7, 20, 0, tzinfo=datetime.UTC)
    assert format_tanggal(value) == "8 Februari 2022"


def test_template_filters():
    template = Template("{% load cetak %}{{ d|tanggal_indonesia }}|{{ 6|romawi }}|{{ 14|romawi }}")
    assert template.render(Context({"d": datetime.date(2022, 4, 13)})) == "13 April 2022|VI|XIV"


def test_butir_list_numbers_and_drops_markers_already_typed():
    items = ["a. bahwa satu", "bahwa dua", "  ", "c) bahwa tiga"]
    assert [(b.penanda, b.isi) for b in butir_list(items, style="huruf")] == [
        ("a.", "bahwa satu"),
        ("b.", "bahwa dua"),
        ("c.", "bahwa tiga"),
    ]
    assert [b.penanda for b in butir_list(["1. UU", "2. PP"], style="angka")] == ["1.", "2."]


def test_single_memperhatikan_has_no_number():
    assert [
        (b.penanda, b.isi) for b in butir_list(["Surat KPU"], style="angka", number_single=False)
    ] == [("", "Surat KPU")]


@pytest.mark.parametrize(
    ("nomor", "expected"),
    [
        ("11/HK.03.1/3319/2022", "NOMOR: 11/HK.03.1/3319/2022"),
        ("19 TAHUN 2022", "NOMOR 19 TAHUN 2022"),
        ("", "NOMOR: …………………"),
    ],
)
def test_nomor_label_follows_the_two_numbering_styles(nomor, expected):
    assert nomor_label(nomor) == expected


@pytest.mark.django_db
def test_default_diktum_when_the_plan_has_none():
    rencana = RencanaAksiFactory(diktum=[])
    labels = [b.penanda for b in diktum_list(rencana, "Rencana Aksi")]
    assert labels == ["KESATU", "KEDUA"]
    rencana.diktum = [{"label": "", "isi": "satu"}, {"label": "KETIGA", "isi": "dua"}]
    assert [b.penanda for b in diktum_list(rencana, "x")] == ["KESATU", "KETIGA"]


# -- the SK report -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_draft_without_number_and_date_prints_blanks_and_satker_defaults():
    kudus = satker("3319")
    kudus.kota_penetapan = "Kudus"
    kudus.ketua_nama = "Ketua Dari Satker"
    kudus.pejabat_salinan_nama = "Pejabat Dari Satker"
    kudus.save()
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1, sk_nomor="")
    text = squash(SkReport().render(rencana=rencana, html_only=True).content.decode())
    assert "NOMOR: …………………" in text
    assert "pada tanggal</td><td>………………… 2022" in text.replace("> <", "><")
    assert "Ditetapkan di</td><td>Kudus" in text.replace("> <", "><")
    assert "Ketua Dari Satker" in text
    # The certifying official signs only a copy; the satker's default fills it there.
    assert "Pejabat Dari Satker" not in text
    copy = SkReport().render(rencana=rencana, salinan=True, html_only=True).content.decode()
    assert "Pejabat Dari Satker" in copy


@pytest.mark.django_db
def test_narrative_chapters_come_before_the_table_on_portrait_pages():
    rencana = make_plan(
        areas=1,
        komponen_per_area=1,
        indikator_per_komponen=1,
        bab_lampiran=[
            {"judul": "1. PENDAHULUAN", "isi": "Paragraf pertama.\n\nParagraf kedua."},
            {"judul": "2. Dasar Hukum", "isi": "Undang-Undang Nomor 28 Tahun 1999."},
        ],
    )
    pdf = PdfText.from_bytes(SkReport().render(rencana=rencana).content)
    first_table_page = pdf.landscape_pages()[0]
    narrative = squash(" ".join(pdf.pages[:first_table_page]))
    assert "1. PENDAHULUAN Paragraf pertama. Paragraf kedua. 2. Dasar Hukum" in narrative
    assert "NO KOMPONEN" in squash(pdf.pages[first_table_page])


@pytest.mark.django_db
def test_a_row_taller_than_the_space_left_loses_no_text():
    rencana = make_plan(areas=1, komponen_per_area=2, indikator_per_komponen=6)
    from plans.models import BuktiFisik

    long_text = " ".join(f"kata{n}" for n in range(900))
    bukti = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).order_by("pk")[
        5
    ]
    bukti.nama = long_text
    bukti.save()
    pdf = PdfText.from_bytes(SkReport().render(rencana=rencana).content)
    words = pdf.full.split()
    assert [w for w in words if w.startswith("kata")] == long_text.split()


@pytest.mark.django_db
def test_consideranda_keep_a_hanging_indent_when_items_wrap():
    """Wrapped lines of a Menimbang item all start at its text column, right of the marker.

    The marker column sits between the label and the text: a Menetapkan line (no marker)
    wraps to the left of where a Menimbang item wraps.
    """
    long = "bahwa " + "pembangunan zona integritas " * 20
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1, menimbang=[long])
    reader = PdfReader(io.BytesIO(SkReport().render(rencana=rencana).content))
    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((round(tm[4], 1), text.strip()))

    reader.pages[0].extract_text(visitor_text=visit)
    first = next(i for i, (_x, t) in enumerate(runs) if t.startswith("Menimbang : a. bahwa"))
    label_x = runs[first][0]
    wrapped = []
    for x, text in runs[first + 1 :]:
        if not text.startswith(("integritas", "pembangunan", "zona")):
            break
        wrapped.append(x)
    assert len(wrapped) >= 5
    assert len(set(wrapped)) == 1, f"wrapped lines do not align: {wrapped}"
    menetapkan = next(i for i, (_x, t) in enumerate(runs) if t.startswith("Menetapkan :"))
    menetapkan_wrap_x = runs[menetapkan + 1][0]
    assert label_x < menetapkan_wrap_x < wrapped[0]


@pytest.mark.django_db
def test_pdf_is_pdf_a_with_every_font_embedded():
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    content = SkReport().render(rencana=rencana).content
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp
    assert b'pdfaid:conformance="B"' in xmp
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())


@pytest.mark.django_db
def test_render_uses_the_cache_and_drops_older_versions(settings, monkeypatch):
    calls = []
    real = printing.html_to_pdf
    monkeypatch.setattr(
        printing, "html_to_pdf", lambda html, **kw: calls.append(1) or real(html, **kw)
    )
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    report = SkReport()
    first = report.render(rencana=rencana)
    assert report.render(rencana=rencana) == first
    assert len(calls) == 1
    cache = printing.cache_dir()
    assert len(list(cache.glob(f"sk-{rencana.pk}-f4-zi-0-*.pdf"))) == 1
    rencana.judul = "Judul baru"
    rencana.save()
    report.render(rencana=rencana)
    assert len(calls) == 2
    # the older version of the same document and options is gone, nothing else left behind
    assert len(list(cache.glob(f"sk-{rencana.pk}-f4-zi-0-*.pdf"))) == 1
    assert not list(cache.glob(".tmp-*"))


@pytest.mark.django_db
def test_html_only_mode_returns_utf8_html():
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    filename, content_type, content = SkReport().render(rencana=rencana, html_only=True)
    assert filename == "SK-ZI-2022-kpu-kabupaten-kudus.html"
    assert content_type == "text/html; charset=utf-8"
    assert content.decode().startswith("<!doctype html>")


@pytest.mark.django_db
def test_unknown_paper_or_layout_raises_value_error():
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    with pytest.raises(ValueError, match="kertas"):
        SkReport().render(rencana=rencana, kertas="a3")
    with pytest.raises(ValueError, match="Tata letak"):
        SkReport().render(rencana=rencana, tata_letak="lain")


def test_narrative_lines_become_paragraphs_and_nested_list_items():
    from plans.reports.sk import bab_blocks

    blocks = bab_blocks(
        "Paragraf pembuka.\na. butir satu;\n1) anak butir;\n\n- tanda pisah\nPenutup."
    )
    assert [(b.penanda, b.isi, b.tingkat) for b in blocks] == [
        ("", "Paragraf pembuka.", 0),
        ("a.", "butir satu;", 1),
        ("1)", "anak butir;", 2),
        ("-", "tanda pisah", 2),
        ("", "Penutup.", 0),
    ]


@pytest.mark.django_db
def test_version_follows_every_printed_change_and_only_those():
    from plans.models import BuktiFisik

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)
    report = SkReport()

    def version(**options) -> str:
        fresh = type(rencana).objects.select_related("satker", "kerangka").get(pk=rencana.pk)
        return report.prepare(rencana=fresh, **options).version

    first = version()
    assert version() == first
    assert version(salinan=True) != first
    assert version(tata_letak="rb") != first

    kudus = satker("3319")
    kudus.ketua_nama = "Nama Ketua Baru"  # a satker default the SK falls back to
    kudus.save()
    second = version()
    assert second != first

    bukti = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).first()
    bukti.target_waktu = "Desember 2022"
    bukti.save()
    third = version()
    assert third != second

    bukti.diarsipkan = True
    bukti.save()
    assert version() != third


@pytest.mark.django_db
def test_prepare_renders_no_template_when_the_report_has_a_fingerprint(monkeypatch):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    report = SkReport()
    monkeypatch.setattr(report, "render_html", lambda **kw: pytest.fail("template rendered"))
    job = report.prepare(rencana=rencana)
    assert len(job.version) == 64
