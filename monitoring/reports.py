"""The monev report (*laporan monev ZI*) of one plan and quarter as a print-ready PDF.

Same print machinery as the SK (``zona_integritas.printing``): a template under
``templates/monitoring/print/`` rendered by WeasyPrint, charts drawn here as SVG sized to the
page. Contents (``monitoring.laporan``): KOP, title with the report number, the basis (the SK and
the framework as the SK cites it), the summary per area and for the plan (year to date and the
quarter side by side), two charts, the table per area → indikator → langkah aksi (target,
evidence named with its date, capaian, status, kendala, tindak lanjut), the conclusion, and the
signatures: "Mengetahui" (Ketua KPU or Sekretaris) beside the Ketua Tim ZI, each with NIP,
dated with the report date. A draft prints with a ``DRAF`` mark.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.text import slugify

from monitoring.charts import Seri, persen_bar_svg, stacked_bar_svg
from monitoring.laporan import isi_laporan
from monitoring.models import Monev
from plans.deadlines import triwulan_rentang
from zona_integritas.printing import Report, paper_css


def grafik(areas) -> tuple[str, str]:
    """The two charts of the report (SVG): capaian per area year to date, and the state of the
    periods due by the quarter's end per area."""
    labels = [a.judul for a in areas]
    persen = persen_bar_svg(labels, [a.capaian.persen_ytd for a in areas])
    status = stacked_bar_svg(
        labels,
        [
            Seri(
                "Selesai tepat waktu",
                [a.capaian.realisasi_ytd - a.capaian.terlambat for a in areas],
                "#1f6f43",
            ),
            Seri("Selesai terlambat", [a.capaian.terlambat for a in areas], "#b7791f", "dots"),
            Seri("Tertunggak", [a.capaian.tertunggak for a in areas], "#a61b1b", "hatch"),
            Seri(
                "Belum jatuh tempo",
                [
                    a.capaian.target_ytd - a.capaian.realisasi_ytd - a.capaian.tertunggak
                    for a in areas
                ],
                "#ffffff",
                "empty",
            ),
        ],
    )
    return persen, status


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
        isi = isi_laporan(monev)
        grafik_persen, grafik_status = grafik(isi.areas)
        start, end = triwulan_rentang(monev.rencana.tahun, monev.triwulan)
        return {
            "monev": monev,
            "rencana": monev.rencana,
            "satker": monev.rencana.satker,
            "isi": isi,
            "areas": isi.areas,
            "total": isi.total,
            "awal": start,
            "akhir": end,
            "tanggal_laporan": monev.tanggal_laporan or end,
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


class RekapReport(Report):
    """The province recap (``monitoring.rekap``) as PDF, F4 or A4 landscape.

    ``render(provinsi=…, tahun=…, triwulan=…, kerangka=…, hari_ini=…, kertas="f4")`` →
    ``(filename, "application/pdf", bytes)``; ``provinsi``/``kerangka`` fetched by the caller.
    """

    template_name = "monitoring/print/rekap.html"
    stylesheets = ("print/cetak.css",)

    def _rekap(self, params: dict[str, Any]):
        from monitoring.rekap import rekap_provinsi

        keys = ("provinsi", "tahun", "triwulan", "kerangka", "hari_ini")
        return rekap_provinsi(**{k: params[k] for k in keys})

    def get_context(self, *, kertas: str = "f4", **params: Any) -> dict[str, Any]:
        return {"rekap": self._rekap(params), "page_size": paper_css(kertas)["landscape"]}

    def get_filename(self, **params: Any) -> str:
        p = params["provinsi"]
        return slugify(
            f"rekap-monev-{params['kerangka'].kode}-{p.wilayah}-{params['tahun']}"
            f"-tw{params['triwulan']}"
        )

    def get_cache_group(self, *, kertas: str = "f4", **params: Any) -> str:
        return f"rekap-{params['provinsi'].pk}-{params['tahun']}-{params['triwulan']}-{kertas}"
