#!/usr/bin/env python
"""Make the sample SKs into the files offices hold, as test fixtures under fixtures/documents/.

For each sample SK in fixtures/lampiran/ (Kudus, Tegal: ZI six columns; Karanganyar: ZI
monthly ✓ schedule) this writes:

* ``<name>.docx``: the SK typed the way a Word user types it (python-docx): the decree as
  paragraphs in a portrait F4 section, the lampiran in a landscape section with a real table:
  header rows marked to repeat on every page, the numbering row, area rows merged across the
  columns, NO/KOMPONEN, INDIKATOR and LANGKAH AKSI cells merged down over the rows they span,
  a ✓ grid (monthly format) and the penanggung jawab merged down over its area;
* ``<name>.pdf``: what LibreOffice prints from that .docx (``soffice --headless --convert-to
  pdf``; Debian package ``libreoffice-writer-nogui``); rows may break across pages, as Word's
  default allows.

and, for the error paths: ``scan.pdf`` (an image-only PDF of a printed page, no text layer),
``tanpa-tabel.docx`` / ``tanpa-tabel.pdf`` (the decree without its lampiran table),
``tabel-salah.docx`` (a table of another shape: a list of team members),
``kudus-tanpa-garis.pdf`` (the Kudus table printed without cell borders: read from the text
positions), ``karanganyar-tanpa-garis.pdf`` (the monthly schedule without borders: refused),
``bersandi.pdf`` /
``bersandi.docx`` (password ``rahasia``; the latter needs msoffcrypto-tool
from requirements-dev.txt).

Run: ``.venv/bin/python scripts/make_test_documents.py`` (needs soffice and pdftoppm on PATH).
The tests read the committed files; they do not need LibreOffice.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402
from docx.table import _Cell  # noqa: E402

from plans.lampiran import HasilParse, parse_lampiran  # noqa: E402
from plans.lampiran.table import read_table  # noqa: E402
from plans.lampiran.text import clean_cell, strip_markdown  # noqa: E402

SAMPLES = {
    "kudus": "kudus-2022-rencana-kerja-zi.txt",
    "tegal": "tegal-2022-rencana-aksi-zi.txt",
    "karanganyar": "karanganyar-2022-rencana-aksi-zi.txt",
}
OUT = ROOT / "fixtures" / "documents"
F4 = (Mm(215), Mm(330))
PASSWORD = "rahasia"  # noqa: S105 (the test fixtures' published password)


def prose(line: str) -> str:
    """A line of the extracted SK as a Word user types it: no markdown, no bullet dash."""
    text = clean_cell(strip_markdown(line))
    return text[2:] if text.startswith("- ") else text


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _set(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    """Write a cell's text: one paragraph per line (a list item is its own paragraph)."""
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(9)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _merge_down(cell, column: int, start: int, end: int) -> None:
    if end > start:
        cell(start, column).merge(cell(end, column))


def _columns(fmt: str) -> list[str]:
    if fmt == "zi_bulanan":
        return (
            ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK"]
            + ["PELAKSANAAN BULAN"] * 12
            + ["PENANGGUNG JAWAB"]
        )
    return ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]


#: Column widths in mm (landscape F4 leaves 290 mm between the margins).
WIDTHS = {
    "zi": [10, 40, 55, 70, 70, 40],
    "zi_bulanan": [8, 26, 34, 42, 50] + [8] * 12 + [30],
}


def _widths(table, fmt: str) -> None:
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS[fmt], strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _layout(hasil: HasilParse) -> list[tuple[str, object]]:
    """The table's body rows in order: ``("area", row)`` opening each area, ``("row", row)``."""
    layout: list[tuple[str, object]] = []
    area_key = None
    for row in hasil.rows:
        if row.area_key != area_key:
            layout.append(("area", row))
            area_key = row.area_key
        layout.append(("row", row))
    return layout


def _header_monthly(cell, titles: list[str]) -> None:
    """The three header rows of the monthly schedule (titles, months 1–12, numbering)."""
    for col in range(5):
        _set(cell(0, col), titles[col], bold=True, center=True)
        _merge_down(cell, col, 0, 1)
    _set(cell(0, 5), "PELAKSANAAN BULAN", bold=True, center=True)
    cell(0, 5).merge(cell(0, 16))
    for month in range(12):
        _set(cell(1, 5 + month), str(month + 1), bold=True, center=True)
    _set(cell(0, 17), "PENANGGUNG JAWAB", bold=True, center=True)
    _merge_down(cell, 17, 0, 1)
    for col, label in enumerate(["1", "2", "3", "4", "5"]):
        _set(cell(2, col), label, center=True)
    _set(cell(2, 5), "6", center=True)
    cell(2, 5).merge(cell(2, 16))
    _set(cell(2, 17), "7", center=True)


def _header_six(cell, titles: list[str]) -> None:
    """The two header rows of the six-column table (titles, numbering)."""
    for col, title in enumerate(titles):
        _set(cell(0, col), title, bold=True, center=True)
        _set(cell(1, col), str(col + 1), center=True)


def _row_keys(row, *, monthly: bool) -> list[tuple[str, object]]:
    """The (level, key) of the merged cells a row belongs to (PJ only in the monthly table)."""
    keys = [
        ("komponen", row.komponen_key),
        ("indikator", row.indikator_key),
        ("langkah", row.langkah_key),
    ]
    return [*keys, ("pj", row.area_key)] if monthly else keys


def _fill_body(cell, layout, *, header_rows: int, width: int, monthly: bool) -> dict:
    """Write area rows and each row's own cells; return the body rows of every merged cell,
    ``{(key, level): [table row index, …]}``, in order."""
    spans: dict[tuple[object, str], list[int]] = {}
    for offset, (kind, row) in enumerate(layout):
        index = header_rows + offset
        if kind == "area":
            _set(cell(index, 0), row.area, bold=True)
            cell(index, 1).merge(cell(index, width - 1))
            _set(cell(index, 1), row.area_nama, bold=True)
            continue
        for level, key in _row_keys(row, monthly=monthly):
            spans.setdefault((key, level), []).append(index)
        _set(cell(index, 4), row.bukti_fisik)
        if monthly:
            for month in row.bulan:
                _set(cell(index, 4 + month), "✓", center=True)
        else:
            _set(cell(index, 5), row.target_waktu)
    return spans


def _merge_spans(cell, layout, spans: dict) -> None:
    """Write each merged cell's text in its first row and merge it down over its rows."""
    first_of: dict[tuple[object, str], object] = {}
    for kind, row in layout:
        if kind == "row":
            for level, key in _row_keys(row, monthly=True):
                first_of.setdefault((key, level), row)
    columns = {"komponen": (0, 1), "indikator": (2,), "langkah": (3,), "pj": (17,)}
    for (key, level), indexes in spans.items():
        row = first_of[(key, level)]
        text = {
            "komponen": (row.komponen_nomor, row.komponen),
            "indikator": (row.indikator,),
            "langkah": (row.langkah_aksi,),
            "pj": (row.penanggung_jawab,),
        }[level]
        for column, value in zip(columns[level], text, strict=True):
            _set(cell(indexes[0], column), value)
            _merge_down(cell, column, indexes[0], indexes[-1])


def add_lampiran_table(document, hasil: HasilParse, *, ruled: bool = True) -> None:
    """The lampiran table of a ZI plan (six columns or the monthly schedule) as Word draws it.

    ``ruled=False`` leaves out the cell borders (a table laid out by position only)."""
    monthly = hasil.format == "zi_bulanan"
    titles = _columns(hasil.format)
    width = len(titles)
    header_rows = 3 if monthly else 2
    layout = _layout(hasil)
    table = document.add_table(rows=header_rows + len(layout), cols=width)
    # The cells as created, looked up directly: ``table.cell()`` rebuilds the whole grid on
    # every call, which makes a 1,200-row table take minutes.
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]

    def cell(row: int, column: int) -> _Cell:
        return grid[row][column]

    if ruled:
        table.style = "Table Grid"
    _widths(table, hasil.format)
    for index in range(header_rows):
        _repeat_header(table.rows[index])
    (_header_monthly if monthly else _header_six)(cell, titles)
    spans = _fill_body(cell, layout, header_rows=header_rows, width=width, monthly=monthly)
    _merge_spans(cell, layout, spans)


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (F4[1], F4[0]) if landscape else F4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))


def build_docx(text: str, *, with_table: bool = True, ruled: bool = True) -> bytes:
    """The SK of ``text`` (a sample in the parser's text form) typed in Word, as .docx bytes."""
    hasil = parse_lampiran(text)
    lines = text.replace("\r\n", "\n").split("\n")
    tabel = read_table(lines)
    before = lines[: tabel.header_line - 1]
    after = lines[tabel.end_line :]
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    _page(document.sections[0], landscape=False)
    for line in before:
        text_line = prose(line)
        if text_line.upper().startswith("LAMPIRAN") and len(document.sections) == 1:
            _page(document.add_section(), landscape=True)
        document.add_paragraph(text_line)
    if with_table:
        add_lampiran_table(document, hasil, ruled=ruled)
    for line in after:
        document.add_paragraph(prose(line))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        sys.exit(f"{name} tidak ditemukan (pasang libreoffice-writer-nogui dan poppler-utils).")
    return path


def to_pdf(docx_path: Path) -> Path:
    """Print a .docx to PDF with LibreOffice, next to it."""
    subprocess.run(  # noqa: S603 (fixed program, our own paths)
        [_tool("soffice"), "--headless", "--convert-to", "pdf", "--outdir", str(docx_path.parent),
         str(docx_path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return docx_path.with_suffix(".pdf")


def make_scan(pdf_path: Path, target: Path) -> None:
    """An image-only PDF of the first page of ``pdf_path``, as a scanner makes it."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(  # noqa: S603 (fixed program, our own paths)
            [
                _tool("pdftoppm"),
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf_path),
                str(prefix),
            ],
            check=True,
        )
        images = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("page*.png"))]
        images[0].save(target, save_all=True, append_images=images[1:], resolution=100.0)


def make_wrong_table(target: Path) -> None:
    document = Document()
    document.add_paragraph("KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN KUDUS")
    document.add_paragraph("SUSUNAN TIM KERJA ZONA INTEGRITAS")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for r, values in enumerate(
        [("No", "Nama", "Jabatan"), ("1", "Naily Syarifah", "Ketua"),
         ("2", "Ayu Ngabekti", "Sekretaris"), ("3", "Budi", "Anggota")]
    ):  # fmt: skip
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(target)


def encrypt_pdf(source: Path, target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=PASSWORD, owner_password=PASSWORD)
    with target.open("wb") as handle:
        writer.write(handle)


def encrypt_docx(source: Path, target: Path) -> None:
    import msoffcrypto.format.ooxml

    with source.open("rb") as plain, target.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(PASSWORD, out)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, filename in SAMPLES.items():
        text = (ROOT / "fixtures" / "lampiran" / filename).read_text(encoding="utf-8")
        docx_path = OUT / f"{name}.docx"
        docx_path.write_bytes(build_docx(text))
        to_pdf(docx_path)
        print(f"{docx_path.relative_to(ROOT)} + .pdf")
    kudus = (ROOT / "fixtures" / "lampiran" / SAMPLES["kudus"]).read_text(encoding="utf-8")
    no_table = OUT / "tanpa-tabel.docx"
    no_table.write_bytes(build_docx(kudus, with_table=False))
    to_pdf(no_table)
    make_wrong_table(OUT / "tabel-salah.docx")
    for name in ("kudus", "karanganyar"):
        text = (ROOT / "fixtures" / "lampiran" / SAMPLES[name]).read_text(encoding="utf-8")
        unruled = OUT / f"{name}-tanpa-garis.docx"
        unruled.write_bytes(build_docx(text, ruled=False))
        to_pdf(unruled)
        unruled.unlink()  # the Word file reads the same either way; the PDF is the case
    make_scan(OUT / "kudus.pdf", OUT / "scan.pdf")
    encrypt_pdf(OUT / "tegal.pdf", OUT / "bersandi.pdf")
    encrypt_docx(OUT / "tegal.docx", OUT / "bersandi.docx")
    print(
        "scan.pdf, tanpa-tabel.docx/.pdf, tabel-salah.docx, kudus/karanganyar-tanpa-garis.pdf, "
        "bersandi.pdf/.docx"
    )


if __name__ == "__main__":
    main()
