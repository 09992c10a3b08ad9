"""Content validation of uploaded evidence: what a file *is*, not what its name says.

Pure Python (no Django): ``detect_type(fileobj, size=...)`` reads the bytes and the container
structure and returns the ``JenisBerkas`` of an allowed type, or raises ``BerkasDitolak`` with
an Indonesian reason. The allowlist is what KPU offices really send as bukti fisik: PDF, JPEG,
PNG, DOCX, XLSX, PPTX, ODT, ODS and MP4 (for documented events).

Checks, per type:
- PDF (``pdf``): starts with ``%PDF-`` at byte 0 (no polyglots hiding behind a prefix), ends
  with ``%%EOF``, and, parsed with pypdf object by object (object streams and ``#xx`` name
  escapes included), carries no JavaScript, Launch or other active action, no automatic
  action (OpenAction/AA) and no embedded or referenced file;
- PNG/JPEG: the signature, then Pillow parses and verifies the image; a decompression bomb
  (more pixels than Pillow's ``MAX_IMAGE_PIXELS``) is refused;
- OOXML (DOCX/XLSX/PPTX) and ODF (ODT/ODS) (``archive``, ``office``): a sane ZIP whose entries
  are really inflated under a byte budget (zip bombs), with no macros, OLE objects, external
  relationships or DDE;
- MP4: an ISO-BMFF file whose first box is ``ftyp`` with an MP4 brand and whose top-level boxes
  tile the file exactly and include ``moov``.
Everything else (executables, scripts, HTML, old binary Office files, plain archives) is refused
with a message that says what was found. A virus scanner (ClamAV) can be added on top
(``evidence.validation.clamav``, off by default).
"""

from __future__ import annotations

import struct
import warnings
from typing import BinaryIO

from evidence.validation.archive import (
    ZIP_MAX_ENTRIES,
    ZIP_MAX_RATIO,
    ZIP_MAX_UNCOMPRESSED,
    ZIP_RATIO_FLOOR,
    check_zip,
)
from evidence.validation.jenis import ALLOWED_LABEL, JENIS, BerkasDitolak, JenisBerkas
from evidence.validation.pdf import check_pdf

__all__ = [
    "ALLOWED_LABEL",
    "JENIS",
    "ZIP_MAX_ENTRIES",
    "ZIP_MAX_RATIO",
    "ZIP_MAX_UNCOMPRESSED",
    "ZIP_RATIO_FLOOR",
    "BerkasDitolak",
    "JenisBerkas",
    "detect_type",
]

MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"}
    | {b"MSNV", b"mmp4", b"3gp4", b"3gp5", b"3g2a", b"f4v ", b"XAVC"}
)
MP4_MAX_BOXES = 100_000

# Signatures of things people do send by mistake, to say what was found.
_KNOWN_BAD: list[tuple[bytes, str]] = [
    (b"\x7fELF", "program Linux (ELF)"),
    (b"MZ", "program Windows (EXE/DLL)"),
    (b"#!", "skrip program"),
    (b"\xca\xfe\xba\xbe", "program Java/macOS"),
    (b"\xcf\xfa\xed\xfe", "program macOS"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "dokumen Office lama (DOC/XLS/PPT)"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip GZIP"),
    (b"{\\rtf", "dokumen RTF"),
    (b"GIF8", "gambar GIF"),
    (b"RIFF", "berkas RIFF (WEBP/AVI/WAV)"),
]


def detect_type(f: BinaryIO, *, size: int) -> JenisBerkas:
    """Return the allowed type of the seekable binary file ``f`` of ``size`` bytes.

    Reads from the start and may seek anywhere; leaves the position undefined (callers seek
    back). Raises ``BerkasDitolak`` with the reason when the file is empty, not of an allowed
    type, malformed, carries active content (macros, PDF JavaScript) or is a zip bomb.
    """
    if size <= 0:
        raise BerkasDitolak("berkas kosong (0 bait).")
    f.seek(0)
    head = f.read(4096)
    if head.startswith(b"%PDF-"):
        check_pdf(f, size)
        return JENIS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(f, "PNG")
        return JENIS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        _check_image(f, "JPEG")
        return JENIS["jpeg"]
    if head.startswith(b"PK\x03\x04"):
        return check_zip(f, size)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _check_mp4(f, size, head)
    for signature, what in _KNOWN_BAD:
        if head.startswith(signature):
            raise BerkasDitolak(f"isinya {what}, bukan jenis yang diizinkan ({ALLOWED_LABEL}).")
    if head.lstrip()[:1] == b"<":
        raise BerkasDitolak(f"isinya teks HTML/XML, bukan jenis yang diizinkan ({ALLOWED_LABEL}).")
    raise BerkasDitolak(f"jenis isinya tidak dikenali; yang diizinkan: {ALLOWED_LABEL}.")


def _check_image(f: BinaryIO, expected: str) -> None:
    from PIL import Image

    f.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; we refuse at the limit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(f) as img:
                found = img.format
                img.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise BerkasDitolak("resolusi gambar tidak wajar (kemungkinan bom dekompresi).") from exc
    except Exception as exc:  # Pillow raises many types for broken files
        raise BerkasDitolak(f"gambar {expected} rusak atau tidak dapat dibaca.") from exc
    if found != expected:
        raise BerkasDitolak(f"isi gambar tidak sesuai tanda tangan {expected}.")


def _check_mp4(f: BinaryIO, size: int, head: bytes) -> JenisBerkas:
    brand = head[8:12]
    if brand == b"qt  ":
        raise BerkasDitolak("video QuickTime (MOV) belum diterima; ubah ke MP4 lalu unggah.")
    if brand not in MP4_BRANDS:
        raise BerkasDitolak(f"video dengan merek {brand!r} bukan MP4 yang diizinkan.")
    position = 0
    boxes = set()
    count = 0
    while position < size:
        f.seek(position)
        header = f.read(16)
        if len(header) < 8:
            raise BerkasDitolak("video MP4 rusak (kotak terakhir terpotong).")
        box_size, box_type = struct.unpack(">I4s", header[:8])
        if box_size == 1:
            if len(header) < 16:
                raise BerkasDitolak("video MP4 rusak (ukuran kotak 64-bit terpotong).")
            box_size = struct.unpack(">Q", header[8:16])[0]
        elif box_size == 0:  # "extends to the end of the file" (ISO/IEC 14496-12 §4.2)
            box_size = size - position
        if box_size < 8 or position + box_size > size or not box_type.isascii():
            raise BerkasDitolak("video MP4 rusak (struktur kotak ISO-BMFF tidak sah).")
        boxes.add(box_type)
        position += box_size
        count += 1
        if count > MP4_MAX_BOXES:
            raise BerkasDitolak("video MP4 berisi terlalu banyak kotak tingkat atas.")
    if b"moov" not in boxes:
        raise BerkasDitolak("video MP4 tidak lengkap (kotak 'moov' tidak ada).")
    return JENIS["mp4"]
