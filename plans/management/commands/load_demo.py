"""``manage.py load_demo``: the demo data of a first run, idempotent.

Imports the three sample SKs shipped in ``fixtures/lampiran/`` (Kudus, Tegal, Karanganyar 2022)
when their plans are not there yet, creates the demo accounts, and prints them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from access.models import Keanggotaan, Peran, Satker
from plans.models import RencanaAksi
from plans.services.importing import decode_lampiran, lampiran_import

SAMPLE_DIR = Path(settings.BASE_DIR) / "fixtures" / "lampiran"
#: (sample file, satker kode)
SAMPLES = [
    ("kudus-2022-rencana-kerja-zi.txt", "3319"),
    ("tegal-2022-rencana-aksi-zi.txt", "3376"),
    ("karanganyar-2022-rencana-aksi-zi.txt", "3313"),
]
# A published demo password: load_demo refuses to run outside DEBUG unless --paksa.
DEMO_PASSWORD = "demo-zi-2022"  # noqa: S105
#: (username, full name, satker kode, peran or None for the system admin)
DEMO_USERS = [
    ("admin", "Administrator Sistem", None, None),
    ("reviewer.jateng", "Reviewer KPU Provinsi Jawa Tengah", "33", Peran.REVIEWER_PROVINSI),
    ("timzi.kudus", "Tim ZI KPU Kabupaten Kudus", "3319", Peran.TIM_ZI),
    ("operator.kudus", "Operator KPU Kabupaten Kudus", "3319", Peran.OPERATOR),
    ("kasubbag.kudus", "Kasubbag Hukum dan SDM KPU Kabupaten Kudus", "3319", Peran.KASUBBAG),
    ("timzi.tegal", "Tim ZI KPU Kota Tegal", "3376", Peran.TIM_ZI),
    ("timzi.karanganyar", "Tim ZI KPU Kabupaten Karanganyar", "3313", Peran.TIM_ZI),
]


class Command(BaseCommand):
    help = "Muat data demo: tiga SK contoh dan akun demo (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="jalankan juga bila DEBUG mati (bukan untuk produksi)",
        )

    def handle(self, *args, **opts):
        if not settings.DEBUG and not opts["paksa"]:
            raise CommandError(
                "load_demo membuat akun dengan kata sandi yang diketahui umum; hanya untuk DEBUG."
            )
        for filename, kode in SAMPLES:
            satker = Satker.objects.get(kode=kode)
            if RencanaAksi.objects.filter(satker=satker, tahun=2022).exists():
                continue
            text = decode_lampiran((SAMPLE_DIR / filename).read_bytes())
            rencana, hasil = lampiran_import(text=text, satker=satker, sumber=filename)
            self.stdout.write(
                f"Diimpor {filename}: {sum(1 for _ in hasil.rows)} baris, "
                f"{len(hasil.warnings)} peringatan → rencana id {rencana.pk}"
            )
        self._users()

    @transaction.atomic
    def _users(self) -> None:
        User = get_user_model()
        self.stdout.write(f"\nAkun demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        for username, nama, kode, peran in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": nama, "email": f"{username}@kpu.example"}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                if peran is None:
                    user.is_superuser = user.is_staff = True
                user.save()
            if peran is not None:
                Keanggotaan.objects.get_or_create(
                    user=user, satker=Satker.objects.get(kode=kode), peran=peran
                )
            label = (
                "Admin sistem"
                if peran is None
                else f"{Peran(peran).label} — {Satker.objects.get(kode=kode)}"
            )
            self.stdout.write(f"  {username:<20} {label}")
