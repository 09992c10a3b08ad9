"""Decode a plain-text SK (bytes) to text."""

from __future__ import annotations

from plans.lampiran import LampiranError


def decode_text(data: bytes) -> str:
    """Decode a text document: UTF-8 (with or without BOM), else Windows-1252 (older exports).

    Raises:
        LampiranError: binary content (NUL bytes or many control characters) that is none of
            the formats the import reads.
    """
    if b"\x00" in data[:65536]:
        raise LampiranError(
            "Berkas ini bukan teks dan bukan Word (.docx) atau PDF (berisi data biner yang "
            "tidak dikenali). Unggah SK sebagai .docx, PDF digital atau teks (.txt)."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise LampiranError(
            "Berkas ini bukan teks yang dapat dibaca (banyak karakter kendali) dan bukan Word "
            "(.docx) atau PDF."
        )
    return text
