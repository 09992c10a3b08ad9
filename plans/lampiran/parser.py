"""``parse_lampiran``: the entry point that checks the input and runs the readers."""

from __future__ import annotations

import re

from .model import HasilParse, LampiranError, Peringatan
from .rb import read_rb
from .sk import read_sk
from .table import read_table
from .zi import read_zi
from .zi_bulanan import read_zi_bulanan

_READERS = {"zi": read_zi, "zi_bulanan": read_zi_bulanan, "rb": read_rb}
# C0 controls other than tab/newline/carriage return/form feed, C1 controls, U+FFFD.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _check_text(text: str) -> str:
    """Refuse what is not the text of a document; returns the text with unified newlines."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise LampiranError(
                "Berkas bukan teks UTF-8 (berisi byte biner). Unggah teks hasil ekstraksi "
                "dokumen SK, bukan berkas PDF/Word/gambar."
            ) from error
    if not isinstance(text, str):
        raise TypeError(f"text harus str, bukan {type(text).__name__}")
    if text.lstrip().startswith("%PDF"):
        raise LampiranError(
            "Berkas ini adalah PDF mentah, bukan teks. Ekstrak dulu teks dokumen SK (atau "
            "tempelkan isi tabelnya), lalu impor teks itu."
        )
    if "\x00" in text or len(_BINARY.findall(text)) > max(3, len(text) // 200):
        raise LampiranError(
            "Berkas bukan teks (berisi byte biner/karakter kendali). Unggah teks hasil "
            "ekstraksi dokumen SK, bukan berkas PDF/Word/gambar."
        )
    if not text.strip():
        raise LampiranError("Dokumen kosong: tidak ada teks untuk dibaca.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_lampiran(text: str) -> HasilParse:
    """Parse the text of a KPU SK with its lampiran into SK metadata and plan rows.

    Args:
        text: the document as text (PDF/Word extraction or pasted): table rows are lines of
            tab-separated cells; anything before the table is the SK and the lampiran's
            narrative, anything after it the signature block. A table alone is accepted too.

    Returns:
        ``HasilParse`` with the format (``zi``/``zi_bulanan``/``rb``), the SK metadata, the leaf
        rows in document order and the warnings (sorted by line) for everything repaired,
        merged or not read.

    Raises:
        LampiranError: empty input, binary data or a raw PDF, no table header, or a header with
            no rows after it. The message is Indonesian; ``.line`` points at the problem when
            there is one line to point at.
    """
    text = _check_text(text)
    lines = [line.replace("\f", "") for line in text.split("\n")]
    tabel = read_table(lines)
    sk, sk_warnings = read_sk(lines, tabel.header_line, tabel.end_line)
    rows, row_warnings = _READERS[tabel.format](tabel, sk.tahun)
    if not rows:
        raise LampiranError(
            "Tabel lampiran tidak berisi baris rencana aksi yang dapat dibaca.",
            line=tabel.header_line,
        )
    warnings: list[Peringatan] = sk_warnings + tabel.warnings + row_warnings
    warnings.sort(key=lambda w: w.line)
    return HasilParse(format=tabel.format, sk=sk, rows=rows, warnings=warnings)
