"""Province recap of the quarterly monev: satker × area capaian with plan and monev status.

``rekap_provinsi`` reads, for a province, a year, a quarter and a framework, every satker of the
province (the province itself first): its plan in force for the year (highest revision), the
capaian per framework area year to date and for the quarter (``monitoring.capaian``, the same
rule as the monev report, at the end of the quarter or today if earlier), and the state of its
monev for the quarter: *belum dibuat*, *draf* or *diajukan*. Four queries whatever the number of
satkers and rows. ``rekap_xlsx`` writes the same table as a spreadsheet (openpyxl).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from access.models import Satker
from monitoring.capaian import Capaian, capaian_per
from monitoring.models import Monev
from monitoring.progress import load_butir
from monitoring.selectors import LAINNYA, rencana_terpilih
from plans.calendar_id import ROMAWI
from plans.deadlines import ROMAWI_TRIWULAN, triwulan_rentang
from plans.models import AreaPerubahan, Kerangka, RencanaAksi

BELUM_DIBUAT = "belum dibuat"
ROMAWI_AREA = ROMAWI[:11]


@dataclass
class BarisRekap:
    """One satker: its plan (or ``None``), its monev of the quarter (or ``None``), one
    ``Capaian`` per area column and the total."""

    satker: Satker
    rencana: RencanaAksi | None
    monev: Monev | None
    sel: list[Capaian]
    total: Capaian

    @property
    def status_monev(self) -> str:
        """``belum dibuat``, ``draf`` or ``diajukan``."""
        return self.monev.status if self.monev else BELUM_DIBUAT

    @property
    def status_rencana(self) -> str:
        return self.rencana.get_status_display() if self.rencana else "Belum ada rencana"

    @property
    def sudah_diajukan(self) -> bool:
        return self.monev is not None and self.monev.terkunci


@dataclass
class Rekap:
    """The recap of a province for one year, quarter and framework."""

    provinsi: Satker
    kerangka: Kerangka
    tahun: int
    triwulan: int
    tanggal: date
    kolom: list[tuple[int, str]]  # (area key, column title)
    baris: list[BarisRekap]
    total_area: list[Capaian]
    total: Capaian

    @property
    def triwulan_romawi(self) -> str:
        return ROMAWI_TRIWULAN[self.triwulan]

    @property
    def belum_mengajukan(self) -> list[BarisRekap]:
        return [b for b in self.baris if not b.sudah_diajukan]


def rekap_provinsi(
    *, provinsi: Satker, tahun: int, triwulan: int, kerangka: Kerangka, hari_ini: date
) -> Rekap:
    """The recap (module docstring). ``provinsi`` must have been fetched through ``for_user``."""
    tanggal = min(triwulan_rentang(tahun, triwulan)[1], hari_ini)
    satkers = list(Satker.objects.filter(pk=provinsi.pk) | Satker.objects.filter(induk=provinsi))
    satkers.sort(key=lambda s: (s.pk != provinsi.pk, s.kode))
    plans = rencana_terpilih(satker_ids=[s.pk for s in satkers], tahun=tahun, kerangka=kerangka)
    monev = {
        m.rencana_id: m
        for m in Monev.objects.filter(rencana__in=list(plans.values()), triwulan=triwulan)
    }
    butir_list = load_butir(rencana_ids=[p.pk for p in plans.values()])
    kolom = [
        (a.pk, f"{ROMAWI_AREA[a.nomor]}. {a.nama}")
        for a in AreaPerubahan.objects.filter(kerangka=kerangka).order_by("nomor")
    ]
    if any(b.area_perubahan_id is None for b in butir_list):
        kolom.append((LAINNYA, "Area lain"))
    cells = capaian_per(
        butir_list,
        key=lambda b: (b.satker_id, b.area_perubahan_id or LAINNYA),
        tahun=tahun, triwulan=triwulan, tanggal=tanggal,
    )  # fmt: skip
    rows, total_area, total = [], [Capaian() for _ in kolom], Capaian()
    for satker in satkers:
        sel = [cells.get((satker.pk, key), Capaian()) for key, _title in kolom]
        row_total = Capaian()
        for i, cell in enumerate(sel):
            row_total.tambah(cell)
            total_area[i].tambah(cell)
        total.tambah(row_total)
        rencana = plans.get(satker.pk)
        rows.append(
            BarisRekap(satker, rencana, monev.get(rencana.pk) if rencana else None, sel, row_total)
        )
    return Rekap(
        provinsi=provinsi, kerangka=kerangka, tahun=tahun, triwulan=triwulan, tanggal=tanggal,
        kolom=kolom, baris=rows, total_area=total_area, total=total,
    )  # fmt: skip


def rekap_xlsx(rekap: Rekap) -> bytes:
    """The recap as an XLSX workbook (one sheet): satker, plan status, monev status, capaian
    per area year to date (numbers, one decimal), total year to date and for the quarter.
    A satker that has not submitted its monev is filled amber (*draf*) or red (*belum dibuat*).
    Every text cell is written as a string, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = f"Rekap TW {rekap.triwulan_romawi} {rekap.tahun}"[:31]
    judul = (
        f"Rekapitulasi monev {rekap.kerangka.nama} Triwulan {rekap.triwulan_romawi} "
        f"{rekap.tahun} — {rekap.provinsi.nama} (keadaan {rekap.tanggal:%d-%m-%Y})"
    )
    ws.append([judul])
    ws["A1"].font = Font(bold=True, size=12)
    header = ["No", "Satker", "Status rencana", "Status monev"]
    header += [f"{title} (s.d. TW, %)" for _key, title in rekap.kolom]
    header += ["Jumlah s.d. TW (%)", f"TW {rekap.triwulan_romawi} (%)", "Tertunggak (periode)"]
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fills = {
        BELUM_DIBUAT: PatternFill("solid", fgColor="F8D7DA"),
        Monev.Status.DRAF: PatternFill("solid", fgColor="FFF3CD"),
    }

    def pct(value):
        return float(value) if value is not None else None

    for n, row in enumerate(rekap.baris, start=1):
        values = [n, row.satker.nama, row.status_rencana, row.status_monev]
        values += [pct(c.persen_ytd) for c in row.sel]
        values += [pct(row.total.persen_ytd), pct(row.total.persen_tw), row.total.tertunggak]
        ws.append(values)
        if row.status_monev in fills:
            ws.cell(ws.max_row, 4).fill = fills[row.status_monev]
    total = ["", "Jumlah provinsi", "", f"{len(rekap.belum_mengajukan)} belum mengajukan"]
    total += [pct(c.persen_ytd) for c in rekap.total_area]
    total += [pct(rekap.total.persen_ytd), pct(rekap.total.persen_tw), rekap.total.tertunggak]
    ws.append(total)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text even if it starts with "="
            elif isinstance(cell.value, float):
                cell.number_format = "0.0"
    widths = [5, 32, 20, 16] + [16] * len(rekap.kolom) + [14, 12, 12]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C3"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
