"""Read an SK file as offices hold it (plain text, Word .docx or a digital PDF) and parse it.

``read_document(data) -> HasilParse`` chooses the reader by the file's content (never its name,
see ``sniff``), turns the file into the lampiran parser's text form (``docx_reader``,
``pdf_reader``) and parses it with ``plans.lampiran.parse_lampiran``; every warning then names
the place the user finds in the file (``halaman 3, baris tabel 5`` for a PDF, ``tabel 1,
baris 12`` for a Word table, a line number for text). Pure Python (no Django), like the parser.
"""

from __future__ import annotations

import re

from plans.lampiran import HasilParse, LampiranError, Peringatan, parse_lampiran

from .model import Ekstraksi
from .sniff import detect_format
from .text_reader import decode_text

__all__ = ["Ekstraksi", "decode_text", "detect_format", "extract", "read_document"]


def extract(data: bytes, *, max_bytes: int | None = None) -> Ekstraksi:
    """The document's lines in the parser's text form, by its detected format.

    Raises:
        LampiranError: empty, too big (over ``max_bytes``), unknown format, password-protected,
            damaged, or a scanned PDF; the Indonesian message says what to upload instead.
    """
    if not data or not data.strip():
        raise LampiranError("Berkas kosong: tidak ada isi untuk diimpor.")
    if max_bytes is not None and len(data) > max_bytes:
        raise LampiranError(f"Berkas terlalu besar (batas {max_bytes // (1024 * 1024)} MB).")
    kind = detect_format(data)
    if kind == "docx":
        from .docx_reader import read_docx

        return read_docx(data)
    if kind == "pdf":
        from .pdf_reader import read_pdf

        return read_pdf(data)
    text = decode_text(data)
    return Ekstraksi(format="txt", lines=text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


_LINE_REFERENCE = re.compile(r"\bbaris (\d+)\b")


def _name_places(message: str, lokasi: dict[int, str]) -> str:
    """``lanjutan baris 101`` → ``lanjutan halaman 4, baris tabel 12``: a line number of the
    extracted text means nothing to the user of a Word/PDF file; the place does."""

    def place(match: re.Match[str]) -> str:
        return lokasi.get(int(match.group(1)), match.group(0))

    return _LINE_REFERENCE.sub(place, message)


def read_document(data: bytes, *, max_bytes: int | None = None) -> HasilParse:
    """Parse an SK file (text, .docx or digital PDF) into SK metadata and plan rows.

    Args:
        data: the file's bytes.
        max_bytes: refuse larger files (None: no limit).

    Returns:
        ``HasilParse`` as ``parse_lampiran`` gives it, with ``sumber_format`` set and
        ``lokasi`` naming, per line of the extracted text, the place in the file; warnings
        carry that place in ``Peringatan.lokasi``.

    Raises:
        LampiranError: see ``extract``; and what ``parse_lampiran`` raises (no lampiran table,
            a table of another shape …), with the place in the file added to the message.
    """
    ekstraksi = extract(data, max_bytes=max_bytes)
    try:
        hasil = parse_lampiran(ekstraksi.text)
    except LampiranError as error:
        if error.line and error.line in ekstraksi.lokasi:
            raise LampiranError(f"{error.message} ({ekstraksi.lokasi[error.line]})") from error
        if ekstraksi.format != "txt":
            raise LampiranError(error.message) from error
        raise
    hasil.sumber_format = ekstraksi.format
    hasil.lokasi = ekstraksi.lokasi
    hasil.warnings += [Peringatan(line, message) for line, message in ekstraksi.warnings]
    for warning in hasil.warnings:
        warning.lokasi = ekstraksi.lokasi.get(warning.line)
        if ekstraksi.lokasi:
            warning.message = _name_places(warning.message, ekstraksi.lokasi)
    hasil.warnings.sort(key=lambda w: w.line)
    return hasil
