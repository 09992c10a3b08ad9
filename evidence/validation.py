"""Content validation of uploaded evidence: what a file *is*, not what its name says.

Pure Python (no Django): ``detect_type(fileobj, size=...)`` reads the bytes and the container
structure and returns the ``JenisBerkas`` of an allowed type, or raises ``BerkasDitolak`` with
an Indonesian reason. The allowlist is what KPU offices really send as bukti fisik (issue 5):
PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS and MP4 (for documented events).

Checks, per type:
- PDF: starts with ``%PDF-`` at byte 0 (no polyglots hiding behind a prefix), ends with
  ``%%EOF`` (not truncated), and carries no ``/JavaScript`` or ``/Launch`` action (active
  content, the PDF counterpart of a macro);
- PNG/JPEG: the signature, then Pillow parses and verifies the image; a decompression bomb
  (more pixels than Pillow's ``MAX_IMAGE_PIXELS``) is refused;
- OOXML (DOCX/XLSX/PPTX) and ODF (ODT/ODS): a well-formed ZIP whose central directory is sane
  (no overlapping or duplicate entries, no encryption, bounded entry count, declared
  uncompressed size and compression ratio — the zip-bomb guards), the main part's content type
  decides the type; macros (``vbaProject.bin``, macro-enabled content types, ActiveX, ODF
  ``Basic/``/``Scripts/``) are refused;
- MP4: an ISO-BMFF file whose first box is ``ftyp`` with an MP4 brand and whose top-level boxes
  tile the file exactly and include ``moov``.
Everything else (executables, scripts, HTML, old binary Office files, plain archives) is refused
with a message that says what was found.
"""

from __future__ import annotations

import re
import struct
import warnings
import zipfile
from dataclasses import dataclass
from typing import BinaryIO


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


_OOXML = "application/vnd.openxmlformats-officedocument"
JENIS: dict[str, JenisBerkas] = {
    j.kode: j
    for j in [
        JenisBerkas("pdf", "PDF", "application/pdf", (".pdf",), inline=True),
        JenisBerkas("jpeg", "Gambar JPEG", "image/jpeg", (".jpg", ".jpeg"), inline=True),
        JenisBerkas("png", "Gambar PNG", "image/png", (".png",), inline=True),
        JenisBerkas("docx", "Dokumen Word", f"{_OOXML}.wordprocessingml.document", (".docx",)),
        JenisBerkas("xlsx", "Lembar kerja Excel", f"{_OOXML}.spreadsheetml.sheet", (".xlsx",)),
        JenisBerkas(
            "pptx", "Presentasi PowerPoint", f"{_OOXML}.presentationml.presentation", (".pptx",)
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

# Zip-bomb guards. Real DOCX/XLSX compress XML about 5–20×; a sparse sheet may reach ~100×.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_UNCOMPRESSED = 300 * 1024 * 1024  # bytes, the sum of declared entry sizes
ZIP_MAX_RATIO = 100  # declared uncompressed / compressed, over the archive
ZIP_RATIO_FLOOR = 10 * 1024 * 1024  # the ratio rule applies above this uncompressed total
ZIP_MAX_PART_READ = 2 * 1024 * 1024  # bytes read from [Content_Types].xml / mimetype

MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"}
    | {b"MSNV", b"mmp4", b"3gp4", b"3gp5", b"3g2a", b"f4v ", b"XAVC"}
)
MP4_MAX_BOXES = 100_000

_PDF_ACTIVE = re.compile(rb"/(JavaScript|Launch)(?![A-Za-z0-9])")
_SCAN_CHUNK = 1024 * 1024

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
        _check_pdf(f, size)
        return JENIS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(f, "PNG")
        return JENIS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        _check_image(f, "JPEG")
        return JENIS["jpeg"]
    if head.startswith(b"PK\x03\x04"):
        return _check_zip(f, size)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _check_mp4(f, size, head)
    for signature, what in _KNOWN_BAD:
        if head.startswith(signature):
            raise BerkasDitolak(f"isinya {what}, bukan jenis yang diizinkan ({ALLOWED_LABEL}).")
    if head.lstrip()[:1] == b"<":
        raise BerkasDitolak(f"isinya teks HTML/XML, bukan jenis yang diizinkan ({ALLOWED_LABEL}).")
    raise BerkasDitolak(f"jenis isinya tidak dikenali; yang diizinkan: {ALLOWED_LABEL}.")


def _check_pdf(f: BinaryIO, size: int) -> None:
    f.seek(max(0, size - 2048))
    if b"%%EOF" not in f.read():
        raise BerkasDitolak("PDF tidak lengkap atau rusak (penanda akhir %%EOF tidak ada).")
    # Stream the whole file in chunks with an overlap so a token cut by a chunk edge is seen.
    f.seek(0)
    tail = b""
    while chunk := f.read(_SCAN_CHUNK):
        window = tail + chunk
        found = _PDF_ACTIVE.search(window)
        if found:
            raise BerkasDitolak(
                f"PDF berisi aksi otomatis /{found.group(1).decode()} (skrip) yang tidak "
                "diizinkan; cetak ulang ke PDF biasa."
            )
        tail = window[-16:]


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


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as member:
        return member.read(ZIP_MAX_PART_READ)


def _check_zip(f: BinaryIO, size: int) -> JenisBerkas:
    f.seek(0)
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BerkasDitolak("berkas ZIP/Office rusak (struktur arsip tidak terbaca).") from exc
    with zf:
        infos = zf.infolist()
        _check_zip_structure(infos, size)
        names = {i.filename for i in infos}
        lower = {n.lower() for n in names}
        if "mimetype" in names:
            return _check_odf(zf, zf.getinfo("mimetype"), lower)
        if "[Content_Types].xml" in names:
            return _check_ooxml(zf, zf.getinfo("[Content_Types].xml"), lower)
    raise BerkasDitolak(
        f"arsip ZIP biasa tidak diterima; unggah dokumennya satu per satu ({ALLOWED_LABEL})."
    )


def _check_zip_structure(infos: list[zipfile.ZipInfo], size: int) -> None:
    if len(infos) > ZIP_MAX_ENTRIES:
        raise BerkasDitolak(f"arsip berisi terlalu banyak entri (> {ZIP_MAX_ENTRIES}).")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise BerkasDitolak("arsip berisi entri bernama ganda (struktur tidak sah).")
    if any(i.flag_bits & 0x1 for i in infos):
        raise BerkasDitolak("dokumen terenkripsi/berkata sandi tidak dapat diperiksa.")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    bomb = "rasio kompresinya tidak wajar (kemungkinan zip bomb)."
    if total > ZIP_MAX_UNCOMPRESSED:
        raise BerkasDitolak(f"isi arsip setelah diekstrak terlalu besar; {bomb}")
    if total > ZIP_RATIO_FLOOR and total / packed > ZIP_MAX_RATIO:
        raise BerkasDitolak(bomb)
    # Overlapping entries (one compressed kernel referenced many times) are the classic
    # non-recursive zip bomb; in a sane archive each entry lies after the previous one.
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for prev, nxt in zip(ordered, ordered[1:], strict=False):
        if prev.header_offset + 30 + prev.compress_size > nxt.header_offset:
            raise BerkasDitolak(f"entri arsip saling tumpang tindih; {bomb}")
    if ordered and ordered[-1].header_offset + ordered[-1].compress_size > size:
        raise BerkasDitolak("berkas ZIP/Office terpotong (entri melewati akhir berkas).")


_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _check_odf(zf: zipfile.ZipFile, info: zipfile.ZipInfo, lower: set[str]) -> JenisBerkas:
    mimetype = _read_member(zf, info).strip()
    kode = _ODF_TYPES.get(mimetype)
    if kode is None:
        raise BerkasDitolak(
            f"dokumen OpenDocument jenis {mimetype[:80].decode(errors='replace')!r} tidak "
            "diizinkan (hanya ODT dan ODS)."
        )
    if "meta-inf/manifest.xml" not in lower:
        raise BerkasDitolak("dokumen OpenDocument rusak (META-INF/manifest.xml tidak ada).")
    if any(n.startswith(("basic/", "scripts/")) for n in lower):
        raise BerkasDitolak("dokumen berisi makro/skrip yang tidak diizinkan.")
    return JENIS[kode]


_OOXML_MAIN = {
    "wordprocessingml.document.main+xml": "docx",
    "spreadsheetml.sheet.main+xml": "xlsx",
    "presentationml.presentation.main+xml": "pptx",
}


def _check_ooxml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, lower: set[str]) -> JenisBerkas:
    content_types = _read_member(zf, info).decode("utf-8", errors="replace").lower()
    macro = (
        any(n.rsplit("/", 1)[-1] == "vbaproject.bin" for n in lower)
        or "vbaproject" in content_types
        or "macroenabled" in content_types
        or any("/activex/" in f"/{n}" for n in lower)
    )
    if macro:
        raise BerkasDitolak(
            "dokumen berisi makro (VBA/ActiveX) yang tidak diizinkan; simpan ulang sebagai "
            "dokumen tanpa makro (DOCX/XLSX/PPTX) atau PDF."
        )
    for suffix, kode in _OOXML_MAIN.items():
        if f"{_OOXML.lower()}.{suffix}" in content_types:
            return JENIS[kode]
    raise BerkasDitolak(
        "dokumen Office tidak dikenali (bagian utama Word/Excel/PowerPoint tidak ditemukan)."
    )


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
