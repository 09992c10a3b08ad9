"""``manage.py monev_status RENCANA_ID --tanggal YYYY-MM-DD [--json]``: deadline status of a plan.

Interface other tools rely on (keep stable): with ``--json`` it prints a JSON list, one object
per live bukti fisik in SK order::

    {"bukti_fisik_id": 12, "bukti_fisik": "Daftar hadir", "langkah_aksi": "...",
     "area": "I Manajemen Perubahan", "target_waktu": "Maret, Juni 2022",
     "status": "tertunggak",
     "periode": [{"label": "Maret 2022", "jenis": "bulan", "bulan": [3], "minggu": [],
                  "mulai": "2022-03-01", "tenggat": "2022-03-31", "triwulan": 1,
                  "status": "tepat waktu", "tanggal_bukti": "2022-03-20"}, ...]}

``status`` values: ``belum jatuh tempo``, ``tepat waktu``, ``terlambat``, ``tertunggak``,
``tanpa jadwal`` (then ``periode`` is empty). Rules: ``plans.deadlines``.
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from monitoring.progress import load_butir
from plans.models import RencanaAksi


def _tanggal(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Tanggal tidak sah: {value!r} (format YYYY-MM-DD)") from exc


def status_rencana(rencana: RencanaAksi, tanggal: date) -> list[dict]:
    """The JSON-ready list described in the module docstring (two queries)."""
    result = []
    for butir in load_butir(rencana_ids=[rencana.pk]):
        periods = butir.jadwal.status_periode(tanggal)
        result.append(
            {
                "bukti_fisik_id": butir.id,
                "bukti_fisik": butir.nama,
                "langkah_aksi": butir.langkah_aksi,
                "area": f"{butir.area_nomor} {butir.area_judul}".strip(),
                "target_waktu": butir.target_waktu,
                "status": str(butir.status_pada(tanggal)),
                "periode": [
                    {
                        "label": sp.periode.label,
                        "jenis": str(sp.periode.jenis),
                        "bulan": list(sp.periode.bulan),
                        "minggu": list(sp.periode.minggu),
                        "mulai": sp.periode.mulai.isoformat(),
                        "tenggat": sp.periode.tenggat.isoformat(),
                        "triwulan": sp.periode.triwulan,
                        "status": str(sp.status),
                        "tanggal_bukti": sp.tanggal_bukti.isoformat() if sp.tanggal_bukti else None,
                    }
                    for sp in periods
                ],
            }
        )
    return result


class Command(BaseCommand):
    help = "Status tenggat setiap bukti fisik sebuah rencana aksi pada tanggal acuan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rencana_id", type=int, help="ID rencana aksi")
        parser.add_argument(
            "--tanggal", required=True, type=_tanggal, help="tanggal acuan YYYY-MM-DD"
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args, rencana_id: int, tanggal: date, json: bool = False, **options):
        try:
            rencana = RencanaAksi.objects.select_related("satker").get(pk=rencana_id)
        except RencanaAksi.DoesNotExist as exc:
            raise CommandError(f"Rencana aksi dengan ID {rencana_id} tidak ditemukan.") from exc
        data = status_rencana(rencana, tanggal)
        if json:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(f"{rencana} — status pada {tanggal.isoformat()}")
        for item in data:
            self.stdout.write(f"[{item['status']}] {item['bukti_fisik'] or item['langkah_aksi']}")
            self.stdout.write(f"    target waktu: {item['target_waktu'] or '—'}")
            for p in item["periode"]:
                self.stdout.write(f"    {p['label']}: tenggat {p['tenggat']} — {p['status']}")


def _dumps(data: list[dict]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
