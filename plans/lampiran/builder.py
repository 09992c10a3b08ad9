"""Build the plan tree from table rows: spanning cells, page-break continuations, split cells.

The lampiran draws a tree with spanning cells: a komponen's NO/KOMPONEN cells are filled on its
first row only, an indikator's cell on its first row only, and so on. Reading row by row, the
leftmost filled level of a row starts a new node there and new nodes at every level below it;
the levels above stay open. The format readers (``zi``, ``zi_bulanan``, ``rb``) turn each table
row into a ``RowData`` with one text per level and feed it here.

Page breaks. A row cut by a page break goes on in the first row of the next page, cell by cell,
with NO/KOMPONEN empty, exactly like a real new row. ``Builder._continuation_score`` decides,
only for the first row after a page break (repeated header, numbering row or blank line):

* a row that carries its own leaf attribute (TARGET WAKTU / Waktu text, or ✓ marks) is a real
  row: a cut row leaves the schedule on the first part;
* every filled cell must have a non-empty cell above it to continue;
* then evidence is weighed, starting from +1 for the missing schedule: a row whose filled cells do not run down to the leaf column
  (e.g. only LANGKAH AKSI) +3; a first cell starting in lower case or with a bare number
  (``budaya kerja …``, ``2019 pegawai …``) +2; a ``- item`` continuing a list +2; the cell
  above ending open (comma, hyphen, ``dan``, ``yang``, ``dengan`` …) +2; a KOMPONEN without
  NO in a document that numbers its komponen +3; the cell above ending with ``.``/``;`` -2;
  a first cell starting in upper case -1. A score of 2 or more is a continuation.
* a leaf cell that goes on with the next list label (``b.`` after ``a.``) is a sibling of the
  leaf above, so the other filled cells of that row can only be the rest of the cells above.

Every merge and every repair is reported as a ``Peringatan`` so a person can check it.
"""

from __future__ import annotations

import re

from .model import Peringatan
from .text import ends_closed, ends_open, int_to_roman, join_text, roman_to_int, starts_lower
from .tree import Area, Leaf, Node, RowData, _last_label, _short, split_items

__all__ = ["Area", "Builder", "Leaf", "Node", "RowData", "split_items"]


class Builder:
    """Feed ``RowData`` in document order; ``leaves`` and ``warnings`` hold the result.

    Args:
        level_names: the column name of each level, top to leaf, for messages
            (``("KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK")``).
        attribute_name: the leaf attribute's column name for messages ("TARGET WAKTU").
        split_cells: split ``a. … b. …`` leaf cells into one leaf per item (monthly format).
        group_is_area: level 0 is the area itself (RB table with an "Area Perubahan" column).
    """

    def __init__(self, level_names: tuple[str, ...], attribute_name: str, *,
                 split_cells: bool = False, group_is_area: bool = False) -> None:  # fmt: skip
        self.names = level_names
        self.attribute_name = attribute_name
        self.n = len(level_names)
        self.split_cells = split_cells
        self.group_is_area = group_is_area
        self.open: list[Node | None] = [None] * self.n
        self.counters = [0] * self.n
        self.leaves: list[Leaf] = []
        self.areas: list[Area] = []
        self.area: Area | None = None
        self.warnings: list[Peringatan] = []
        self.pending: list[Leaf] = []
        self.pj_current = ""
        self.group_numbers: list[int] = []
        self.numbered = 0
        self.unnumbered = 0

    # -- areas -------------------------------------------------------------------------------
    def start_area(self, numeral: str | None, nama: str, line: int) -> Area:
        """Open a new area; a numeral None is the next in sequence (reported), '' stays ''."""
        self._close_pending()
        if numeral is None:
            numeral = int_to_roman(len(self.areas) + 1)
            self.warn(
                line, f"Baris area '{_short(nama)}' tanpa nomor romawi; diberi nomor {numeral}."
            )
        if numeral and any(a.numeral == numeral for a in self.areas):
            self.warn(line, f"Nomor area {numeral} muncul lebih dari sekali.")
        area = Area(len(self.areas), numeral, nama, line)
        self.areas.append(area)
        self.area = area
        self.open = [None] * self.n
        self.pj_current = ""
        self.group_numbers = []
        return area

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Peringatan(line, message))

    # -- rows --------------------------------------------------------------------------------
    def feed(self, row: RowData) -> None:
        """Add one table row (see the module docstring for the rules)."""
        filled = [i for i in range(self.n) if row.levels[i]]
        prev = self.leaves[-1] if self.leaves else None
        if row.pj:
            self.set_pj(row.pj, row.line)
        if not filled:
            self._attribute_row(row, prev)
            return
        self._close_pending()
        group = self.open[0]
        if (
            filled[0] == 0
            and len(filled) > 1
            and group is not None
            and row.levels[0] == group.text
            and row.no in ("", group.number)
        ):
            # A table without merged cells repeats the komponen on every row: same komponen.
            row.levels[0], row.no = "", ""
            filled = filled[1:]
        if prev is not None and row.after_break and not (row.no and row.levels[0]):
            if self._sibling_continues(row, prev, filled):
                return
            if self._continuation_score(row, prev, filled) >= 2:
                self._merge(row, prev, filled)
                return
        self._new_nodes(row, filled)

    def set_pj(self, pj: str, line: int) -> None:
        """The penanggung jawab from here on in the current area (the area's, if its first)."""
        if self.area is None:
            self.warn(line, f"Penanggung jawab '{_short(pj)}' sebelum baris area pertama.")
            return
        if not self.area.pj_first:
            self.area.pj_first = pj
        self.pj_current = pj

    def _attribute_row(self, row: RowData, prev: Leaf | None) -> None:
        """A row with no level text: a lone number, ✓ marks, a PJ or a schedule text."""
        if row.marks:
            if self.pending:
                leaf = self.pending.pop(0)
                leaf.marks = set(row.marks)
                leaf.own_marks = True
            elif prev is not None:
                prev.marks |= row.marks
                self.warn(
                    row.line,
                    f"Baris hanya berisi tanda ✓; digabung ke bukti fisik di atasnya (baris {prev.line}).",
                )
            else:
                self.warn(
                    row.line, "Baris hanya berisi tanda ✓ sebelum baris isi pertama; diabaikan."
                )
        if row.target:
            if prev is not None and not prev.target:
                prev.target = row.target
                self.warn(
                    row.line,
                    f"{self.attribute_name} '{_short(row.target)}' berada di baris sendiri; dipakai untuk baris {prev.line} di atasnya.",
                )
            elif prev is not None and row.after_break:
                prev.target = join_text(prev.target, row.target)
                self.warn(
                    row.line,
                    f"{self.attribute_name} '{_short(row.target)}' adalah lanjutan sel di atasnya (baris {prev.line}); digabung.",
                )
            else:
                self.warn(
                    row.line,
                    f"{self.attribute_name} '{_short(row.target)}' tanpa isi baris; diabaikan.",
                )
        if row.no and not (row.marks or row.target or row.pj):
            self.warn(
                row.line,
                f"Baris hanya berisi nomor '{row.no}' (sisa baris penomoran kolom); diabaikan.",
            )

    def _close_pending(self) -> None:
        """Items split from one cell that got no ✓ row of their own keep the first item's."""
        if self.pending:
            labels = ", ".join(f"{leaf.label}." for leaf in self.pending)
            first = self.pending[0]
            self.warn(
                first.line,
                f"Bukti fisik {labels} ditulis dalam satu sel tanpa baris tanda ✓ sendiri; bulannya disamakan dengan butir pertama sel itu.",
            )
            self.pending = []

    def _sibling_continues(self, row: RowData, prev: Leaf, filled: list[int]) -> bool:
        """``b.`` right after ``a.`` in the leaf column: the other cells go on the cells above."""
        leaf = self.n - 1
        if leaf not in filled or filled == [leaf]:
            return False
        items = split_items(row.levels[leaf])
        label = items[0][0]
        before = prev.label or _last_label(prev.nodes[leaf].text)
        if not label or not before or ord(label) != ord(before) + 1:
            return False
        upper = [i for i in filled if i != leaf]
        if any(not self.open[i] or not self.open[i].text for i in upper):
            return False
        for i in upper:
            node = self.open[i]
            node.text = join_text(node.text, row.levels[i])
        names = ", ".join(self.names[i] for i in upper)
        self.warn(
            row.line,
            f"Sel {names} baris ini adalah lanjutan sel di atasnya (baris {prev.line}) yang terpotong pergantian halaman; digabung. {self.names[leaf]} '{_short(row.levels[leaf], 30)}' dibaca sebagai butir berikutnya.",
        )
        self._new_nodes(row, [leaf])
        return True

    def _continuation_score(self, row: RowData, prev: Leaf, filled: list[int]) -> int:
        """Evidence that a first row after a page break is the rest of the row above."""
        if row.target or row.marks:
            return -9
        if any(not self.open[i] or not self.open[i].text for i in filled):
            return -9
        score = 1  # no schedule of its own: a real row usually has one
        if filled != list(range(filled[0], self.n)):
            score += 3
        first = filled[0]
        text, above = row.levels[first], self.open[first].text
        if starts_lower(text):
            score += 2
        elif text[:1].isupper():
            score -= 1
        if re.match(r"[-•]\s", text) and re.search(r"(^|\n|\s)[-•]\s", above):
            score += 2
        if ends_open(above):
            score += 2
        elif ends_closed(above):
            score -= 2
        if first == 0 and not row.no and self.numbered > self.unnumbered:
            score += 3
        return score

    def _merge(self, row: RowData, prev: Leaf, filled: list[int]) -> None:
        for i in filled:
            node = self.open[i]
            node.text = join_text(node.text, row.levels[i])
        names = ", ".join(self.names[i] for i in filled)
        self.warn(
            row.line,
            f"Baris ini adalah lanjutan baris {prev.line} yang terpotong pergantian halaman (sel {names}); digabung ke baris itu.",
        )

    def _check_number(self, row: RowData) -> None:
        match = re.match(r"^(\d+)", row.no)
        if not match:
            if row.no:
                self.warn(row.line, f"NO '{row.no}' bukan angka.")
            return
        number = int(match.group(1))
        expected = self.group_numbers[-1] + 1 if self.group_numbers else 1
        if number > expected:
            missing = ", ".join(str(n) for n in range(expected, number))
            self.warn(
                row.line,
                f"Nomor {self.names[0]} melompat ke {number}; nomor {missing} tidak ada di tabel (mungkin hilang saat ekstraksi); baris tanpa NO di atas baris ini tetap dimasukkan ke {self.names[0]} sebelumnya, periksa.",
            )
        elif number < expected:
            self.warn(
                row.line,
                f"Nomor {self.names[0]} {number} tidak berurutan (sesudah {expected - 1}).",
            )
        self.group_numbers.append(number)

    def _open_area(self, row: RowData, start: int) -> None:
        """An RB row opening its area (area column filled), or content before any area row."""
        if self.group_is_area and start == 0:
            numeral = _area_numeral(row.no) or int_to_roman(len(self.areas) + 1)
            self.start_area(numeral, row.levels[0], row.line)
        elif self.area is None:
            self.warn(
                row.line, "Baris isi sebelum baris area pertama; dimasukkan ke area tanpa nomor."
            )
            self.start_area("", "", row.line)

    def _new_nodes(self, row: RowData, filled: list[int]) -> None:
        start = filled[0]
        self._open_area(row, start)
        if start == 0:
            if row.no:
                self.numbered += 1
                if not self.group_is_area:
                    self._check_number(row)
            else:
                self.unnumbered += 1
        elif row.no and not re.fullmatch(r"\d+[.]\d+[.)]?", row.no):  # "1.2" numbers an indikator
            above = self.open[0]
            where = f"di bawah {self.names[0]} '{_short(above.text, 40)}'" if above else ""
            self.warn(
                row.line,
                f"NO '{row.no}' tanpa isi {self.names[0]}; nomor diabaikan dan baris dibaca sebagai {self.names[start]} baru {where}.".replace(
                    " .", "."
                ),
            )
        for i in range(start):
            if self.open[i] is None:
                self.warn(
                    row.line,
                    f"Baris tanpa {self.names[i]} di atasnya; dibuat {self.names[i]} tanpa teks.",
                )
                self.open[i] = self._node(i, "", row.line, "")
        for i in range(start, self.n):
            text = row.levels[i]
            if not text:
                self.warn(row.line, f"Sel {self.names[i]} kosong.")
            self.open[i] = self._node(i, text, row.line, row.no if i == 0 else "")
        if start == 0 and self.group_is_area:
            self.area.node = self.open[0]
        self._add_leaves(row)

    def _node(self, level: int, text: str, line: int, number: str) -> Node:
        node = Node(level, self.counters[level], text, line, number)
        self.counters[level] += 1
        return node

    def _add_leaves(self, row: RowData) -> None:
        leaf_level = self.n - 1
        text = self.open[leaf_level].text
        items = split_items(text) if self.split_cells else [("", text)]
        label = items[0][0] if self.split_cells else ""
        first = Leaf(
            row.line, list(self.open), self.area, row.target, set(row.marks), self.pj_current, label
        )
        if len(items) == 1:
            self.leaves.append(first)
            return
        self.open[leaf_level].text = items[0][1]
        first.nodes = list(self.open)
        self.leaves.append(first)
        for label, item in items[1:]:
            node = self._node(leaf_level, item, row.line, "")
            self.open[leaf_level] = node
            leaf = Leaf(
                row.line,
                list(self.open),
                self.area,
                row.target,
                set(row.marks),
                self.pj_current,
                label,
                own_marks=False,
            )
            self.leaves.append(leaf)
            self.pending.append(leaf)

    def finish(self) -> list[Leaf]:
        """Close the last cell split and return the leaves in document order."""
        self._close_pending()
        return self.leaves


def _area_numeral(number: str) -> str | None:
    """The area number an RB "No." cell gives, as the source writes it: ``"3."`` → ``"3"``,
    ``"IV"`` → ``"IV"`` (RB decrees number their eight areas 1 … 8; the print shows them so)."""
    token = number.strip().rstrip(".)")
    if token.isdigit():
        return token
    if roman_to_int(token):
        return token.upper()
    return None
