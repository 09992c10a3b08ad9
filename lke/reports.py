"""The LKE summary as PDF (F4 or A4): scores of the unit and the TPI, verdicts, per-area table."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from lke.models import Lke
from lke.selectors import TPI, UNIT, jawaban_rows, skor
from zona_integritas.printing import Report, paper_css


class LkeReport(Report):
    """``render(lke_id=…, kertas="f4"|"a4")`` → ``(filename, "application/pdf", bytes)``.

    Raises ``Lke.DoesNotExist`` for an unknown id (callers fetch it scoped first).
    """

    template_name = "lke/print/ringkasan.html"
    stylesheets = ("print/cetak.css",)

    def _lke(self, lke_id: int) -> Lke:
        return Lke.objects.select_related("satker", "master").get(pk=lke_id)

    def get_context(self, *, lke_id: int, kertas: str = "f4", **params: Any) -> dict[str, Any]:
        lke = self._lke(lke_id)
        rows = jawaban_rows(lke)
        unit, tpi = skor(lke, UNIT, rows), skor(lke, TPI, rows)
        return {
            "lke": lke,
            "satker": lke.satker,
            "unit": unit,
            "tpi": tpi,
            "areas": [(nama, a, tpi.area[nama]) for nama, a in unit.area.items()],
            "kriteria": {
                key: list(zip(getattr(unit, key).kriteria, getattr(tpi, key).kriteria, strict=True))
                for key in ("wbk", "wbbm")
            },
            "persen": {
                f"{who}_{part}": 100 * getattr(h, part) / h.bobot[part]
                for who, h in (("unit", unit), ("tpi", tpi))
                for part in ("pengungkit", "hasil")
            },
            "dijawab_unit": sum(1 for r in rows if r.jawaban_unit),
            "dijawab_tpi": sum(1 for r in rows if r.jawaban_tpi),
            "jumlah_soal": len(rows),
            "page_size": paper_css(kertas)["portrait"],
        }

    def get_filename(self, *, lke_id: int, **params: Any) -> str:
        lke = self._lke(lke_id)
        return slugify(f"lke-{lke.satker.wilayah}-{lke.tahun}")

    def get_cache_group(self, *, lke_id: int, kertas: str = "f4", **params: Any) -> str:
        return f"lke-{lke_id}-{kertas}"
