"""``manage.py import_users FILE.csv [--password PW]``: onboard a province's accounts.

Columns (header row required): ``username,nama,email,satker,peran`` where ``satker`` is the
Kemendagri code (``3319``) and ``peran`` one of ``operator``, ``kasubbag``, ``tim_zi``,
``reviewer_provinsi``. A username may appear on several lines (several memberships); an
existing account gets the new memberships and keeps its password.

All or nothing: every line is checked first and every bad line is reported with its line
number; when any line is bad nothing is created. Passwords: ``--password`` for every new
account (checked against ``AUTH_PASSWORD_VALIDATORS`` for each of them), or one generated per
new account and printed once (keep that output safe). Either way whoever ran the import has
seen it, so every new account must change its password at its first login.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from access.accounts import wajibkan_ganti_sandi
from access.models import Keanggotaan, Peran, Satker
from plans.services.members import password_baru, peran_sah

KOLOM = ("username", "nama", "email", "satker", "peran")


def _akun_problems(row: dict[str, str], username_validator) -> list[str]:
    """What is wrong with the line's ``username`` (required, ``username_validator`` of the
    user model) and ``email`` (optional, Django's ``validate_email``); Indonesian fragments."""
    problems = []
    if not row["username"]:
        problems.append("username kosong")
    else:
        try:
            username_validator(row["username"])
        except ValidationError:
            problems.append(f"username \u201c{row['username']}\u201d tidak sah")
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            problems.append(f"email \u201c{row['email']}\u201d tidak sah")
    return problems


def _peran_problems(row: dict[str, str], satker: Satker | None) -> list[str]:
    """What is wrong with the line's ``satker`` code (``None``: not known) and ``peran`` for it
    (``peran_sah``: a known role fitting the satker's level); Indonesian fragments."""
    if satker is None:
        return [f"kode satker \u201c{row['satker']}\u201d tidak dikenal"]
    try:
        peran_sah(satker, row["peran"])
    except ValidationError as exc:
        return [exc.messages[0]]
    return []


class Command(BaseCommand):
    help = "Buat akun dan keanggotaan satker dari berkas CSV (username,nama,email,satker,peran)."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas CSV (UTF-8)")
        parser.add_argument(
            "--password",
            help="kata sandi untuk semua akun baru (bila kosong: dibuat acak dan dicetak sekali)",
        )

    def handle(self, *args, berkas: str, password: str | None, **options):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError("Berkas bukan teks UTF-8.") from None
        rows, errors = self.parse_rows(text)
        if password and not errors:
            errors = self.check_password(rows, password)
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(errors)} baris bermasalah; tidak ada akun yang dibuat. Perbaiki lalu ulangi."
            )
        created = self.write(rows, password)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(created)} akun baru, {len(rows)} keanggotaan dari {len(rows)} baris."
            )
        )
        if created and not password:
            self.stdout.write("Kata sandi awal (hanya ditampilkan sekali):")
            for username, pw in created:
                self.stdout.write(f"  {username}\t{pw}")

    # Not named ``check``: BaseCommand.check() runs the system checks before handle() on the
    # real entry point (manage.py), and overriding it crashed the command there.
    def parse_rows(self, text: str) -> tuple[list[dict], list[str]]:
        """Parse and validate every line; return ``(rows, errors)`` (errors name line numbers)."""
        reader = csv.DictReader(text.splitlines())
        header = [h.strip().lower() for h in reader.fieldnames or []]
        if tuple(header[: len(KOLOM)]) != KOLOM:
            return [], [f"Baris 1: kepala kolom harus {','.join(KOLOM)}, bukan {','.join(header)}."]
        reader.fieldnames = header
        satkers = {s.kode: s for s in Satker.objects.all()}
        User = get_user_model()
        rows, errors, seen = [], [], set()
        for line, raw in enumerate(reader, start=2):
            row = {k: (raw.get(k) or "").strip() for k in KOLOM}
            satker = satkers.get(row["satker"])
            problems = _akun_problems(row, User.username_validator) + _peran_problems(row, satker)
            key = (row["username"].lower(), row["satker"], row["peran"])
            if key in seen:
                problems.append("baris ganda")
            seen.add(key)
            if problems:
                errors.append(f"Baris {line}: " + "; ".join(problems) + ".")
            else:
                rows.append({**row, "satker": satker, "baris": line})
        if not rows and not errors:
            errors.append("Berkas tidak berisi baris data.")
        return rows, errors

    def check_password(self, rows: list[dict], password: str) -> list[str]:
        """``--password`` against ``AUTH_PASSWORD_VALIDATORS`` for every account it would create
        (similarity to each user's name and e-mail included); one error per line refused."""
        User = get_user_model()
        existing = {
            u.lower()
            for u in User.objects.filter(username__in=[r["username"] for r in rows]).values_list(
                "username", flat=True
            )
        }
        errors, seen = [], set()
        for row in rows:
            key = row["username"].lower()
            if key in existing or key in seen:
                continue
            seen.add(key)
            first, _, last = row["nama"].partition(" ")
            candidate = User(
                username=row["username"], email=row["email"], first_name=first, last_name=last
            )
            try:
                validate_password(password, user=candidate)
            except ValidationError as exc:
                errors.append(
                    f"Baris {row['baris']}: --password tidak memenuhi syarat kata sandi: "
                    + " ".join(exc.messages)
                )
        return errors

    @transaction.atomic
    def write(self, rows: list[dict], password: str | None) -> list[tuple[str, str]]:
        """Create accounts and memberships; return ``(username, password)`` of new accounts."""
        User = get_user_model()
        created: list[tuple[str, str]] = []
        for row in rows:
            user = User.objects.filter(username__iexact=row["username"]).first()
            if user is None:
                pw = password or password_baru()
                first, _, last = row["nama"].partition(" ")
                user = User.objects.create_user(
                    username=row["username"],
                    email=row["email"],
                    password=pw,
                    first_name=first,
                    last_name=last,
                )
                wajibkan_ganti_sandi(user)
                created.append((user.username, pw))
            Keanggotaan.objects.get_or_create(user=user, satker=row["satker"], peran=row["peran"])
            if row["peran"] == Peran.TIM_ZI and not user.is_staff:
                user.is_staff = True  # the Tim ZI uses the scoped admin of its satker
                user.save(update_fields=["is_staff"])
        return created
