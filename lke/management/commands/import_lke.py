"""``import_lke FILE.xlsx --satker KODE --tahun YYYY [--penilai unit|tpi] [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from access.models import Satker
from lke.selectors import PENILAI, lke_of
from lke.services import lke_mulai
from lke.workbook import workbook_impor


class Command(BaseCommand):
    help = (
        "Membaca jawaban LKE dari lembar kerja master (lembar Jawaban, baris excel_baris, "
        "kolom jawaban unit atau TPI). Semua atau tidak sama sekali; --dry-run hanya "
        "menampilkan perubahan."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas XLSX")
        parser.add_argument("--satker", required=True, help="kode satker, mis. 3319")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--penilai", choices=PENILAI, default="unit")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, file, satker, tahun, penilai, dry_run, **options):
        unit = Satker.objects.filter(kode=satker).first()
        if unit is None:
            raise CommandError(f"Satker dengan kode {satker} tidak ada.")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        try:
            lke = lke_of(unit, tahun) or lke_mulai(satker=unit, tahun=tahun, user=None)
            hasil = workbook_impor(lke=lke, data=data, penilai=penilai, dry_run=dry_run)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if hasil.galat:
            raise CommandError("Impor ditolak, tidak ada yang disimpan:\n" + "\n".join(hasil.galat))
        for jawaban, baru, bukti in hasil.perubahan:
            detail = ", ".join(f"{k}={v!r}" for k, v in baru.items())
            extra = f", bukti={bukti}" if bukti is not None else ""
            self.stdout.write(f"soal {jawaban.soal.id_master}: {detail}{extra}")
        verb = "akan diubah (uji coba, tidak disimpan)" if dry_run else "diubah"
        self.stdout.write(
            f"{len(hasil.perubahan)} jawaban {verb}, {hasil.tidak_berubah} tidak berubah."
        )
