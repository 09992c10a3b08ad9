"""Read a digital PDF SK (one with a text layer) with pdfplumber.

Each page gives its tables and its text outside the tables, in reading order (top to bottom):

* tables are found by their ruling lines (the usual case: Word, LibreOffice and the app's own
  print draw cell borders); on a page whose lines make no table but whose words carry the
  lampiran's column titles, the columns are taken from the x positions of those titles and rows
  from the text lines (a table drawn without lines);
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
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from plans.lampiran import LampiranError
from plans.lampiran.table import match_header

from .cells import cell_markup, join_wrapped
from .model import Ekstraksi
from .pdf_cells import table_cells

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


def _text_table(page):
    """A table without ruling lines: columns from the x positions of the header's titles."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    rows: dict[int, list[dict]] = {}
    for word in words:
        rows.setdefault(round(word["top"] / 3), []).append(word)
    for _top, line_words in sorted(rows.items()):
        texts = [w["text"] for w in sorted(line_words, key=lambda w: w["x0"])]
        if match_header(_group_titles(texts)):
            edges = sorted({round(w["x0"]) - 2 for w in _title_starts(line_words)})
            settings = {
                "vertical_strategy": "explicit",
                "explicit_vertical_lines": [*edges, page.width - 1],
                "horizontal_strategy": "text",
            }
            tables = page.find_tables(settings)
            return tables[:1]
    return []


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


def _title_starts(line_words: list[dict]) -> list[dict]:
    seconds = {"AKSI", "FISIK", "WAKTU", "KEGIATAN", "PERUBAHAN", "KEBERHASILAN", "JAWAB"}
    return [w for w in line_words if w["text"].upper().strip(".") not in seconds]


def _inside(obj, boxes) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


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
    pdf = _open(data)
    with pdf:
        pages = []
        try:
            for page in pdf.pages:
                pages.append(_read_page(page))
        except PdfminerException as error:
            raise LampiranError(_corrupt()) from error
    if not any(chars for _blocks, chars, _h in pages):
        raise LampiranError(_SCAN)
    # Running headers/footers: a line in a page's top/bottom band that recurs on other pages.
    recurring = Counter(key for _b, _c, band_keys in pages for key in set(band_keys))
    out = Ekstraksi(format="pdf", lines=[])
    for number, (blocks, chars, _band) in enumerate(pages, 1):
        if not chars:
            out.warnings.append(
                (len(out.lines) + 1, f"Halaman {number} tidak berisi teks (gambar); dilewati.")
            )
        for kind, payload, band_key in blocks:
            if kind == "text":
                if band_key is not None and (
                    recurring[band_key] > 1 or _PAGE_NUMBER.match(payload)
                ):
                    continue
                out.add(payload, f"halaman {number}")
            else:
                for row_number, cells in enumerate(payload, 1):
                    out.add("\t".join(cells), f"halaman {number}, baris tabel {row_number}")
        out.add("")  # page break: the parser may join a row cut here
    return out


def _read_page(page):
    """``(blocks, has_text, band_keys)`` of one page, blocks in top-to-bottom order."""
    if not page.chars:
        return [], False, []
    tables = [t for t in page.find_tables(_LINES) if len(t.rows) >= 1 and len(t.columns) >= 3]
    if not tables:
        tables = _text_table(page)
    boxes = [t.bbox for t in tables]
    blocks: list[tuple[float, str, object, str | None]] = []
    for table in tables:
        rows = [
            [cell_markup(lines, wrapped=True) for lines in row]
            for row in table_cells(table, page.chars)
        ]
        blocks.append((table.bbox[1], "table", rows, None))
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    band_keys = []
    height = float(page.height)
    for line in outside.extract_text_lines(layout=False, strip=True, return_chars=False):
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
