"""Reader for the ZI monthly-schedule table (Karanganyar).

``NO | KOMPONEN | INDIKATOR | LANGKAH AKSI | BUKTI FISIK | PELAKSANAAN BULAN 1..12 |
PENANGGUNG JAWAB``. The month of each ✓ is given by the month row under the header (``1 … 12``),
not by a fixed position. Rules specific to this format:

* several bukti fisik ``a.``, ``b.``, ``c.`` … of one langkah aksi are either separate rows, each
  with its ✓ marks, or written in one cell followed by rows that hold only ✓ marks: the cell is
  split into one leaf per item and the k-th ✓-only row gives the months of item k+1; items with
  no ✓ row of their own take the first item's months (reported);
* the penanggung jawab is written once per area (any row of the area, in the last column); it
  applies to every row of the area until another one is written;
* ✓ marks shifted past December (into the PJ column or beyond) are moved back when all of the
  row's marks then fall in January–December (the whole row's marks moved); otherwise the
  marks outside the grid are dropped. A PJ text found in another column than PENANGGUNG JAWAB
  is still the PJ. Both are reported.
"""

from __future__ import annotations

from plans.calendar_id import NAMA_BULAN_PENDEK

from .builder import Builder, RowData
from .model import BarisLampiran, Peringatan
from .table import Baris, Tabel
from .text import is_mark
from .zi import LEVELS, NAMES, split_number, to_baris

_MONTH = NAMA_BULAN_PENDEK[1:]


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _marks(baris: Baris, warnings: list[Peringatan]) -> set[int]:
    """Months ticked in the row, with shifted marks repaired (see the module docstring)."""
    months = baris.kolom.months
    first = min(months)
    positions = [i for i, c in enumerate(baris.cells) if is_mark(c) and i >= first - 1]
    if not positions:
        return set()
    offsets = [i - first for i in positions]
    if all(i in months for i in positions):
        return {months[i] for i in positions}
    over = max(offsets) - 11
    under = -min(offsets)
    if over > 0 and min(offsets) - over >= 0:
        result = {o - over + 1 for o in offsets}
        warnings.append(
            Peringatan(
                baris.line,
                f"Tanda ✓ bergeser ke kanan {over} kolom (ada tanda di luar kolom Desember); digeser kembali: {_names(result)}.",
            )
        )
        return result
    if under > 0 and max(offsets) + under <= 11:
        result = {o + under + 1 for o in offsets}
        warnings.append(
            Peringatan(
                baris.line,
                f"Tanda ✓ bergeser ke kiri {under} kolom (ada tanda sebelum kolom Januari); digeser kembali: {_names(result)}.",
            )
        )
        return result
    inside = {months[i] for i in positions if i in months}
    outside = len(positions) - len([i for i in positions if i in months])
    warnings.append(
        Peringatan(
            baris.line,
            f"{outside} tanda ✓ berada di luar kolom bulan dan tidak dapat ditempatkan tanpa menebak; diabaikan. Bulan yang dipakai: {_names(inside)}.",
        )
    )
    return inside


def _names(months: set[int]) -> str:
    return ", ".join(_MONTH[m - 1] for m in sorted(months)) or "-"


def _row(baris: Baris, warnings: list[Peringatan]) -> RowData:
    roles = baris.kolom.roles
    first_month = min(baris.kolom.months)
    texts: dict[str, str] = dict.fromkeys(("no", *LEVELS), "")
    index_role = {roles[r]: r for r in texts if r in roles}
    pj_texts: list[tuple[int, str]] = []
    for i, cell in enumerate(baris.cells):
        if not cell or (is_mark(cell) and i >= first_month - 1) or i in baris.kolom.ignored:
            continue
        if i in index_role:
            texts[index_role[i]] = cell
        elif i >= first_month:
            pj_texts.append((i, cell))
        else:
            left = [j for j in index_role if j < i]
            home = index_role[max(left)] if left else "no"
            texts[home] = (texts[home] + " " + cell).strip()
            warnings.append(
                Peringatan(
                    baris.line,
                    f"Teks '{_short(cell)}' berada di kolom {i + 1} yang tidak punya judul; disimpan di sel {NAMES.get(home, home)}.",
                )
            )
    pj = ""
    if pj_texts:
        pj_index, pj = pj_texts[-1]
        expected = roles.get("pj")
        if expected is not None and pj_index != expected:
            warnings.append(
                Peringatan(
                    baris.line,
                    f"Penanggung jawab '{_short(pj)}' berada di kolom {pj_index + 1}, bukan kolom PENANGGUNG JAWAB ({expected + 1}); tetap dibaca sebagai penanggung jawab.",
                )
            )
        for index, extra in pj_texts[:-1]:
            warnings.append(
                Peringatan(
                    baris.line,
                    f"Teks '{_short(extra)}' di kolom bulan {index + 1} bukan tanda ✓; diabaikan.",
                )
            )
    return RowData(
        line=baris.line,
        no=texts["no"],
        levels=[texts[r] for r in LEVELS],
        marks=_marks(baris, warnings),
        pj=pj,
        after_break=baris.after_break,
    )


def read_zi_bulanan(
    tabel: Tabel, tahun: int | None
) -> tuple[list[BarisLampiran], list[Peringatan]]:
    """Read the rows of a ZI monthly-schedule table.

    Returns:
        ``(rows, warnings)``: one ``BarisLampiran`` per bukti fisik (cells ``a. … b. …`` split),
        ``bulan`` from the ✓ grid, ``target_waktu`` ``''``, ``penanggung_jawab`` of the area.
    """
    builder = Builder(tuple(NAMES[r] for r in LEVELS), "PELAKSANAAN BULAN", split_cells=True)
    warnings: list[Peringatan] = []
    for baris in tabel.rows:
        if baris.area:
            builder.start_area(baris.area[0], baris.area[1], baris.line)
            first_month = min(baris.kolom.months)
            pj = [c for i, c in enumerate(baris.cells) if i >= first_month and c and not is_mark(c)]
            if pj:  # the area's PJ written on the area row itself
                builder.set_pj(pj[-1], baris.line)
            continue
        row = _row(baris, warnings)
        split_number(row)
        builder.feed(row)
    rows = []
    for leaf in builder.finish():
        if not leaf.marks:
            warnings.append(
                Peringatan(
                    leaf.line,
                    f"Bukti fisik '{_short(leaf.nodes[-1].text)}' tidak punya tanda ✓ bulan pelaksanaan; bulan dibiarkan kosong.",
                )
            )
        rows.append(to_baris(leaf, sorted(leaf.marks), leaf.pj or leaf.area.pj_first))
    for area in builder.areas:
        if not area.pj_first:
            warnings.append(
                Peringatan(area.line, f"Area {area.numeral} tidak menyebut penanggung jawab.")
            )
    return rows, builder.warnings + warnings
