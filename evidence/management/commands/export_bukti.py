"""``python manage.py export_bukti RENCANA_ID --output PATH.zip [--semua-revisi]`` (stable).

Writes the plan's evidence pack (``evidence.pack``) for batch exports: to a temporary file next
to ``PATH`` first, renamed into place only when complete, so a failed run leaves no half ZIP
and an existing file is never overwritten unless ``--timpa`` is given.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from evidence.pack import paket_bukti
from plans.models import RencanaAksi


class Command(BaseCommand):
    help = "Ekspor paket bukti fisik sebuah rencana aksi ke berkas ZIP."

    def add_arguments(self, parser) -> None:
        parser.add_argument("rencana_id", type=int, help="ID rencana aksi")
        parser.add_argument("--output", required=True, help="Berkas ZIP tujuan")
        parser.add_argument(
            "--semua-revisi",
            action="store_true",
            help="Sertakan semua revisi yang tidak ditarik (bawaan: revisi terakhir yang diterima)",
        )
        parser.add_argument(
            "--timpa", action="store_true", help="Timpa berkas tujuan bila sudah ada"
        )

    def handle(
        self, *args, rencana_id: int, output: str, semua_revisi: bool, timpa: bool, **options
    ) -> None:
        try:
            rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(pk=rencana_id)
        except RencanaAksi.DoesNotExist:
            raise CommandError(f"Rencana aksi dengan ID {rencana_id} tidak ditemukan.") from None
        target = Path(output)
        if target.exists() and not timpa:
            raise CommandError(f"{target} sudah ada; pakai --timpa untuk menimpanya.")
        if not target.parent.is_dir():
            raise CommandError(f"Folder {target.parent} tidak ada.")
        pack = paket_bukti(rencana=rencana, semua_revisi=semua_revisi)
        fd, tmp = tempfile.mkstemp(prefix=".export_bukti-", suffix=".zip", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                written = pack.write_to(out)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stdout.write(
            self.style.SUCCESS(
                f"{target}: {len(pack.entri)} berkas dari {len(pack.baris)} bukti fisik, "
                f"{filesizeformat(written)}."
            )
        )
