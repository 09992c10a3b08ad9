"""Tell the three document formats apart by content (never by file name) and refuse the rest.

Rules: a PDF starts with ``%PDF`` (within its first KiB, as readers allow); a Word document is a
ZIP holding ``word/document.xml`` (Office Open XML); an OLE compound file (``D0 CF 11 E0``) is
either an encrypted Office document (it holds an ``EncryptedPackage`` stream: that is how Word
stores a password-protected .docx) or a Word 97–2003 .doc; images, spreadsheets and other
binaries are named when ``filetype`` recognises them. Anything else is read as text.
"""

from __future__ import annotations

import io
import zipfile

import filetype

from plans.lampiran import LampiranError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WHAT_TO_UPLOAD = (
    "Unggah SK sebagai berkas Word (.docx), PDF digital (dicetak/diekspor dari Word, bukan "
    "dipindai) atau teks (.txt)."
)


def detect_format(data: bytes) -> str:
    """Return ``"pdf"``, ``"docx"`` or ``"txt"`` for the document bytes.

    Raises:
        LampiranError: a password-protected Office file, a Word 97–2003 .doc, another ZIP/Office
            format (XLSX, ODT…), an image or another recognised binary format; the Indonesian
            message says what the file is and what to upload instead.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise LampiranError(
                "Berkas Word ini dilindungi kata sandi, sehingga isinya tidak dapat dibaca. "
                "Buka di Word, hapus kata sandinya (File › Info › Protect Document), simpan, "
                "lalu unggah lagi."
            )
        raise LampiranError(
            "Berkas ini dokumen Word lama (.doc, Word 97–2003). Buka di Word/LibreOffice, "
            "simpan sebagai .docx, lalu unggah berkas .docx itu."
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise LampiranError(
            "Berkas ini dokumen RTF. Simpan sebagai .docx di Word/LibreOffice, lalu unggah lagi."
        )
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime.startswith("image/"):
            raise LampiranError(
                f"Berkas ini gambar ({kind.extension.upper()}), bukan dokumen SK yang berisi "
                f"teks. {_WHAT_TO_UPLOAD}"
            )
        raise LampiranError(
            f"Format berkas tidak dikenali sebagai SK ({kind.mime}). {_WHAT_TO_UPLOAD}"
        )
    return "txt"


def _zip_format(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise LampiranError(
            f"Berkas ZIP/Word ini rusak atau tidak lengkap (gagal dibuka). {_WHAT_TO_UPLOAD}"
        ) from error
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        what = "lembar kerja Excel (.xlsx); impor XLSX ada di halaman rencana aksi"
    elif "content.xml" in names:
        what = "dokumen OpenDocument (.odt/.ods); simpan sebagai .docx"
    elif "ppt/presentation.xml" in names:
        what = "presentasi PowerPoint"
    else:
        what = "arsip ZIP"
    raise LampiranError(f"Berkas ini {what}, bukan dokumen SK. {_WHAT_TO_UPLOAD}")
