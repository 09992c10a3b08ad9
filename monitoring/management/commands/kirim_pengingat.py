"""``manage.py kirim_pengingat [--hari N] [--tanggal YYYY-MM-DD]``: e-mail deadline reminders.

Suitable for cron (e.g. daily at 07:00). Each satker's Kasubbag Hukum dan SDM and Tim ZI get
what falls due in the next N days (default 7) and what is overdue, at most once per bukti
fisik and period (``monitoring.reminders``). Exits with an error if sending failed for a satker.
``--latar`` queues the same work as the task ``monitoring.tasks.kirim_pengingat_task`` instead, so a
slow mail server holds the worker, not the timer.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from monitoring.management.commands.monev_status import _tanggal
from monitoring.reminders import pengingat_kirim


class Command(BaseCommand):
    help = "Kirim e-mail pengingat bukti fisik yang akan jatuh tempo dan yang tertunggak."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hari", type=int, default=7, help="jangka ke depan (hari), baku 7")
        parser.add_argument(
            "--tanggal",
            type=_tanggal,
            default=None,
            help="tanggal acuan YYYY-MM-DD (baku hari ini)",
        )
        parser.add_argument(
            "--latar",
            action="store_true",
            help="antrekan sebagai tugas latar belakang (dikirim oleh db_worker)",
        )

    def handle(self, *args, hari: int, tanggal: date | None, latar: bool, **options) -> None:
        if hari < 0:
            raise CommandError("--hari tidak boleh negatif.")
        tanggal = tanggal or timezone.localdate()
        if latar:
            from monitoring.tasks import kirim_pengingat_task

            result = kirim_pengingat_task.enqueue(tanggal=tanggal.isoformat(), hari=hari)
            self.stdout.write(f"Pengingat diantrekan (tugas {result.id}, tanggal acuan {tanggal}).")
            return
        hasil = pengingat_kirim(tanggal=tanggal, hari=hari)
        self.stdout.write(
            f"{hasil.email} e-mail terkirim untuk {hasil.butir} butir (tanggal acuan {tanggal})."
        )
        for nama in hasil.tanpa_penerima:
            self.stderr.write(
                f"Peringatan: {nama} tidak memiliki Kasubbag/Tim ZI dengan alamat e-mail."
            )
        if hasil.gagal:
            raise CommandError("Gagal mengirim pengingat untuk: " + ", ".join(hasil.gagal))
