"""``skor_lke KODE --tahun YYYY [--penilai unit|tpi] --json``: a satker's LKE scores and verdicts."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from access.models import Satker
from lke.scoring import ringkasan
from lke.selectors import PENILAI, lke_of, skor


class Command(BaseCommand):
    help = (
        "Nilai LKE satu satker: total, pengungkit, hasil, per area, dan syarat WBK/WBBM "
        "(nilai dibulatkan dua desimal)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode satker, mis. 3319")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--penilai", choices=PENILAI, default="unit")
        parser.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args, kode, tahun, penilai, json: bool, **options):
        satker = Satker.objects.filter(kode=kode).first()
        if satker is None:
            raise CommandError(f"Satker dengan kode {kode} tidak ada.")
        lke = lke_of(satker, tahun)
        if lke is None:
            raise CommandError(f"{satker.nama} belum memiliki LKE tahun {tahun}.")
        data = ringkasan(skor(lke, penilai))
        if json:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(f"LKE {tahun} {satker.nama} (penilai: {penilai})")
        self.stdout.write(
            f"  Total {data['total']}  Pengungkit {data['pengungkit']}  Hasil {data['hasil']}"
        )
        for nama, area in data["area"].items():
            self.stdout.write(f"  {nama}: {area['nilai']} / {area['bobot']} ({area['persen']} %)")
        for kategori in ("wbk", "wbbm"):
            verdict = data[kategori]
            status = "LULUS" if verdict["lulus"] else "belum: " + "; ".join(verdict["gagal"])
            self.stdout.write(f"  {kategori.upper()}: {status}")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
