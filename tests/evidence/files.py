"""Real small files of every allowed type, and real bad ones, generated for the tests."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

from PIL import Image

OOXML = "application/vnd.openxmlformats-officedocument"
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{target}"/></Relationships>'
)


def pdf(text: str = "Bukti fisik") -> bytes:
    """A valid one-page PDF written by pypdf (``text`` goes into the metadata title)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def png(size: tuple[int, int] = (8, 8)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def jpeg(size: tuple[int, int] = (8, 8)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buf, format="JPEG")
    return buf.getvalue()


def _ooxml(
    main_part: str,
    main_type: str,
    extra: dict[str, bytes] | None = None,
    *,
    extra_types: str = "",
    main_xml: str = '<?xml version="1.0"?><root>Bukti</root>',
) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/>{extra_types}</Types>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", _RELS.format(target=main_part))
        zf.writestr(main_part, main_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx(extra: dict[str, bytes] | None = None, *, extra_types: str = "") -> bytes:
    return _ooxml(
        "word/document.xml",
        f"{OOXML}.wordprocessingml.document.main+xml",
        extra,
        extra_types=extra_types,
    )


def docx_with_macro() -> bytes:
    """A DOCX carrying ``word/vbaProject.bin`` (a VBA project), as a .docm renamed .docx."""
    return docx(
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512},
        extra_types='<Override PartName="/word/vbaProject.bin" '
        'ContentType="application/vnd.ms-office.vbaProject"/>',
    )


def xlsx() -> bytes:
    """A real workbook written by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Bukti"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pptx() -> bytes:
    return _ooxml("ppt/presentation.xml", f"{OOXML}.presentationml.presentation.main+xml")


def _odf(mimetype: str, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        # ODF 1.2 §3.3: "mimetype" first and stored uncompressed
        zf.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            f'manifest:media-type="{mimetype}"/></manifest:manifest>',
        )
        zf.writestr(
            "content.xml",
            '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:'
            'tc:opendocument:xmlns:office:1.0"/>',
        )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def odt() -> bytes:
    return _odf("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return _odf("application/vnd.oasis.opendocument.spreadsheet")


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4(payload_bytes: int = 1024) -> bytes:
    """An ISO-BMFF file: ftyp (isom), moov with an mvhd, and an mdat of random bytes."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    mvhd = _box(b"mvhd", b"\x00" * 100)
    return ftyp + _box(b"moov", mvhd) + _box(b"mdat", os.urandom(payload_bytes))


GOOD = {
    "pdf": ("Laporan.pdf", pdf),
    "png": ("Foto kegiatan.png", png),
    "jpeg": ("Foto kegiatan.jpg", jpeg),
    "docx": ("Notulen.docx", docx),
    "xlsx": ("Rekap.xlsx", xlsx),
    "pptx": ("Paparan.pptx", pptx),
    "odt": ("Notulen.odt", odt),
    "ods": ("Rekap.ods", ods),
    "mp4": ("Video sosialisasi.mp4", mp4),
}


def elf() -> bytes:
    """A real executable from the system (``/bin/true``)."""
    for candidate in ("/bin/true", "/usr/bin/true"):
        if Path(candidate).exists():
            return Path(candidate).read_bytes()
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2048


def zip_bomb(uncompressed_mb: int = 50) -> bytes:
    """A DOCX-shaped zip whose one part inflates from ~50 KB to ``uncompressed_mb`` MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{OOXML}.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(uncompressed_mb):
                member.write(block)
    return buf.getvalue()


def overlapping_zip() -> bytes:
    """A zip whose two central-directory entries point at the same local data (overlap bomb)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w/>")
    data = bytearray(buf.getvalue())
    second = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    data[second + 42 : second + 46] = struct.pack("<I", 0)
    return bytes(data)
