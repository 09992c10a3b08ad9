"""``muat_master_lke [FILE.json …]``: load LKE master question sets (idempotent, versioned)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from lke.loading import DATA_DIR, master_muat_berkas
from lke.master import MasterTidakSah


class Command(BaseCommand):
    help = (
        "Memuat master soal LKE (format PortalRB). Isi yang sama dilewati; isi baru untuk tahun "
        "yang sudah ada menjadi versi baru tanpa mengubah jawaban tahun/versi sebelumnya. "
        "Tanpa argumen: semua berkas di lke/data/."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="berkas JSON master soal")

    def handle(self, *args, files, **options):
        paths = files or sorted(str(p) for p in DATA_DIR.glob("*.json"))
        for path in paths:
            try:
                master, created = master_muat_berkas(path)
            except (OSError, ValueError, MasterTidakSah) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            state = "dimuat" if created else "sudah ada, dilewati"
            self.stdout.write(f"{path}: master LKE {master.tahun} versi {master.versi} {state}")
