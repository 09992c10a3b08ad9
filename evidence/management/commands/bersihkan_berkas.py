"""``manage.py bersihkan_berkas [--hapus] [--umur-menit N]``: remove orphaned evidence objects.

Lists the stored objects that no ``Berkas`` row points at and that are older than an hour
(``evidence.orphans``). A dry run by default: nothing is deleted unless ``--hapus`` is given.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from evidence.orphans import UMUR_MINIMUM, berkas_yatim, hapus_yatim


class Command(BaseCommand):
    help = (
        "Cari (dan dengan --hapus, hapus) berkas di penyimpanan bukti yang tidak tercatat "
        "di basis data dan berumur lebih dari satu jam."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hapus", action="store_true", help="benar-benar hapus (bawaan: uji coba saja)"
        )
        parser.add_argument(
            "--umur-menit",
            type=int,
            default=int(UMUR_MINIMUM.total_seconds() // 60),
            help="umur minimum berkas yatim dalam menit (bawaan 60, paling sedikit 60)",
        )

    def handle(self, *args, hapus: bool, umur_menit: int, **options) -> None:
        if umur_menit < 60:
            # A younger object may be an upload whose row is about to be committed.
            raise CommandError("--umur-menit paling sedikit 60 (unggahan yang sedang berjalan).")
        yatim = berkas_yatim(umur=timedelta(minutes=umur_menit))
        total = sum(y.ukuran for y in yatim)
        for item in yatim:
            self.stdout.write(
                f"  {item.nama}\t{filesizeformat(item.ukuran)}\t{item.diubah:%Y-%m-%d %H:%M}"
            )
        if not hapus:
            self.stdout.write(
                f"Mode uji coba: {len(yatim)} berkas yatim ({filesizeformat(total)}) akan "
                "dihapus. Jalankan dengan --hapus untuk menghapusnya."
            )
            return
        removed = hapus_yatim(yatim)
        self.stdout.write(
            self.style.SUCCESS(f"{removed} berkas yatim dihapus ({filesizeformat(total)}).")
        )
