"""``manage.py import_users``: all or nothing, bad lines reported, passwords once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from access.models import Keanggotaan

pytestmark = pytest.mark.django_db
User = get_user_model()

GOOD = """username,nama,email,satker,peran
budi,Budi Santoso,budi@kpu.example,3319,operator
sri,Sri Wahyuni,sri@kpu.example,3319,tim_zi
sri,Sri Wahyuni,sri@kpu.example,3376,kasubbag
rina,Rina,rina@kpu.example,33,reviewer_provinsi
"""


def _run(tmp_path, text, *args):
    path = tmp_path / "users.csv"
    path.write_text(text, encoding="utf-8")
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_users", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_creates_accounts_memberships_and_prints_generated_passwords_once(tmp_path):
    out, _ = _run(tmp_path, GOOD)
    assert User.objects.count() == 3
    assert Keanggotaan.objects.count() == 4
    sri = User.objects.get(username="sri")
    assert sri.is_staff
    assert sri.first_name == "Sri"
    lines = dict(line.strip().split("\t") for line in out.splitlines() if "\t" in line)
    assert set(lines) == {"budi", "sri", "rina"}
    assert User.objects.get(username="budi").check_password(lines["budi"])


def test_given_password_for_everyone(tmp_path):
    out, _ = _run(tmp_path, GOOD, "--password", "Sandi-Awal-2023")
    assert "Sandi-Awal-2023" not in out
    assert all(u.check_password("Sandi-Awal-2023") for u in User.objects.all())


def test_one_bad_line_creates_nothing_and_every_bad_line_is_reported(tmp_path):
    bad = (
        GOOD
        + "x y,Nama,bukan-email,9999,operator\nandi,Andi,,3319,ketua\nbudi2,B,,3319,reviewer_provinsi\n"
    )
    with pytest.raises(CommandError, match="3 baris bermasalah"):
        _run(tmp_path, bad)
    assert not User.objects.exists()
    assert not Keanggotaan.objects.exists()


def test_bad_lines_are_named_with_their_numbers(tmp_path, capsys):
    from io import StringIO

    path = tmp_path / "users.csv"
    path.write_text(GOOD + "andi,Andi,,3319,ketua\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_users", str(path), stderr=err)
    assert "Baris 6:" in err.getvalue()
    assert "ketua" in err.getvalue()


def test_wrong_header_is_refused(tmp_path):
    with pytest.raises(CommandError):
        _run(tmp_path, "user,name\nbudi,Budi\n")
    assert not User.objects.exists()
