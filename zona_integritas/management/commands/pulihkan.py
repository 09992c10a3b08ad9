"""``manage.py pulihkan FOLDER``: restore a backup made by ``cadangkan`` (replaces the database)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zona_integritas.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan buatan `cadangkan`: memeriksa SHA-256 semua berkas, MENGGANTI "
        "seluruh isi basis data, lalu menulis berkas bukti yang belum ada (tidak menimpa). "
        "Hentikan aplikasi dan pekerja tugas lebih dulu."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="folder cadangan-YYYYMMDD-HHMMSS")
        parser.add_argument(
            "--ya", action="store_true", help="jangan bertanya; basis data saat ini diganti"
        )
        parser.add_argument(
            "--periksa", action="store_true", help="hanya periksa manifest, tanpa memulihkan"
        )

    def handle(self, *args, **opts) -> None:
        folder = opts["folder"]
        try:
            manifest = verify_backup(folder)
            if opts["periksa"]:
                self.stdout.write(
                    f"Cadangan utuh: {len(manifest['files'])} berkas sesuai manifest."
                )
                return
            if not opts["ya"]:
                answer = input(
                    f"Seluruh isi basis data akan diganti dengan cadangan {manifest['dibuat']}. "
                    "Ketik 'ya' untuk lanjut: "
                )
                if answer.strip().lower() != "ya":
                    raise CommandError("Dibatalkan; tidak ada yang diubah.")
            summary = restore_backup(source=folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Dipulihkan ({summary.engine}): {summary.written} berkas bukti ditulis, "
            f"{summary.present} sudah ada."
        )
