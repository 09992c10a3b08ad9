"""SKs as offices hold them: each sample imports from .txt, Word and LibreOffice's PDF alike.

The .docx fixtures were typed with python-docx as a Word user types an SK (real tables, merged
cells, repeated header rows, a ✓ grid) and the PDFs printed from them by LibreOffice
(``scripts/make_test_documents.py``); the text files are the sample SKs themselves.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from plans import tree
from plans.documents import detect_format, extract, read_document
from plans.lampiran import LampiranError, parse_lampiran
from plans.models import BuktiFisik, RencanaAksi
from plans.services.importing import lampiran_import
from tests.conftest import SAMPLES
from tests.plans.document_support import DOCUMENTS, plan_content

NAMES = ["kudus", "tegal", "karanganyar"]
SK_FIELDS = ("nomor", "tentang", "tanggal", "tempat", "ketua", "pejabat_salinan", "tahun",
             "satker_jenis", "satker_wilayah", "menimbang", "mengingat", "diktum")  # fmt: skip


@pytest.fixture(scope="module")
def parsed():
    """``parsed(name, ext)``: the parse of a sample file, memoised (a PDF takes seconds)."""
    cache = {}

    def get(name: str, ext: str):
        if (name, ext) not in cache:
            path = SAMPLES[name] if ext == "txt" else DOCUMENTS / f"{name}.{ext}"
            cache[(name, ext)] = read_document(path.read_bytes())
        return cache[(name, ext)]

    return get


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_word_and_pdf_give_the_same_plan_as_the_text(parsed, name, ext):
    text, other = parsed(name, "txt"), parsed(name, ext)
    assert other.sumber_format == ext
    assert text.sumber_format == "txt"
    assert other.format == text.format
    assert other.counts() == text.counts()
    assert plan_content(other, from_pdf=ext == "pdf") == plan_content(text, from_pdf=ext == "pdf")
    for field in SK_FIELDS:
        assert getattr(other.sk, field) == getattr(text.sk, field), field


def test_the_text_reader_is_the_parser_unchanged():
    data = SAMPLES["kudus"].read_bytes()
    assert plan_content(read_document(data)) == plan_content(parse_lampiran(data.decode()))


@pytest.mark.parametrize("name", NAMES)
def test_word_warnings_name_the_table_row_and_pdf_warnings_the_page(parsed, name):
    docx, pdf = parsed(name, "docx"), parsed(name, "pdf")
    assert docx.warnings
    assert pdf.warnings
    assert all(w.lokasi.startswith(("tabel 1, baris ", "paragraf ")) for w in docx.warnings)
    assert all(w.lokasi.startswith("halaman ") for w in pdf.warnings)
    # the place is where that row is: the first leaf of the table is on table row 4 or 5
    # (header rows, numbering row, the first area row) and on the lampiran's first table page
    assert docx.tempat(docx.rows[0].line) in ("tabel 1, baris 4", "tabel 1, baris 5")
    assert pdf.tempat(pdf.rows[0].line).endswith(("baris tabel 4", "baris tabel 5"))


def test_pdf_rows_cut_by_a_page_break_are_joined_back(parsed):
    kudus = parsed("kudus", "pdf")
    joined = [w for w in kudus.warnings if "terpotong pergantian halaman" in w.message]
    assert joined, "LibreOffice splits some rows of the Kudus table across pages"
    assert all(w.lokasi.endswith("baris tabel 3") for w in joined)  # after the 2 header rows
    assert len(kudus.rows) == len(parsed("kudus", "txt").rows)


def test_a_table_without_lines_is_read_from_the_text_positions(parsed):
    # The Kudus SK printed with its table's borders left out: the same plan as the ruled PDF.
    unruled = read_document((DOCUMENTS / "kudus-tanpa-garis.pdf").read_bytes())
    ruled = parsed("kudus", "pdf")
    assert unruled.format == ruled.format == "zi"
    assert unruled.counts() == ruled.counts()
    assert plan_content(unruled, from_pdf=True) == plan_content(ruled, from_pdf=True)
    for field in SK_FIELDS:
        assert getattr(unruled.sk, field) == getattr(ruled.sk, field), field
    assert all(w.lokasi.startswith("halaman ") for w in unruled.warnings)
    assert unruled.tempat(unruled.rows[0].line).endswith(("baris tabel 4", "baris tabel 5"))


@pytest.mark.django_db
def test_format_is_chosen_by_content_not_by_name(tmp_path):
    pdf = (DOCUMENTS / "tegal.pdf").read_bytes()
    docx = (DOCUMENTS / "tegal.docx").read_bytes()
    assert detect_format(pdf) == "pdf"
    assert detect_format(docx) == "docx"
    misnamed = tmp_path / "tegal.txt"
    misnamed.write_bytes(docx)
    out = StringIO()
    call_command("import_lampiran", str(misnamed), "--dry-run", stdout=out)
    assert "berkas docx, format zi: 6 area, 23 komponen, 70 indikator" in out.getvalue()


@pytest.mark.django_db
def test_json_output_has_the_same_shape_for_every_format(tmp_path):
    docs = {}
    for ext, path in [("txt", SAMPLES["tegal"]), ("docx", DOCUMENTS / "tegal.docx")]:
        out = StringIO()
        call_command("import_lampiran", str(path), "--dry-run", "--json", stdout=out)
        docs[ext] = json.loads(out.getvalue())
    assert docs["txt"].keys() == docs["docx"].keys()
    assert [r.keys() for r in docs["txt"]["rows"]] == [r.keys() for r in docs["docx"]["rows"]]
    assert docs["txt"]["counts"] == docs["docx"]["counts"]
    assert [(r["indikator"], r["bulan"]) for r in docs["txt"]["rows"]] == [
        (r["indikator"], r["bulan"]) for r in docs["docx"]["rows"]
    ]
    warning = docs["docx"]["warnings"][0]
    assert warning.keys() == {"line", "message"}
    assert warning["message"].startswith("paragraf ")  # Tegal's signatory spelled two ways
    assert RencanaAksi.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_dry_run_and_save_agree_for_word_and_pdf(ext):
    data = (DOCUMENTS / f"karanganyar.{ext}").read_bytes()
    _none, dry = lampiran_import(data=data, dry_run=True)
    rencana, saved = lampiran_import(data=data, sumber=f"karanganyar.{ext}")
    assert dry.counts() == saved.counts()
    stored = BuktiFisik.objects.filter(**{tree.path_to_rencana(BuktiFisik): rencana})
    assert stored.count() == saved.counts()["bukti_fisik"] == 96
    assert rencana.sumber_dokumen == f"karanganyar.{ext}"
    assert sorted(b.bulan for b in stored) == sorted(r.bulan for r in saved.rows)


def _truncated(name: str) -> bytes:
    data = (DOCUMENTS / name).read_bytes()
    return data[: len(data) // 2]


BAD = [
    ("scan.pdf", None, "hasil pindaian"),
    ("bersandi.pdf", None, "dilindungi kata sandi"),
    ("bersandi.docx", None, "dilindungi kata sandi"),
    ("tanpa-tabel.pdf", None, "Tabel lampiran tidak ditemukan"),
    ("tanpa-tabel.docx", None, "Tabel lampiran tidak ditemukan"),
    ("tabel-salah.docx", None, "Tabel lampiran tidak ditemukan"),
    ("karanganyar-tanpa-garis.pdf", None, "tidak bergaris"),
    ("rusak.docx", lambda: _truncated("tegal.docx"), "ZIP/Word ini rusak"),
    ("rusak.pdf", lambda: _truncated("tegal.pdf"), "PDF ini rusak"),
    ("lama.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word lama"),
    ("foto.pdf", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, r"gambar \(PNG\)"),
    ("tabel.docx", lambda: _xlsx(), "lembar kerja Excel"),
    ("acak.bin", lambda: bytes(range(256)) * 8, "bukan teks"),
]  # fmt: skip


def _xlsx() -> bytes:
    import io

    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(("filename", "make", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_message_and_nothing_written(
    tmp_path, filename, make, message
):
    path = tmp_path / filename
    path.write_bytes(make() if make else (DOCUMENTS / filename).read_bytes())
    with pytest.raises(LampiranError, match=message):
        read_document(path.read_bytes())
    with pytest.raises(CommandError, match=message):
        call_command("import_lampiran", str(path), "--satker", "3319", "--tahun", "2022")
    assert RencanaAksi.objects.count() == 0
    assert BuktiFisik.objects.count() == 0


def test_pdf_running_headers_footers_and_page_numbers_are_dropped():
    from weasyprint import HTML

    paragraphs = "".join(f"<p>Paragraf isi nomor {i} tentang rencana aksi.</p>" for i in range(90))
    html = f"""<html><head><style>
      @page {{ size: A4; margin: 25mm;
        @top-center {{ content: "SALINAN KEPUTUSAN KPU KABUPATEN KUDUS" }}
        @bottom-center {{ content: "Halaman " counter(page) " dari " counter(pages) }} }}
      </style></head><body>{paragraphs}</body></html>"""
    pdf = HTML(string=html).write_pdf()
    lines = [line for line in extract(pdf).lines if line]
    assert not any("SALINAN KEPUTUSAN" in line or line.startswith("Halaman") for line in lines)
    assert [line for line in lines if line.startswith("Paragraf isi")] == [
        f"Paragraf isi nomor {i} tentang rencana aksi." for i in range(90)
    ]
