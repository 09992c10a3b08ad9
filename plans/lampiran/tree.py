"""The plan tree's building blocks: rows as the builder reads them, areas, nodes and leaves.

Also ``split_items``, which splits a monthly-format BUKTI FISIK cell ``a. … b. … c. …`` into
its items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABEL = re.compile(r"(?:^|(?<=\s))([a-z])[.)]\s+(?=\S)")


@dataclass
class RowData:
    """One table row as the builder sees it: a text per level plus the leaf attributes."""

    line: int
    no: str
    levels: list[str]
    target: str = ""
    marks: set[int] = field(default_factory=set)
    pj: str = ""
    after_break: bool = False


@dataclass
class Area:
    """An area of change (``I`` … ``VIII``) with its penanggung jawab (monthly format)."""

    key: int
    numeral: str
    nama: str
    line: int
    pj_first: str = ""
    node: Node | None = None  # RB with an "Area Perubahan" column: the level-0 node

    @property
    def title(self) -> str:
        return self.node.text if self.node is not None else self.nama


@dataclass
class Node:
    """A tree node (komponen, indikator, langkah aksi, ...): ``key`` counts nodes of its level."""

    level: int
    key: int
    text: str
    line: int
    number: str = ""


@dataclass
class Leaf:
    """A leaf row: the open node of every level, the schedule and the penanggung jawab."""

    line: int
    nodes: list[Node]
    area: Area
    target: str = ""
    marks: set[int] = field(default_factory=set)
    pj: str = ""
    label: str = ""  # list label of a leaf split out of one cell ("b")
    own_marks: bool = True


def split_items(text: str) -> list[tuple[str, str]]:
    """Split ``a. … b. … c. …`` in one cell into ``[("a", "a. …"), ("b", "b. …"), …]``.

    Only a run of consecutive letters starting with the cell's first label counts, so
    ``a.n. Yuli`` or a lone ``b.`` inside a sentence do not split. Separating commas and
    semicolons at the end of an item are dropped. A cell without two labels gives
    ``[(label or "", text)]``.
    """
    matches = list(_LABEL.finditer(text))
    if not matches or matches[0].start() != 0:
        return [("", text)]
    chosen = [matches[0]]
    for match in matches[1:]:
        if ord(match.group(1)) == ord(chosen[-1].group(1)) + 1:
            chosen.append(match)
    if len(chosen) < 2:
        return [(chosen[0].group(1), text)]
    items = []
    for i, match in enumerate(chosen):
        end = chosen[i + 1].start() if i + 1 < len(chosen) else len(text)
        item = text[match.start() : end].strip()
        if i + 1 < len(chosen):
            item = item.rstrip(",; \n")
        items.append((match.group(1), item))
    return items


def _last_label(text: str) -> str:
    """The last list label of a cell (``"a"`` for ``"a. Undangan …"``), '' when none."""
    labels = [
        m.group(1) for m in _LABEL.finditer(text) if m.start() == 0 or text[m.start() - 1].isspace()
    ]
    return labels[-1] if labels else ""


def _short(text: str, limit: int = 50) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
