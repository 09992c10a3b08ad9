"""Hostile files made in the tests: PDFs written object by object (optionally packed into a
compressed object stream with an xref stream, PDF 1.5) and Office packages with active parts."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.evidence.files import OOXML, _ooxml

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


def pdf(objects: dict[int, bytes], *, packed: set[int] = frozenset()) -> bytes:
    """A PDF of ``objects`` (number → body; 1 is the catalog). Numbers in ``packed`` go into
    one Flate-compressed object stream, listed by a cross-reference stream."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(n for n in objects if n not in packed):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (num, objects[num]))
    stream_num = max(objects) + 1
    index: dict[int, int] = {}
    if packed:
        head, body = [], b""
        for i, num in enumerate(sorted(packed)):
            head.append(b"%d %d" % (num, len(body)))
            index[num] = i
            body += objects[num] + b"\n"
        header = b" ".join(head) + b"\n"
        data = zlib.compress(header + body)
        offsets[stream_num] = out.tell()
        out.write(
            b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
            b"stream\n%s\nendstream\nendobj\n"
            % (stream_num, len(packed), len(header), len(data), data)
        )
    xref_num = stream_num + 1
    size = xref_num + 1
    rows = b""
    for num in range(size):
        if num in offsets:
            rows += struct.pack(">BIH", 1, offsets[num], 0)
        elif num in index:
            rows += struct.pack(">BIH", 2, stream_num, index[num])
        elif num == xref_num:
            rows += struct.pack(">BIH", 1, out.tell(), 0)
        else:
            rows += struct.pack(">BIH", 0, 0, 65535)
    start = out.tell()
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /Root 1 0 R /W [1 4 2] /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
        % (xref_num, size, len(rows), rows, start)
    )
    return out.getvalue()


def pdf_with(catalog: bytes = CATALOG, extra: dict[int, bytes] | None = None, **kw) -> bytes:
    return pdf({1: catalog, 2: PAGES, 3: PAGE, **(extra or {})}, **kw)


RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def rels(*items: tuple[str, str, str | None]) -> str:
    """A ``.rels`` part: ``(type tail, target, target mode or None)`` per relationship."""
    body = "".join(
        f'<Relationship Id="rId{i}" Type="{R_TYPE}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for i, (kind, target, mode) in enumerate(items, start=10)
    )
    return f'<?xml version="1.0"?><Relationships xmlns="{RELS_NS}">{body}</Relationships>'


def word_document(body: str) -> str:
    return f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def docx(parts: dict[str, bytes | str], *, body: str = "<w:p/>", types: str = "") -> bytes:
    return _ooxml(
        "word/document.xml",
        f"{OOXML}.wordprocessingml.document.main+xml",
        parts,
        extra_types=types,
        main_xml=word_document(body),
    )


def xlsx(sheet_xml: str, parts: dict[str, str] | None = None) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{ns}"><sheetData>{sheet_xml}'
        "</sheetData></worksheet>"
    )
    return _ooxml(
        "xl/workbook.xml",
        f"{OOXML}.spreadsheetml.sheet.main+xml",
        {"xl/worksheets/sheet1.xml": sheet, **(parts or {})},
        main_xml=f'<?xml version="1.0"?><workbook xmlns="{ns}"/>',
    )


def lying_zip(declared: int = 1024, actual: int = 64 * 1024 * 1024) -> bytes:
    """A DOCX-shaped zip whose document part declares ``declared`` bytes but inflates to
    ``actual`` (the directory and local header are patched after writing)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/word/document.xml" ContentType="{OOXML}.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        zf.writestr("word/document.xml", b"\0" * actual)
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30 : local + 30 + len(name)] == name:
            data[local + 22 : local + 26] = struct.pack("<I", declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46 : central + 46 + len(name)] == name:
            data[central + 24 : central + 28] = struct.pack("<I", declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)
