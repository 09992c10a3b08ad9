"""PDFium's characters and lines stand in for pdfminer's: the same boxes, the same tables.

The PDF reader hands pdfplumber the objects ``plans.documents.pdf_objects`` reads with PDFium
instead of letting pdfminer interpret the page (seconds per page); these tests compare the two
on a LibreOffice page (ruled table, fonts without descent) and a WeasyPrint page (the app's own
print: a 0.75 text matrix and a font with a descent).
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from plans.documents.pdf_objects import open_document, page_objects
from tests.plans.document_support import DOCUMENTS


def _weasyprint_pdf() -> bytes:
    from weasyprint import HTML

    rows = "".join(
        f"<tr><td>{i}</td><td>Indikator {i}</td><td>Bukti-{i}</td></tr>" for i in range(9)
    )
    html = f"""<html><head><style>td {{ border: 1px solid black; padding: 4px }}
      table {{ border-collapse: collapse }}</style></head><body>
      <p>Paragraf pembuka.</p><table>{rows}</table></body></html>"""
    return HTML(string=html).write_pdf()


def _both(data: bytes, index: int):
    """pdfplumber's own page and the same page with PDFium's objects."""
    own = pdfplumber.open(io.BytesIO(data)).pages[index]
    page = pdfplumber.open(io.BytesIO(data)).pages[index]
    page._objects = page_objects(open_document(data), index, page.page_number, page.initial_doctop)
    return own, page


def _box(ch):
    return [round(ch[key], 2) for key in ("x0", "top", "bottom", "doctop", "size")]


@pytest.mark.parametrize("source", ["libreoffice", "weasyprint"])
def test_characters_have_pdfminers_text_and_boxes(source):
    if source == "libreoffice":
        data, index = (DOCUMENTS / "kudus.pdf").read_bytes(), 12  # a table page
    else:
        data, index = _weasyprint_pdf(), 0
    own, page = _both(data, index)
    assert own.chars, "the page has text"
    assert [c["text"] for c in page.chars] == [c["text"] for c in own.chars]
    for mine, theirs in zip(page.chars, own.chars, strict=True):
        assert _box(mine) == pytest.approx(_box(theirs), abs=0.02), theirs["text"]
        # x1 is PDFium's loose box: the advance, or up to a point further where a glyph's ink
        # overhangs it (DejaVu's f); never short of the advance
        assert theirs["x1"] - 0.02 <= mine["x1"] <= theirs["x1"] + 1.0, theirs["text"]


@pytest.mark.parametrize("source", ["libreoffice", "weasyprint"])
def test_ruling_lines_give_the_same_tables(source):
    if source == "libreoffice":
        data, index = (DOCUMENTS / "kudus.pdf").read_bytes(), 12  # a table page
    else:
        data, index = _weasyprint_pdf(), 0
    own, page = _both(data, index)
    expected = [x for t in own.find_tables() for x in t.bbox]
    assert expected, "the page has a ruled table"
    assert [x for t in page.find_tables() for x in t.bbox] == pytest.approx(expected, abs=0.02)
    assert [len(t.rows) for t in page.find_tables()] == [len(t.rows) for t in own.find_tables()]


def test_a_rotated_page_is_left_to_pdfminer():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(DOCUMENTS / "tanpa-tabel.pdf"))
    writer.pages[0].rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    document = open_document(data)
    assert page_objects(document, 0, 1, 0.0) is None  # PDFium and pdfminer place it apart
    assert page_objects(document, 1, 2, 0.0) is not None
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    assert page.chars, "pdfplumber still reads the rotated page itself"
