"""The text of each cell of a PDF table, rebuilt from the characters' positions.

pdfplumber finds the cells (by ruling lines); this module puts every character of the table in
the cell that holds its centre and rebuilds the cell's lines, keeping the geometry that plain
text loses, so that two artefacts of narrow columns are undone:

* a word longer than its column is broken without a hyphen (``Pengembanga`` / ``n Pegawai``):
  a line that is one word and reaches the cell's right edge, followed by a line starting with
  a lone lower-case letter, is joined to it without a space. Only a lone letter: a longer
  lower-case start (``mempertimbangkan`` / ``hasil``) is as likely a normal wrap, and Indonesian
  has no one-letter lower-case word, so only that case is certain;
* a header in a very narrow column is broken letter by letter (``N`` / ``O``, ``1`` / ``0``):
  a cell whose every line is at most two characters long is joined without spaces.

Assigning each character once (by bisection over the cells of its column) is also faster than
cropping the page once per cell.
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: Characters closer than this share a line (points; a table line is 9–12 pt high).
_SAME_LINE = 2.0


def line_text(chars: list[dict]) -> str:
    chars.sort(key=lambda ch: ch["x0"])
    out = []
    previous = None
    for ch in chars:
        text = ch["text"]
        if previous is not None and not text.isspace() and not out[-1].isspace():
            gap = ch["x0"] - previous["x1"]
            if gap > max(1.0, 0.2 * float(ch.get("size") or 10)):
                out.append(" ")
        out.append(text)
        previous = ch
    return " ".join("".join(out).split())


def _cell_lines(chars: list[dict], left_edge: float, right_edge: float) -> list[str]:
    """The lines of one cell, with broken words joined back (see the module docstring).

    A line "reaches the right edge" when the space left after it is at most the cell's left
    padding (measured on that line: text starts after the padding) plus one character: a
    normal wrap leaves at least a space and the next word's first characters free.
    """
    if not chars:
        return []
    chars.sort(key=lambda ch: (ch["top"], ch["x0"]))
    groups: list[list[dict]] = []
    for ch in chars:
        if groups and abs(ch["top"] - groups[-1][0]["top"]) <= _SAME_LINE:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    lines = [(line_text(group), group) for group in groups]
    lines = [(text, group) for text, group in lines if text]
    if lines and all(len(text) <= 2 for text, _group in lines):
        return ["".join(text for text, _group in lines)]
    out: list[str] = []
    fills = False
    for text, group in lines:
        if out and fills and re.match(r"[a-z](?![\w.)])", text):
            out[-1] += text
        else:
            out.append(text)
        x0 = min(ch["x0"] for ch in group)
        x1 = max(ch["x1"] for ch in group)
        char_width = (x1 - x0) / max(len(text), 1)
        fills = " " not in text and right_edge - x1 <= (x0 - left_edge) + char_width
    return out


def table_cells(table, chars: list[dict]) -> list[list[list[str]]]:
    """``rows[r][c]`` = the lines of the cell starting at row r, column c (``[]`` if covered).

    Args:
        table: a ``pdfplumber.table.Table`` (or ``pdf_unruled.UnruledTable``: ``rows[r].cells``
            and ``bbox`` are all this reads).
        chars: the page's characters (pdfplumber dicts); those outside the table are ignored.
    """
    rows = table.rows
    if not rows:
        return []
    found = _assign(rows, table.bbox, chars)
    return [
        [
            _cell_lines(found.get((r, c), []), cell[0], cell[2]) if cell else []
            for c, cell in enumerate(row.cells)
        ]
        for r, row in enumerate(rows)
    ]


def _assign(rows, bbox, chars: list[dict]) -> dict[tuple[int, int], list[dict]]:
    """``{(row, column): characters}``: each character of the table in the cell holding its
    centre, found by bisection over the column edges and then over the cells of a column."""
    columns = len(rows[0].cells)
    xs = sorted({cell[0] for row in rows for cell in row.cells if cell})
    by_column: list[list[tuple[float, float, float, float, int]]] = [[] for _ in range(columns)]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell:
                by_column[c].append((cell[1], cell[3], cell[0], cell[2], r))
    for entries in by_column:
        entries.sort()
    found: dict[tuple[int, int], list[dict]] = {}
    x0, top, x1, bottom = bbox
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        column = bisect_right(xs, cx) - 1
        while column >= 0:
            entries = by_column[column]
            at = bisect_right(entries, (cy, float("inf"))) - 1
            if at >= 0:
                c_top, c_bottom, c_x0, c_x1, r = entries[at]
                if c_top <= cy <= c_bottom and c_x0 <= cx <= c_x1:
                    found.setdefault((r, column), []).append(ch)
                    break
            column -= 1
    return found
