"""Read a Word (.docx) SK: its paragraphs and its real tables, in document order.

The body's paragraphs become lines (the SK text: KOP, NOMOR, TENTANG, Menimbang …, signature
blocks, BAB chapters of the lampiran); each table row becomes one line of tab-separated cells.
Word's own structure is read from the XML, not from what python-docx's ``row.cells`` repeats:

* a vertically merged cell (``w:vMerge`` continue: a komponen spanning its indikator rows) is
  empty on the rows it continues over, which is how the parser recognises a spanning cell;
* a cell merged across columns (``w:gridSpan``: an area row) gives its text once, then empty
  cells for the columns it covers, so every row keeps the grid's column positions;
* a row that starts after the first grid column (``w:gridBefore``) gets leading empty cells;
* header rows marked to repeat on every page (``w:tblHeader``) appear once, as Word stores them.

Within a cell, paragraphs are joined with spaces and bulleted paragraphs become list items (see
``cells.cell_markup``).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from plans.lampiran import LampiranError

from .cells import cell_markup
from .model import Ekstraksi


def _paragraph_lines(paragraph: Paragraph) -> list[str]:
    """A body paragraph as lines: manual line breaks split it; tabs become spaces.

    Tabs are what Word users align ``Menimbang : a.`` with; kept, they would make the line look
    like a table row to the parser.
    """
    text = paragraph.text.replace("\t", " ")
    return text.split("\n")


def _list_item(paragraph: Paragraph) -> bool:
    """True for a paragraph of a Word list (numbering or a list style) without a typed bullet."""
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    if ppr.numPr is not None:
        return True
    # The style id, not ``paragraph.style``: resolving a style object per paragraph costs
    # seconds on a long table.
    return (ppr.pStyle.val if ppr.pStyle is not None else "").startswith("List")


def _cell_text(tc, table: Table) -> str:
    paragraphs = []
    for paragraph in _Cell(tc, table).paragraphs:
        text = paragraph.text
        if _list_item(paragraph):
            if text.strip() and not text.lstrip().startswith(("-", "•")):
                text = "- " + text
            paragraphs.append(text.replace("\n", " "))
        else:
            paragraphs.extend(text.split("\n"))
    return cell_markup(paragraphs, wrapped=False)


def _row_cells(tr, table: Table) -> list[str]:
    cells = [""] * tr.grid_before
    for tc in tr.tc_lst:
        span = tc.grid_span
        text = "" if tc.vMerge == "continue" else _cell_text(tc, table)
        cells.append(text)
        cells.extend([""] * (span - 1))
    return cells


def read_docx(data: bytes) -> Ekstraksi:
    """Extract a .docx into the parser's text form.

    Args:
        data: the bytes of an Office Open XML word-processing document.

    Returns:
        ``Ekstraksi`` (format ``"docx"``) whose ``lokasi`` names a table line ``"tabel T,
        baris R"`` (1-based, header rows counted, as the user counts them in Word) and a body
        line ``"paragraf P"``.

    Raises:
        LampiranError: the file is not a readable Word document (damaged ZIP or XML).
    """
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise LampiranError(
            "Berkas Word (.docx) ini rusak atau tidak lengkap sehingga tidak dapat dibuka. "
            "Buka di Word, simpan ulang sebagai .docx, lalu unggah lagi."
        ) from error
    except Exception as error:  # lxml's XMLSyntaxError and friends: a damaged document part
        raise LampiranError(
            "Isi berkas Word (.docx) ini rusak (XML tidak sah). Simpan ulang di Word, lalu "
            "unggah lagi."
        ) from error
    out = Ekstraksi(format="docx", lines=[])
    paragraph_number = 0
    table_number = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraph_number += 1
            for line in _paragraph_lines(block):
                out.add(line, f"paragraf {paragraph_number}")
            continue
        table_number += 1
        out.add("")  # a table is a block of its own (the parser sees where prose stops)
        for row_number, tr in enumerate(block._tbl.tr_lst, 1):
            cells = _row_cells(tr, block)
            out.add("\t".join(cells), f"tabel {table_number}, baris {row_number}")
        out.add("")
    return out
