"""The monev report (*lembar monev ZI*) of one plan and quarter as a print-ready PDF.

Same print machinery as the SK (``zona_integritas.printing``): a template under
``templates/monitoring/print/`` rendered by WeasyPrint, charts drawn here as SVG. Contents: the
heading, the summary figures per area (items due, done, late, overdue, percentage), two charts,
the table per area with planned vs realised per langkah aksi (with obstacles, follow-up and
notes from the monev), and the signature of whoever signed it off. A draft prints with a
``DRAF`` mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.text import slugify

from monitoring.charts import Seri, persen_bar_svg, stacked_bar_svg
from monitoring.deadlines import triwulan_rentang
from monitoring.models import BarisMonev, Monev
from monitoring.progress import Ringkasan, load_butir
from monitoring.services import RealisasiLangkah, realisasi_langkah
from zona_integritas.printing import Report, paper_css


@dataclass
class AreaMonev:
    """One area of the report: its rows and the ``Ringkasan`` of its periods due in the quarter."""

    judul: str
    baris: list[tuple[BarisMonev, RealisasiLangkah | None]] = field(default_factory=list)
    ringkasan: Ringkasan = field(default_factory=Ringkasan)


def monev_areas(monev: Monev) -> tuple[list[AreaMonev], Ringkasan]:
    """The monev's rows grouped by area with each area's figures, and the overall figures.

    Figures count the periods whose deadline falls in the quarter, as at the end of the monev's
    reference date (``Ringkasan.add_period(akhir_hari=True)``). Three queries (rows, plan items, evidence).
    """
    rencana = monev.rencana
    start, end = triwulan_rentang(rencana.tahun, monev.triwulan)
    butir_list = load_butir(rencana_ids=[rencana.pk])
    realisasi = realisasi_langkah(
        butir_list, tahun=rencana.tahun, triwulan=monev.triwulan, tanggal=monev.tanggal_acuan
    )
    areas: dict[str, AreaMonev] = {}
    for baris in BarisMonev.objects.filter(monev=monev).order_by("urutan", "pk"):
        area = areas.setdefault(baris.area_teks, AreaMonev(baris.area_teks))
        area.baris.append((baris, realisasi.get(baris.langkah_aksi_id)))
    total = Ringkasan()
    for butir in butir_list:
        key = f"{butir.area_nomor} {butir.area_judul}".strip()
        area = areas.setdefault(key, AreaMonev(key))
        for periode, done in zip(butir.jadwal.periode, butir.jadwal.terpenuhi, strict=True):
            if start <= periode.tenggat <= end:
                for ringkasan in (area.ringkasan, total):
                    ringkasan.add_period(periode, done, monev.tanggal_acuan, akhir_hari=True)
        if not butir.jadwal.periode:
            area.ringkasan.tanpa_jadwal += 1
            total.tanpa_jadwal += 1
    return list(areas.values()), total


class MonevReport(Report):
    """``render(monev_id=…, kertas="f4"|"a4")`` → ``(filename, "application/pdf", bytes)``.

    Raises ``Monev.DoesNotExist`` for an unknown id (callers fetch it scoped first).
    """

    template_name = "monitoring/print/monev.html"
    stylesheets = ("print/cetak.css",)

    def _monev(self, monev_id: int) -> Monev:
        return Monev.objects.select_related("rencana__satker", "rencana__kerangka").get(pk=monev_id)

    def get_context(self, *, monev_id: int, kertas: str = "f4", **params: Any) -> dict[str, Any]:
        monev = self._monev(monev_id)
        areas, total = monev_areas(monev)
        labels = [a.judul for a in areas]
        grafik_persen = persen_bar_svg(labels, [a.ringkasan.persen for a in areas])
        grafik_status = stacked_bar_svg(
            labels,
            [
                Seri("Tepat waktu", [a.ringkasan.tepat for a in areas], "#1f6f43"),
                Seri("Terlambat", [a.ringkasan.terlambat for a in areas], "#b7791f", "dots"),
                Seri("Tertunggak", [a.ringkasan.tertunggak for a in areas], "#a61b1b", "hatch"),
                Seri(
                    "Belum jatuh tempo",
                    [a.ringkasan.belum + a.ringkasan.lebih_awal for a in areas],
                    "#ffffff",
                    "empty",
                ),
            ],
        )
        start, end = triwulan_rentang(monev.rencana.tahun, monev.triwulan)
        return {
            "monev": monev,
            "rencana": monev.rencana,
            "satker": monev.rencana.satker,
            "areas": areas,
            "total": total,
            "awal": start,
            "akhir": end,
            "grafik_persen": mark_safe(grafik_persen),  # noqa: S308 - built from escaped text
            "grafik_status": mark_safe(grafik_status),  # noqa: S308
            "page_size": paper_css(kertas)["landscape"],
        }

    def get_filename(self, *, monev_id: int, **params: Any) -> str:
        monev = self._monev(monev_id)
        r = monev.rencana
        return slugify(f"monev-{r.kerangka.kode}-{r.satker.wilayah}-{r.tahun}-tw{monev.triwulan}")

    def get_cache_group(self, *, monev_id: int, kertas: str = "f4", **params: Any) -> str:
        return f"monev-{monev_id}-{kertas}"
