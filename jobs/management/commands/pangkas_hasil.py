"""``manage.py pangkas_hasil [--hari N] [--mb N]``: apply the cap of the generated files.

Deletes cached PDFs and built evidence packs (the ``hasil`` storage) older than ``--hari`` days
(default ``ZI_HASIL_MAX_AGE_DAYS``), then the oldest until the total is below ``--mb`` megabytes
(default ``ZI_HASIL_MAX_MB``). They are made again on demand. For a daily timer; the app also
applies the cap by itself at most every ten minutes after writing a file.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zona_integritas.hasil import pangkas


class Command(BaseCommand):
    help = "Hapus berkas hasil (PDF tersimpan, paket bukti) yang lama atau melebihi batas ukuran."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hari", type=int, default=settings.ZI_HASIL_MAX_AGE_DAYS)
        parser.add_argument("--mb", type=int, default=settings.ZI_HASIL_MAX_MB)

    def handle(self, *args, hari: int, mb: int, **options) -> None:
        if hari < 0 or mb < 0:
            raise CommandError("--hari dan --mb tidak boleh negatif.")
        hasil = pangkas(max_age=datetime.timedelta(days=hari), max_bytes=mb * 1024 * 1024)
        self.stdout.write(
            f"{hasil.dihapus} berkas dihapus ({hasil.bait_dibebaskan / 2**20:.1f} MB), "
            f"{hasil.disimpan} disimpan ({hasil.bait_disimpan / 2**20:.1f} MB)."
        )
