"""Reader for the RB five-column table (Rencana Aksi Reformasi Birokrasi).

``No. | Area Perubahan | Sub Kegiatan | Indikator Keberhasilan | Waktu`` over the eight RB areas
(Manajemen Perubahan; Penguatan Peraturan Perundang-undangan/Deregulasi Kebijakan; Penataan
Organisasi/Kelembagaan; Penguatan Tata Laksana; Penguatan Sistem Manajemen SDM ASN; Penguatan
Akuntabilitas Kinerja; Penguatan Pengawasan; Pelayanan Publik, docs/architecture.md §1.1). Two layouts:

* the area is a column filled on the area's first row only (then ``No.`` numbers the areas,
  ``1``/``I``), read as the top level of the tree;
* the area is a group row (``I<TAB>Manajemen Perubahan``, ``A. MANAJEMEN PERUBAHAN``,
  ``1<TAB>Manajemen Perubahan`` with the other cells empty) and ``No.`` numbers the sub
  kegiatan.

A sub kegiatan spans several indikator rows; every row is one indikator keberhasilan (the leaf).
Rows map to ``BarisLampiran`` with the sub kegiatan as ``langkah_aksi``, ``komponen``/
``bukti_fisik`` empty and ``komponen_key`` = ``area_key``.
"""

from __future__ import annotations

import re

from .builder import Builder, RowData
from .model import BarisLampiran, Peringatan
from .shift import align_cells, propose_realignment
from .table import _AREA_WORDS, Baris, Tabel
from .zi import target_warnings

NAMES = {
    "no": "No.",
    "area": "Area Perubahan",
    "sub_kegiatan": "Sub Kegiatan",
    "indikator": "Indikator Keberhasilan",
    "target": "Waktu",
}


def _group_row(baris: Baris, cells: dict[str, str]) -> tuple[str | None, str] | None:
    """``1<TAB>Manajemen Perubahan`` with nothing else: an area group row numbered in arabic."""
    if baris.area:
        return baris.area
    if cells["indikator"] or cells["target"]:
        return None
    title = cells["sub_kegiatan"]
    number = cells["no"].rstrip(".)")
    if title and number.isdigit() and _AREA_WORDS.search(title):
        return number, title  # numbered as the source numbers it (1 … 8), not renumbered
    return None


def read_rb(tabel: Tabel, tahun: int | None) -> tuple[list[BarisLampiran], list[Peringatan]]:
    """Read the rows of an RB five-column table (see the module docstring for the layouts).

    Returns:
        ``(rows, warnings)``: one ``BarisLampiran`` per indikator keberhasilan.
    """
    has_area_column = any("area" in b.kolom.roles for b in tabel.rows)
    levels = (
        ("area", "sub_kegiatan", "indikator") if has_area_column else ("sub_kegiatan", "indikator")
    )
    builder = Builder(
        tuple(NAMES[r] for r in levels), NAMES["target"], group_is_area=has_area_column
    )
    warnings: list[Peringatan] = []
    aligned = [align_cells(baris, ("no", *levels, "target"), NAMES) for baris in tabel.rows]
    # "No." numbers the rows (not the areas/sub kegiatan) when a row without an area or sub
    # kegiatan of its own carries a number: then the numbers say nothing about the tree.
    numbers_rows = any(c["no"] and not c[levels[0]] and not b.area for (c, _), b in zip(aligned, tabel.rows, strict=True))  # fmt: skip
    previous_sub = ""
    area_rows: list[tuple[int, str, str]] = []
    for baris, (cells, notes) in zip(tabel.rows, aligned, strict=True):
        cells.setdefault("area", "")
        group = None if has_area_column else _group_row(baris, cells)
        if group or cells["area"] or baris.area:
            warnings += propose_realignment(area_rows, NAMES["sub_kegiatan"], NAMES["indikator"])
            area_rows = []
        if group:
            builder.start_area(group[0], re.sub(r"\s+", " ", group[1]), baris.line)
            previous_sub = ""
            continue
        if not baris.after_break or cells["indikator"]:
            area_rows.append((baris.line, cells["sub_kegiatan"], cells["indikator"]))
        warnings += notes
        # A sub kegiatan written again on the next row of the same area is the spanning cell
        # repeated (as a print without merged cells, or Word's "repeat" of a split cell, has
        # it), not a second sub kegiatan of the same name.
        if cells["area"]:
            previous_sub = ""
        if cells["sub_kegiatan"] and cells["sub_kegiatan"] == previous_sub:
            cells["sub_kegiatan"] = ""
        elif cells["sub_kegiatan"]:
            previous_sub = cells["sub_kegiatan"]
        builder.feed(
            RowData(
                line=baris.line,
                no="" if numbers_rows else cells["no"],
                levels=[cells[r] for r in levels],
                target=cells["target"],
                after_break=baris.after_break,
            )
        )
    warnings += propose_realignment(area_rows, NAMES["sub_kegiatan"], NAMES["indikator"])
    rows = []
    for leaf in builder.finish():
        bulan, notes = target_warnings(leaf.line, leaf.target, tahun, NAMES["target"])
        warnings += notes
        sub, indikator = leaf.nodes[-2], leaf.nodes[-1]
        rows.append(
            BarisLampiran(
                area=leaf.area.numeral,
                area_nama=leaf.area.title,
                komponen_nomor="",
                komponen="",
                indikator=indikator.text,
                langkah_aksi=sub.text,
                bukti_fisik="",
                target_waktu=leaf.target,
                bulan=bulan,
                penanggung_jawab="",
                line=leaf.line,
                area_key=leaf.area.key,
                komponen_key=leaf.area.key,
                indikator_key=indikator.key,
                langkah_key=sub.key,
            )
        )
    return rows, builder.warnings + warnings
