"""Read a digital PDF SK (one with a text layer) with pdfplumber, on objects PDFium reads.

PDFium reads each page's characters and path segments (``pdf_objects``: pdfminer's own
interpreter takes about a second per dense page); pdfplumber finds the tables and groups the
text on them. Each page gives its tables and its text outside the tables, in reading order (top
to bottom):

* tables are found by their ruling lines (the usual case: Word, LibreOffice and the app's own
  print draw cell borders). On a page without a ruled table, a lampiran table drawn without
  lines is rebuilt from the text positions (``pdf_unruled``: columns from the header's titles
  and the text's left edges, rows from the gaps between them); a monthly schedule without lines
  is refused with a message (upload the .docx), as positions cannot say which month a ✓ is in;
* a table row becomes one line of tab-separated cells; a cell that a merged cell covers is
  empty, which is how the parser recognises a komponen spanning its rows; a cell's wrapped lines
  are joined (``cells.cell_markup``);
* the text outside the tables becomes lines; a page's running header/footer (the same text in
  the top or bottom band of several pages, or a page number such as ``Halaman 2 dari 9``) is
  dropped;
* a blank line separates pages, which is where the parser looks for a row cut by a page break
  (continued on the next page) and joins it back; the header and numbering rows repeated on each
  page are dropped by the parser.

A PDF without any text layer is a scan: refused with a message saying what to upload instead.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.exceptions import PdfminerException

from plans.lampiran import LampiranError
from plans.lampiran.table import match_header

from .cells import cell_markup, join_wrapped
from .model import Ekstraksi
from .pdf_cells import table_cells
from .pdf_objects import open_document, page_objects
from .pdf_unruled import find_unruled_table

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PAGE_NUMBER = re.compile(r"^\W*(halaman|hal\.?|page)?\s*\d{1,4}\s*((dari|/|of)\s*\d+)?\W*$", re.I)
_BAND = 0.08  # top and bottom 8 % of a page: where running headers and footers sit
_SCAN = (
    "Berkas PDF ini hasil pindaian (gambar tanpa lapisan teks), sehingga isinya tidak dapat "
    "dibaca. Unggah berkas Word (.docx) asli SK atau PDF yang diekspor langsung dari Word/"
    "aplikasi (bukan dipindai); tidak ada yang disimpan."
)


def _open(data: bytes):
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise LampiranError(
                "Berkas PDF ini dilindungi kata sandi, sehingga isinya tidak dapat dibaca. "
                "Unggah PDF tanpa kata sandi (atau berkas Word .docx-nya)."
            ) from error
        raise LampiranError(_corrupt()) from error
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as error:
        raise LampiranError(_corrupt()) from error


def _corrupt() -> str:
    return (
        "Berkas PDF ini rusak atau tidak lengkap sehingga tidak dapat dibuka. Unduh/ekspor "
        "ulang PDF-nya (atau unggah berkas Word .docx-nya)."
    )


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip().lower()


def _unruled_header(lines: list[str]) -> bool:
    """True when a text line (outside any ruled table) carries the lampiran's column titles."""
    return any(match_header(_group_titles(line.split())) for line in lines)


def _group_titles(texts: list[str]) -> list[str]:
    """Header words grouped into the two-word titles the parser knows (``LANGKAH AKSI``)."""
    joined = " ".join(texts).upper()
    joined = re.sub(
        r"(LANGKAH AKSI|BUKTI FISIK|TARGET WAKTU|SUB KEGIATAN|AREA PERUBAHAN|"
        r"INDIKATOR KEBERHASILAN|PENANGGUNG JAWAB|PELAKSANAAN BULAN)",
        lambda m: m.group(1).replace(" ", "_"),
        joined,
    )
    return [t.replace("_", " ") for t in joined.split()]


def _outside(chars: list[dict], boxes) -> list[dict]:
    """The characters whose centre lies in none of ``boxes`` (``(x0, top, x1, bottom)``)."""
    for x0, top, x1, bottom in boxes:
        chars = [
            ch
            for ch in chars
            if not (
                x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
                and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
            )
        ]
    return chars


def read_pdf(data: bytes) -> Ekstraksi:
    """Extract a digital PDF into the parser's text form.

    Args:
        data: the PDF bytes.

    Returns:
        ``Ekstraksi`` (format ``"pdf"``) whose ``lokasi`` names a table line ``"halaman P,
        baris tabel R"`` (R counts the table's rows on that page, header rows included) and a
        text line ``"halaman P"``.

    Raises:
        LampiranError: a password-protected or damaged PDF, or a scan (no page has text).
    """
    pages = _read_pages(data)
    if not any(chars for _blocks, chars, _h in pages):
        raise LampiranError(_SCAN)
    if not any(kind == "table" for blocks, _c, _h in pages for kind, _p, _k in blocks):
        texts = [payload for blocks, _c, _h in pages for kind, payload, _k in blocks]
        if _unruled_header(texts):
            raise LampiranError(
                "Tabel lampiran di PDF ini tidak bergaris (sel tanpa garis batas) dan "
                "kolomnya tidak dapat dipisahkan dari letak teksnya (misalnya jadwal per bulan). "
                "Unggah berkas Word (.docx) SK-nya, atau PDF yang tabelnya bergaris; tidak ada "
                "yang disimpan."
            )
    # Running headers/footers: a line in a page's top/bottom band that recurs on other pages.
    recurring = Counter(key for _b, _c, band_keys in pages for key in set(band_keys))
    out = Ekstraksi(format="pdf", lines=[])
    for number, (blocks, chars, _band) in enumerate(pages, 1):
        if not chars:
            out.warnings.append(
                (len(out.lines) + 1, f"Halaman {number} tidak berisi teks (gambar); dilewati.")
            )
        _add_blocks(out, number, blocks, recurring)
        out.add("")  # page break: the parser may join a row cut here
    return out


def _read_pages(data: bytes) -> list:
    """``_read_page`` of every page, objects read by PDFium (``pdf_objects``); a PDF that
    pdfminer or PDFium cannot read raises ``LampiranError``."""
    pdf = _open(data)
    with pdf:
        try:
            document = open_document(data)
        except pdfium.PdfiumError as error:
            raise LampiranError(_corrupt()) from error
        try:
            pages = []
            for index, page in enumerate(pdf.pages):
                objects = page_objects(document, index, page.page_number, page.initial_doctop)
                if objects is not None:
                    page._objects = objects  # pdfplumber's own cache of the parsed objects
                pages.append(_read_page(page))
            return pages
        except (PdfminerException, pdfium.PdfiumError) as error:
            raise LampiranError(_corrupt()) from error
        finally:
            document.close()


def _add_blocks(out: Ekstraksi, number: int, blocks, recurring: Counter) -> None:
    """Add one page's blocks to ``out``, leaving out its running header/footer lines."""
    for kind, payload, band_key in blocks:
        if kind == "text":
            if band_key is not None and (recurring[band_key] > 1 or _PAGE_NUMBER.match(payload)):
                continue
            out.add(payload, f"halaman {number}")
        else:
            for row_number, cells in enumerate(payload, 1):
                out.add("\t".join(cells), f"halaman {number}, baris tabel {row_number}")


def _read_page(page):
    """``(blocks, has_text, band_keys)`` of one page, blocks in top-to-bottom order."""
    chars = page.chars
    if not chars:
        return [], False, []
    tables = [t for t in page.find_tables(_LINES) if len(t.rows) >= 1 and len(t.columns) >= 3]
    if not tables:
        unruled = find_unruled_table(chars, float(page.bbox[2]))
        tables = [unruled] if unruled else []
    boxes = [t.bbox for t in tables]
    blocks: list[tuple[float, str, object, str | None]] = []
    for table in tables:
        rows = [
            [cell_markup(lines, wrapped=True) for lines in row] for row in table_cells(table, chars)
        ]
        blocks.append((table.bbox[1], "table", rows, None))
    # The text outside the tables, as pdfplumber's ``extract_text_lines(layout=False)`` reads it.
    outside = chars_to_textmap(_outside(chars, boxes), layout=False, layout_bbox=page.bbox)
    band_keys = []
    height = float(page.height)
    for line in outside.extract_text_lines(strip=True, return_chars=False):
        text = line["text"].replace("\t", " ")
        in_band = line["top"] < height * _BAND or line["bottom"] > height * (1 - _BAND)
        key = _norm(text) if in_band else None
        if key:
            band_keys.append(key)
        blocks.append((line["top"], "text", text, key))
    blocks.sort(key=lambda block: block[0])
    return _join_broken_lines(blocks), True, band_keys


def _join_broken_lines(blocks) -> list[tuple[str, object, str | None]]:
    """Join a prose line that ends in a hyphen or slash to the next one (``Undang-`` +
    ``Undang``): the line broke at that character, not between words (``cells.join_wrapped``)."""
    out: list[tuple[str, object, str | None]] = []
    for _top, kind, payload, key in blocks:
        if (
            out
            and kind == "text"
            and out[-1][0] == "text"
            and out[-1][1].endswith(("-", "/"))
            and not out[-1][1].endswith((" -", " /"))
            and payload[:1].isalnum()
        ):
            out[-1] = ("text", join_wrapped(out[-1][1], payload), out[-1][2])
            continue
        out.append((kind, payload, key))
    return out
