"""A lampiran table drawn without ruling lines, found from the text positions of one page.

A table without borders still has the geometry a table gives its text, and this module rebuilds
the cell grid from it, so that ``pdf_cells.table_cells`` reads it like a ruled table:

* the header row is a line whose runs of text (characters closer than ``_COLUMN_GAP``; cell
  padding on both sides of a column boundary is wider) are the lampiran's column titles
  (``plans.lampiran.table.match_header``); one run is one column;
* a column's text is left-aligned at its left edge while its title is centred, so a column
  starts at the leftmost run start found between the end of the title before it and the start of
  its own title (the middle between the titles when no run starts there);
* a row starts after a vertical gap (a row ends with its paragraph spacing) on a line where
  more than one column starts, or where the first (number) column does: a gap followed by a
  single column is a new paragraph of the same cell (a list item), not a new row; the header
  and the numbering row (``1 2 3 …``) are single lines, so any line after them starts a row;
* the table ends before a line whose text starts in the first (number) column and runs on
  into the next one, which no cell of a lampiran row does (the prose after the table: the
  signature block starts at the left margin), or after a gap of more than ``_TABLE_END`` line
  heights, or at the page's end; the
  header repeated on the next page starts it again.

A paragraph break that falls on the same line in two columns of one row is read as a new row;
that is the limit of positions alone, and why a ruled table is read by its lines instead. A
monthly schedule (``PELAKSANAAN BULAN`` over twelve narrow month columns) is not rebuilt: the
reader refuses it with a message.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import dataclass

from plans.lampiran.table import match_header

from .pdf_cells import line_text

#: A gap wider than this between two characters of a line separates two columns (points).
_COLUMN_GAP = 6.0
#: A run starting within this of a column's edge is aligned to it (points).
_ALIGN = 2.0
#: Characters whose tops are closer than this share a line (points), as in ``pdf_cells``.
_SAME_LINE = 2.0
#: A vertical gap over this many line heights ends the table (a row is one paragraph space
#: below the one above; an empty row adds about two line heights).
_TABLE_END = 6


@dataclass
class _Row:
    cells: list[tuple[float, float, float, float] | None]


@dataclass
class UnruledTable:
    """The grid of a table without lines, in the shape of ``pdfplumber.table.Table`` that
    ``pdf_cells.table_cells`` reads: ``rows[r].cells[c]`` = ``(x0, top, x1, bottom)``."""

    rows: list[_Row]
    bbox: tuple[float, float, float, float]


def _lines(chars: list[dict]) -> list[list[dict]]:
    """The page's characters grouped into lines, top to bottom (spaces left out)."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if ch["text"].isspace():
            continue
        if lines and abs(ch["top"] - lines[-1][0]["top"]) <= _SAME_LINE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return lines


def _runs(line: list[dict]) -> list[list[dict]]:
    """A line split where the gap between two characters is wider than ``_COLUMN_GAP``."""
    runs: list[list[dict]] = []
    for ch in sorted(line, key=lambda c: c["x0"]):
        if runs and ch["x0"] - runs[-1][-1]["x1"] <= _COLUMN_GAP:
            runs[-1].append(ch)
        else:
            runs.append([ch])
    return runs


def _header(lines) -> int | None:
    """The index of the header line; None without one, or for a monthly schedule, whose
    ``PELAKSANAAN BULAN`` title spans twelve month columns that only lines could separate."""
    for index, line in enumerate(lines):
        runs = _runs(line)
        roles = match_header([line_text(run) for run in runs]) if len(runs) >= 3 else None
        if roles:
            return None if "bulan" in roles else index
    return None


def _edges(titles: list[list[dict]], starts: list[float]) -> list[float]:
    """The left edge of each column (see the module docstring)."""
    edges = [0.0]  # the first column takes everything left of the second
    for before, title in itertools.pairwise(titles):
        end = max(ch["x1"] for ch in before)
        begin = min(ch["x0"] for ch in title)
        inside = [x for x in starts if end < x <= begin]
        edges.append(min(inside) if inside else (end + begin) / 2)
    return edges


def find_unruled_table(chars: list[dict], right: float) -> UnruledTable | None:
    """The lampiran table of one page laid out without lines, or None when there is none.

    Args:
        chars: the page's characters (pdfplumber dicts, top-down coordinates in points).
        right: the page's right edge (the last column's right boundary).
    """
    lines = _lines(chars)
    header = _header(lines)
    if header is None:
        return None
    body = lines[header:]
    starts = sorted(run[0]["x0"] for line in body[1:] for run in _runs(line))
    edges = _edges(_runs(lines[header]), starts)
    rows = _row_lines(body, edges)
    if len(rows) < 2:
        return None
    bounds = [*edges, right]
    grid = []
    for (top, spans), (end, _next) in itertools.pairwise(rows):
        grid.append(_Row(_cells(bounds, spans, top - _SAME_LINE, end - _SAME_LINE)))
    return UnruledTable(rows=grid, bbox=(0.0, rows[0][0] - _SAME_LINE, right, rows[-1][0]))


def _column(edges: list[float], x: float) -> int:
    return max(bisect_right(edges, x + _ALIGN) - 1, 0)


def _row_lines(body, edges) -> list[tuple[float, set[tuple[int, int]]]]:
    """``(top, spans)`` per row, then ``(end, set())`` for the table's end; a span is the
    first and last column a run of the row covers."""
    rows: list[tuple[float, set[tuple[int, int]]]] = []
    previous_bottom = None
    closed = True
    for line in body:
        runs = _runs(line)
        top = min(ch["top"] for ch in line)
        bottom = max(ch["bottom"] for ch in line)
        space = top - previous_bottom if previous_bottom is not None else 0.0
        spans = {(_column(edges, r[0]["x0"]), _column(edges, r[-1]["x1"] - _ALIGN)) for r in runs}
        if space > _TABLE_END * (bottom - top) or any(s == (0, s[1]) and s[1] > 0 for s in spans):
            break
        firsts = {first for first, _last in spans}
        if previous_bottom is None or (
            space > 0.5 * (bottom - top) and (len(firsts) > 1 or 0 in firsts or closed)
        ):
            rows.append((top, set()))
            # the header and the numbering row are one line each: what follows is a new row
            closed = previous_bottom is None or all(line_text(r).isdigit() for r in runs)
        rows[-1][1].update(spans)
        previous_bottom = bottom
    if previous_bottom is not None:
        rows.append((previous_bottom + _SAME_LINE, set()))
    return rows


def _cells(bounds, spans, top: float, bottom: float):
    """One row's cells: a run that crosses column edges makes its cell span those columns
    (a merged cell, as an area name across the table); the columns it covers are None."""
    cells: list[tuple[float, float, float, float] | None] = [
        (x0, top, x1, bottom) for x0, x1 in itertools.pairwise(bounds)
    ]
    for first, last in sorted(spans):
        if last > first and cells[first] is not None:
            cells[first] = (bounds[first], top, bounds[last + 1], bottom)
            for covered in range(first + 1, last + 1):
                cells[covered] = None
    return cells
