"""Find the lampiran table in the text and classify its lines.

The extraction writes a table row as one line of tab-separated cells. A table starts at a header
row recognised by its column names (``NO | KOMPONEN | INDIKATOR | LANGKAH AKSI | BUKTI FISIK |
TARGET WAKTU``, the monthly variant with ``PELAKSANAAN BULAN`` and ``PENANGGUNG JAWAB``, or RB's
``No. | Area Perubahan | Sub Kegiatan | Indikator Keberhasilan | Waktu``), never by position, so
extra empty columns and reordered columns are read correctly. The header row, the month row
``1 … 12`` and the column-numbering row ``1 2 3 4 5 6`` are repeated on every page: they are
skipped, and they (like blank lines) mark a page break, after which a row may be the rest of a
row cut by the break (see ``builder``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import LampiranError, Peringatan
from .text import MONTH_NAMES, clean_cell, int_to_roman, roman_to_int

# Column roles and the header texts that name them (upper case, punctuation removed).
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("no", r"^(NO|NOMOR|NO URUT|NOMOR URUT)$"),
        ("area", r"^(AREA|AREA PERUBAHAN|AREA REFORMASI BIROKRASI)$"),
        ("komponen", r"^(SUB )?KOMPONEN( PENGUNGKIT)?$"),
        ("sub_kegiatan", r"^(SUB KEGIATAN|SUBKEGIATAN|RENCANA KEGIATAN|KEGIATAN)$"),
        ("indikator", r"^INDIKATOR( KEBERHASILAN| KINERJA| OUTPUT)?$"),
        ("langkah", r"^(LANGKAH AKSI|LANGKAH|LANGKAH KERJA|RENCANA AKSI|AKSI|URAIAN KEGIATAN)$"),
        ("bukti", r"^(BUKTI FISIK|BUKTI|BUKTI DUKUNG|OUTPUT|DOKUMEN|BUKTI FISIK OUTPUT)$"),
        ("target", r"^(TARGET WAKTU|TARGET|WAKTU|JADWAL|TENGGAT WAKTU|TARGET PENYELESAIAN|WAKTU PELAKSANAAN)$"),
        ("bulan", r"^(PELAKSANAAN BULAN|BULAN|BULAN PELAKSANAAN|JADWAL PELAKSANAAN|PELAKSANAAN|TIMELINE|JADWAL BULAN)( KE)?$"),
        ("pj", r"^(PENANGGUNG ?JAWAB|PJ|PIC|PELAKSANA|UNIT PENANGGUNG ?JAWAB)$"),
    )
)  # fmt: skip
# Columns some satkers add that the plan has no place for: recognised so that their text is not
# mistaken for a shifted cell, and reported once.
_IGNORED = re.compile(
    r"^(KETERANGAN|KET|REALISASI|CAPAIAN|ANGGARAN|BIAYA|SUMBER DANA|STATUS|CATATAN|SASARAN|"
    r"TARGET CAPAIAN|VOLUME|SATUAN|HASIL|PROGRES|PROGRESS)$"
)
_MONTH_ABBR = {name[:3]: i for i, name in enumerate(MONTH_NAMES, 1)} | {"agu": 8, "peb": 2}
_CLOSING = re.compile(
    r"^\W*(ditetapkan\s+di|salinan\s+sesuai|ketua\s+komisi|plh\.?\s+ketua|ttd\b)", re.I
)
_PAGE_NUMBER = re.compile(r"^\W*(halaman|hal\.?|page)?\s*\d{1,3}\s*(dari\s*\d+)?\W*$", re.I)
_AREA_WORDS = re.compile(
    r"MANAJEMEN PERUBAHAN|TATA ?LAKSANA|MANAJEMEN SDM|SUMBER DAYA MANUSIA|AKUNTABILITAS|"
    r"PENGAWASAN|PELAYANAN PUBLIK|DEREGULASI|PERATURAN PERUNDANG|KELEMBAGAAN|ORGANISASI",
    re.I,
)


@dataclass
class Kolom:
    """Column layout of the table as given by a header row.

    ``roles`` maps a role (``no``, ``komponen``, ``indikator``, ``langkah``, ``bukti``,
    ``target``, ``pj``, RB: ``area``, ``sub_kegiatan``) to its 0-based cell index; ``months``
    maps a cell index to a month 1..12 (monthly format only); ``ignored`` holds columns such as
    KETERANGAN whose text the plan has no place for.
    """

    format: str
    roles: dict[str, int]
    months: dict[int, int] = field(default_factory=dict)
    line: int = 0
    ignored: dict[int, str] = field(default_factory=dict)  # index → title of a column not read


@dataclass
class Baris:
    """One table line that is not a header: a data row or an area row.

    ``cells`` are cleaned texts by cell index; ``after_break`` is True when a repeated header,
    numbering row or blank line lies between this row and the previous data row (the place where
    a page break cuts rows); ``area`` is ``(numeral or None, title)`` for an area row.
    """

    line: int
    cells: list[str]
    kolom: Kolom
    after_break: bool
    area: tuple[str | None, str] | None = None

    def get(self, role: str) -> str:
        index = self.kolom.roles.get(role)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


@dataclass
class Tabel:
    """The table found in a document: its format, first header line and classified rows."""

    format: str
    header_line: int
    rows: list[Baris]
    end_line: int  # last line of the table (1-based)
    warnings: list[Peringatan]


def _header_key(text: str) -> str:
    text = re.sub(r"[^A-Za-z0-9 ]+", " ", clean_cell(text)).upper()
    return re.sub(r"\s+", " ", text).strip()


def match_header(cells: list[str]) -> dict[str, int] | None:
    """Map header cells to column roles; None unless the cells look like the lampiran header.

    A header names at least three roles, among them an indikator column and one of komponen,
    area, sub kegiatan or langkah aksi: that is what every family of the lampiran has.
    """
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _header_key(cell)
        if not key:
            continue
        for role, pattern in _ROLE_PATTERNS:
            if role not in roles and pattern.match(key):
                roles[role] = index
                break
    if "indikator" not in roles or len(roles) < 3:
        return None
    if not roles.keys() & {"komponen", "area", "sub_kegiatan", "langkah"}:
        return None
    return roles


def _numbers(cells: list[str]) -> list[tuple[int, int]]:
    """``[(index, value)]`` when every non-empty cell is a small number like ``1`` or ``(1)``."""
    out = []
    for index, cell in enumerate(cells):
        text = clean_cell(cell).strip("()[] .")
        if not text:
            continue
        if not text.isdigit():
            return []
        out.append((index, int(text)))
    return out


def month_row(cells: list[str]) -> dict[int, int]:
    """``{index: month}`` for the month grid header: ``1 … 12``, ``I … XII`` or ``Jan … Des``."""
    numbers = _numbers(cells)
    if len(numbers) == 12 and [v for _, v in numbers] == list(range(1, 13)):
        return dict(numbers)
    romans = [(i, roman_to_int(clean_cell(c))) for i, c in enumerate(cells) if clean_cell(c)]
    if len(romans) == 12 and [v for _, v in romans] == list(range(1, 13)):
        return {index: value for index, value in romans if value}
    names = {}
    for index, cell in enumerate(cells):
        key = _header_key(cell).lower()
        if key[:3] in _MONTH_ABBR and (len(key) <= 4 or key in MONTH_NAMES):
            names[index] = _MONTH_ABBR[key[:3]]
    if len(names) == 12 and sorted(names.values()) == list(range(1, 13)):
        return names
    return {}


def is_numbering_row(cells: list[str]) -> bool:
    """True for the column-numbering row ``1 2 3 4 5 6`` (at least three consecutive numbers)."""
    values = [v for _, v in _numbers(cells)]
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values)))


def _kolom_from_header(roles: dict[str, int], cells: list[str], next_rows: list[list[str]],
                       line: int) -> Kolom:  # fmt: skip
    months: dict[int, int] = {}
    for row in next_rows:
        months = month_row(row)
        if months:
            break
    if not months:
        months = month_row(cells)  # month names directly in the header row
    if not months and "bulan" in roles:
        start = roles["bulan"]
        months = {start + i: i + 1 for i in range(12)}
    if "komponen" in roles and "langkah" not in roles and "sub_kegiatan" in roles:
        roles["langkah"] = roles.pop("sub_kegiatan")  # ZI table titling LANGKAH AKSI "KEGIATAN"
    rb_like = "komponen" not in roles and "bukti" not in roles  # RB has neither column
    if rb_like and "sub_kegiatan" not in roles and "langkah" in roles:
        roles["sub_kegiatan"] = roles.pop("langkah")  # RB table titling it "RENCANA AKSI"
    if months:
        fmt = "zi_bulanan"
        roles.pop("target", None)
    elif roles.keys() & {"area", "sub_kegiatan"} and rb_like:
        fmt = "rb"
    else:
        fmt = "zi"
    ignored = {
        i: clean_cell(c)
        for i, c in enumerate(cells)
        if _IGNORED.match(_header_key(c)) and i not in roles.values() and i not in months
    }
    return Kolom(format=fmt, roles=roles, months=months, line=line, ignored=ignored)


def detect_area(cells: list[str], kolom: Kolom) -> tuple[str | None, str] | None:
    """Recognise an area row: ``I<TAB>Title``, ``II PENATAAN TATA LAKSANA`` in one cell,
    ``<b>I</b>``, ``A. Title``; or a lone upper-case title naming a reform area.

    Returns ``(roman numeral or None, title)``; None when the row is not an area row. Only rows
    with at most two texts, the first in one of the first two columns, qualify, so data rows
    (whose NO is an arabic number and whose other cells are filled) never do.
    """
    # The month grid and the PJ column may carry the area's PJ: only the text columns count.
    limit = min(kolom.months) if kolom.months else len(cells)
    filled = [(i, c) for i, c in enumerate(cells[:limit]) if c]
    if (
        not 1 <= len(filled) <= 2
        or filled[0][0] > 1
        or (kolom.format == "rb" and "area" in kolom.roles)
    ):
        return None
    first = filled[0][1]
    rest = filled[1][1] if len(filled) == 2 else ""
    if len(filled) == 2 and filled[1][0] > max(2, filled[0][0] + 2):
        return None
    match = re.match(r"^(?:AREA\s+)?([IVX]{1,4}|[A-H])[.)]?(?:\s+(\S.*))?$", first, re.S)
    if match:
        label, title = match.group(1), (match.group(2) or "").strip()
        number = roman_to_int(label) if len(label) > 1 or label in "IVX" else None
        if number is None and len(label) == 1 and label in "ABCDEFGH":
            number = "ABCDEFGH".index(label) + 1
        if number and (title or rest) and not (title and rest):
            title = title or rest
            if title[:1].isupper() or title[:1].isdigit():
                return int_to_roman(number), title.replace("\n", " ")
    title_like = first.isupper() or first.lower().startswith("area ") or len(first.split()) <= 6
    if len(filled) == 1 and title_like and "\n" not in first and _AREA_WORDS.search(first):
        return None, first.replace("\n", " ")
    return None


def read_table(lines: list[str]) -> Tabel:
    """Locate the table in ``lines`` and classify each of its lines.

    Args:
        lines: the document split into lines (index 0 is line 1).

    Returns:
        ``Tabel`` with the format of the first header, its rows (data and area rows, headers
        and numbering rows removed) and warnings about lines inside the table that are not
        rows (stray text between rows).

    Raises:
        LampiranError: no header row, or a header but no data row after it (truncated table).
    """
    header_at = _find_header(lines)
    first_cells = lines[header_at].split("\t")
    kolom = _kolom_from_header(
        match_header(first_cells) or {},
        first_cells,
        _next_tab_rows(lines, header_at),
        header_at + 1,
    )
    scan = _Scan(lines, kolom, header_at)
    for index in range(header_at + 1, len(lines)):
        line = lines[index]
        done = (
            scan.text_line(line, index + 1) if "\t" not in line else scan.tab_line(line, index + 1)
        )
        if done:
            break
    if not any(row.area is None for row in scan.rows):
        raise LampiranError(
            "Tabel lampiran terpotong: ada baris judul kolom tetapi tidak ada baris isi "
            "(komponen/indikator) sesudahnya.",
            line=header_at + 1,
        )
    return Tabel(scan.fmt, header_at + 1, scan.rows, scan.end_line, scan.warnings)


def _find_header(lines: list[str]) -> int:
    """0-based index of the table's first header line; LampiranError when there is none."""
    for index, line in enumerate(lines):
        if "\t" in line and match_header(line.split("\t")):
            return index
    raise LampiranError(
        "Tabel lampiran tidak ditemukan: tidak ada baris judul kolom (mis. NO, KOMPONEN, "
        "INDIKATOR, LANGKAH AKSI, BUKTI FISIK, TARGET WAKTU, atau No., Area Perubahan, "
        "Sub Kegiatan, Indikator Keberhasilan, Waktu) dengan sel dipisah tab."
    )


class _Scan:
    """The state of one pass over the lines after the first header (``read_table``)."""

    def __init__(self, lines: list[str], kolom: Kolom, header_at: int) -> None:
        self.lines = lines
        self.kolom = kolom
        self.fmt = kolom.format
        self.rows: list[Baris] = []
        self.warnings = [
            Peringatan(
                header_at + 1,
                f"Kolom '{title}' (kolom {index + 1}) tidak ada tempatnya di rencana aksi; isinya tidak diimpor.",
            )
            for index, title in kolom.ignored.items()
        ]
        self.after_break = False
        self.end_line = header_at + 1

    def add(self, baris: Baris) -> None:
        self.rows.append(baris)
        self.after_break = False
        self.end_line = baris.line

    def text_line(self, line: str, number: int) -> bool:
        """A line without a tab: page number, closing text, area row or stray text. True: stop."""
        text = clean_cell(line)
        if not text or _PAGE_NUMBER.match(text):
            self.after_break = True
            return False
        if _CLOSING.match(text):
            return True
        area = detect_area([text], self.kolom)
        if area:
            self.add(Baris(number, [text], self.kolom, self.after_break, area))
            return False
        self.warnings.append(
            Peringatan(number, f"Teks di luar sel tabel diabaikan: '{_short(text)}'.")
        )
        return False

    def tab_line(self, line: str, number: int) -> bool:
        """A tab-separated line: a repeated header, a numbering row or a table row. True: stop."""
        raw = line.split("\t")
        roles = match_header(raw)
        if roles:
            self.header(roles, raw, number)
            return False
        cells = [clean_cell(c) for c in raw]
        if not any(cells):
            self.after_break = True
            return False
        if month_row(raw) or is_numbering_row(raw):
            self.after_break = True
            self.end_line = number
            return False
        if _CLOSING.match(cells[0] if cells[0] else next(c for c in cells if c)):
            return True
        self.add(Baris(number, cells, self.kolom, self.after_break, detect_area(cells, self.kolom)))
        return False

    def header(self, roles: dict, raw: list[str], number: int) -> None:
        """A header repeated (at a page break): columns read by it from here on."""
        self.kolom = _kolom_from_header(roles, raw, _next_tab_rows(self.lines, number - 1), number)
        if self.kolom.format != self.fmt:
            self.warnings.append(
                Peringatan(
                    number,
                    f"Judul kolom berbeda dari judul pertama (format {self.kolom.format}, "
                    f"bukan {self.fmt}); kolom dibaca menurut judul ini.",
                )
            )
        self.after_break = True
        self.end_line = number


def _next_tab_rows(lines: list[str], index: int) -> list[list[str]]:
    """The (at most two) tab-separated lines right after line ``index`` (0-based)."""
    out = []
    for line in lines[index + 1 : index + 4]:
        if "\t" in line:
            out.append(line.split("\t"))
        if len(out) == 2:
            break
    return out


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
