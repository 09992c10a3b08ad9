"""Reader for the ZI six-column table (Kudus, Tegal).

``NO | KOMPONEN | INDIKATOR | LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU``, grouped by area rows
``I … VI``. One table row is one leaf (one BUKTI FISIK, even when the cell lists several
documents ``1) … 2) …``: the document draws them as one cell with one schedule). Months come from
``parse_target_waktu`` on the TARGET WAKTU cell. A PENANGGUNG JAWAB column, where a satker adds
one, is read like the monthly format's (given once, it holds for the rows after it).
"""

from __future__ import annotations

import re

from ..target_waktu import parse_target_waktu
from .builder import Builder, Leaf, RowData
from .model import BarisLampiran, Peringatan
from .shift import align_cells
from .table import Tabel
from .text import MONTH_NAMES

LEVELS = ("komponen", "indikator", "langkah", "bukti")
NAMES = {
    "no": "NO",
    "komponen": "KOMPONEN",
    "indikator": "INDIKATOR",
    "langkah": "LANGKAH AKSI",
    "bukti": "BUKTI FISIK",
    "target": "TARGET WAKTU",
    "pj": "PENANGGUNG JAWAB",
}


def target_warnings(
    leaf_line: int, target: str, tahun: int | None, name: str
) -> tuple[list[int], list[Peringatan]]:
    """Months of a schedule cell and the warnings it needs (empty, or not fully read)."""
    if not target:
        return [], [Peringatan(leaf_line, f"{name} kosong; bulan tidak dapat ditentukan.")]
    parsed = parse_target_waktu(target, tahun_default=tahun)
    if parsed.terbaca:
        return list(parsed.bulan), []
    hint = ""
    if (
        not parsed.bulan
        and len(target) > 40
        and not any(m[:3] in target.lower() for m in MONTH_NAMES)
    ):
        hint = " Sel ini tidak menyebut bulan; mungkin sel baris ini bergeser ke kanan."
    months = ", ".join(map(str, parsed.bulan)) or "-"
    message = f"{name} '{target}' tidak terbaca sepenuhnya ({parsed.catatan}); bulan yang terbaca: {months}.{hint}"
    return list(parsed.bulan), [Peringatan(leaf_line, message)]


def split_number(row: RowData) -> None:
    """``NO`` = ``"1. Tim Kerja"`` with KOMPONEN empty: the number and the name in one cell."""
    match = re.match(r"^(\d{1,2}[.)]?)\s+(\S.*)$", row.no, re.S)
    if match and not row.levels[0]:
        row.no, row.levels[0] = match.group(1), match.group(2)


def read_zi(tabel: Tabel, tahun: int | None) -> tuple[list[BarisLampiran], list[Peringatan]]:
    """Read the rows of a ZI six-column table.

    Returns:
        ``(rows, warnings)``: one ``BarisLampiran`` per table row (after merging page-break
        continuations), and the warnings of the builder, the shift repair and the schedules.
    """
    builder = Builder(tuple(NAMES[r] for r in LEVELS), NAMES["target"])
    warnings: list[Peringatan] = []
    for baris in tabel.rows:
        if baris.area:
            builder.start_area(baris.area[0], baris.area[1], baris.line)
            continue
        cells, notes = align_cells(baris, ("no", *LEVELS, "target", "pj"), NAMES)
        warnings += notes
        row = RowData(
            line=baris.line,
            no=cells["no"],
            levels=[cells[r] for r in LEVELS],
            target=cells["target"],
            pj=cells["pj"],
            after_break=baris.after_break,
        )
        split_number(row)
        builder.feed(row)
    rows = []
    for leaf in builder.finish():
        bulan, notes = target_warnings(leaf.line, leaf.target, tahun, NAMES["target"])
        warnings += notes
        rows.append(to_baris(leaf, bulan, leaf.pj or leaf.area.pj_first))
    return rows, builder.warnings + warnings


def to_baris(leaf: Leaf, bulan: list[int], pj: str = "") -> BarisLampiran:
    """A four-level leaf (komponen → indikator → langkah aksi → bukti fisik) as a row."""
    komponen, indikator, langkah, bukti = leaf.nodes
    return BarisLampiran(
        area=leaf.area.numeral,
        area_nama=leaf.area.title,
        komponen_nomor=komponen.number,
        komponen=komponen.text,
        indikator=indikator.text,
        langkah_aksi=langkah.text,
        bukti_fisik=bukti.text,
        target_waktu=leaf.target,
        bulan=bulan,
        penanggung_jawab=pj,
        line=leaf.line,
        area_key=leaf.area.key,
        komponen_key=komponen.key,
        indikator_key=indikator.key,
        langkah_key=langkah.key,
    )
