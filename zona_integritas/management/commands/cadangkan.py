"""``manage.py cadangkan FOLDER``: back up the database and the evidence files (for cron/systemd)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zona_integritas.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Mencadangkan basis data (pg_dump atau backup daring SQLite) dan semua berkas bukti ke "
        "folder baru FOLDER/cadangan-YYYYMMDD-HHMMSS dengan manifest SHA-256."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="folder induk tempat cadangan dibuat")

    def handle(self, *args, **opts) -> None:
        try:
            path = create_backup(target_dir=opts["folder"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
