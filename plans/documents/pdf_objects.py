"""A PDF page's characters and straight path segments read by PDFium, in pdfplumber's shapes.

pdfplumber builds its page objects by interpreting the content stream in Python (pdfminer):
about one second per page of a dense lampiran table, so a 1,200-row lampiran took minutes.
PDFium (``pypdfium2``, C) reads the same page in milliseconds. This module gives a pdfplumber
``Page`` the objects the reader uses, read by PDFium, so pdfplumber's table finder and text
line extraction then run unchanged on them (``docs/architecture.md`` §4):

* ``char`` dicts as pdfminer makes them: ``x0`` the glyph's origin, ``x1`` the right edge of
  PDFium's loose box (the origin plus the advance; up to a point further where a glyph's ink
  overhangs its advance, as DejaVu's f), ``bottom`` the baseline lowered by the font's descent (its descriptor's
  ``Descent``) and ``top`` one font size above that; the size is scaled by the text's matrix
  (top-down coordinates, points). PDFium's own inferred spaces and line breaks are left out
  (pdfminer has only the characters the page draws), and the marker PDFium puts for a hyphen
  ending a line is the hyphen again;
* every straight segment of a painted path as a two-point ``curve``, which pdfplumber turns
  into one edge (horizontal, vertical, or ignored when slanted), as it does for the lines and
  rectangles pdfminer finds.

Pages that PDFium and pdfminer place differently (rotated, or a media box not at the origin)
are not handled here: ``page_objects`` returns None and the caller lets pdfplumber parse them.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

#: Coordinates are rounded so that a line transformed by its matrix stays exactly
#: horizontal/vertical (pdfplumber tests ``y0 == y1``); 1/10,000 pt is far below any layout.
_DIGITS = 4
_MOVE = raw.FPDF_SEGMENT_MOVETO
_MARKERS = "\ufffe\x02"
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_FORM_DEPTH = 15  # nested Form XObjects followed (pypdfium2's default)


def open_document(data: bytes) -> pdfium.PdfDocument:
    """The PDFium document of ``data``; raises ``pypdfium2.PdfiumError`` when it cannot open."""
    return pdfium.PdfDocument(data)


def page_objects(document: pdfium.PdfDocument, index: int, number: int, doctop: float):
    """``{"char": [...], "curve": [...]}`` of page ``index`` (0-based), or None (see module).

    Args:
        document: from ``open_document``.
        index: the page's index; ``number`` its pdfplumber ``page_number`` (1-based).
        doctop: the page's ``initial_doctop`` in pdfplumber (points from the document's top).
    """
    page = document[index]
    try:
        left, bottom, _right, _top = page.get_mediabox()
        if page.get_rotation() or left or bottom:
            return None
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, height, number, doctop)
        finally:
            textpage.close()
        curves: list[dict] = []
        count = raw.FPDFPage_CountObjects(page.raw)
        objects = [raw.FPDFPage_GetObject(page.raw, i) for i in range(count)]
        _paths(objects, _IDENTITY, curves, (height, number, doctop))
        return {"char": chars, "curve": curves}
    finally:
        page.close()


def _c_function(function, *argtypes, restype=ctypes.c_void_p):
    """``function`` called with plain integers (handles, addresses), returning ``restype``.

    pypdfium2's typed wrappers convert each argument in Python, which costs more than the
    call itself when it runs once per character; the same C function declared with
    ``c_void_p``/``c_int`` arguments skips that.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_TEXT_OBJECT = _c_function(raw.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_int)
_LOOSE_BOX = _c_function(
    raw.FPDFText_GetLooseCharBox, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_ORIGIN = _c_function(
    raw.FPDFText_GetCharOrigin,
    ctypes.c_void_p,
    ctypes.c_int,
    ctypes.c_void_p,
    ctypes.c_void_p,
    restype=ctypes.c_int,
)
_FONT = _c_function(raw.FPDFTextObj_GetFont, ctypes.c_void_p)
_DESCENT = _c_function(
    raw.FPDFFont_GetDescent, ctypes.c_void_p, ctypes.c_float, ctypes.c_void_p, restype=ctypes.c_int
)


class _Run:
    """Baseline, size and descent of the characters of one text object (one text-showing
    operator: its characters share all three), read once for the object."""

    def __init__(self, handle, index: int, text_object: int, descents: dict) -> None:
        x = ctypes.c_double()
        y = ctypes.c_double()
        matrix = raw.FS_MATRIX()
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        raw.FPDFText_GetMatrix(handle, index, matrix)
        # pdfminer's size is the font size scaled by the text's matrix (WeasyPrint draws at
        # 0.75); its descent is the font descriptor's, as PDFium's ``FPDFFont_GetDescent``.
        self.size = raw.FPDFText_GetFontSize(handle, index) * abs(matrix.d or 1.0)
        font = _FONT(text_object)
        if font not in descents:
            descent = ctypes.c_float()
            ok = font and _DESCENT(font, 1000.0, ctypes.addressof(descent))
            descents[font] = descent.value / 1000 if ok else 0.0
        self.y0 = y.value + descents[font] * self.size


def _chars(textpage, height: float, number: int, doctop: float) -> list[dict]:
    """The drawn characters of a page (see the module docstring for the box)."""
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # a character outside the BMP: read code points one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
    address = ctypes.cast(handle, ctypes.c_void_p).value
    box = raw.FS_RECTF()
    box_address = ctypes.addressof(box)
    x = ctypes.c_double()
    y = ctypes.c_double()  # kept alive: PDFium writes to it through its address
    x_address, y_address = ctypes.addressof(x), ctypes.addressof(y)
    current = run = None
    size = y0 = top = bottom = 0.0
    descents: dict = {}
    out = []
    for i, ch in enumerate(text):
        if ch.isspace() and (ch in "\r\n" or raw.FPDFText_IsGenerated(handle, i)):
            continue  # PDFium's own line breaks and inferred spaces: not drawn on the page
        if ch in _MARKERS:
            # PDFium replaces a hyphen that ends a line by a marker; the page draws a hyphen
            ch = "-"
        text_object = _TEXT_OBJECT(address, i)
        if text_object != current or run is None:
            current = text_object
            run = _Run(handle, i, text_object, descents)
            size, y0 = run.size, run.y0
            bottom = height - y0
            top = bottom - size
        _ORIGIN(address, i, x_address, y_address)
        _LOOSE_BOX(address, i, box_address)
        x0 = x.value
        x1 = box.right if box.right > x0 else x0
        out.append(
            {
                "object_type": "char",
                "page_number": number,
                "text": ch,
                "size": size,
                "upright": True,
                "x0": x0,
                "x1": x1,
                "y0": y0,
                "y1": y0 + size,
                "width": x1 - x0,
                "height": size,
                "top": top,
                "bottom": bottom,
                "doctop": doctop + top,
            }
        )
    return out


def _compose(inner, outer):
    """The matrix that applies ``inner`` then ``outer`` (PDF ``a b c d e f`` order)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _paths(objects, outer, out: list[dict], place, depth: int = 0) -> None:
    """Append the segments of the path objects (and of those inside forms) to ``out``."""
    matrix = raw.FS_MATRIX()
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        own = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            out.extend(_segments(obj, own, place))
        elif depth < _FORM_DEPTH:
            count = raw.FPDFFormObj_CountObjects(obj)
            children = [raw.FPDFFormObj_GetObject(obj, i) for i in range(count)]
            _paths(children, own, out, place, depth + 1)


def _segments(obj, matrix, place) -> list[dict]:
    """The straight segments of a painted path object, as pdfplumber ``curve`` dicts."""
    height, number, doctop = place
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not (fill.value or stroke.value):
        return []
    a, b, c, d, e, f = matrix
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    out = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (
            round(a * x.value + c * y.value + e, _DIGITS),
            round(height - (b * x.value + d * y.value + f), _DIGITS),
        )
        if raw.FPDFPathSegment_GetType(segment) == _MOVE or not points:
            start = point
        else:
            out.append(_curve(points[-1], point, number, doctop))
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and start is not None and start != point:
            out.append(_curve(point, start, number, doctop))
    return out


def _curve(p0, p1, number: int, doctop: float) -> dict:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    return {
        "object_type": "curve",
        "page_number": number,
        "pts": [p0, p1],
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": doctop + top,
        "width": x1 - x0,
        "height": bottom - top,
    }
