"""The allowed content types of evidence and the refusal exception (no Django, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass


class BerkasDitolak(Exception):
    """A file refused by validation; ``str(exc)`` is the Indonesian reason for the user."""


@dataclass(frozen=True)
class JenisBerkas:
    """An allowed content type: ``kode`` (``"pdf"``), label, MIME type, extensions (canonical
    first) and whether browsers may show it inline (PDF and images only)."""

    kode: str
    label: str
    content_type: str
    extensions: tuple[str, ...]
    inline: bool = False


OOXML = "application/vnd.openxmlformats-officedocument"
JENIS: dict[str, JenisBerkas] = {
    j.kode: j
    for j in [
        JenisBerkas("pdf", "PDF", "application/pdf", (".pdf",), inline=True),
        JenisBerkas("jpeg", "Gambar JPEG", "image/jpeg", (".jpg", ".jpeg"), inline=True),
        JenisBerkas("png", "Gambar PNG", "image/png", (".png",), inline=True),
        JenisBerkas("docx", "Dokumen Word", f"{OOXML}.wordprocessingml.document", (".docx",)),
        JenisBerkas("xlsx", "Lembar kerja Excel", f"{OOXML}.spreadsheetml.sheet", (".xlsx",)),
        JenisBerkas(
            "pptx", "Presentasi PowerPoint", f"{OOXML}.presentationml.presentation", (".pptx",)
        ),
        JenisBerkas(
            "odt", "Dokumen OpenDocument", "application/vnd.oasis.opendocument.text", (".odt",)
        ),
        JenisBerkas(
            "ods",
            "Lembar kerja OpenDocument",
            "application/vnd.oasis.opendocument.spreadsheet",
            (".ods",),
        ),
        JenisBerkas("mp4", "Video MP4", "video/mp4", (".mp4", ".m4v")),
    ]
}

ALLOWED_LABEL = "PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT, ODS, atau MP4"
