"""Accounts: password change for everyone, forced change of a password someone else saw,
login throttling (django-axes), Argon2 with upgrade on login, the login form's wording."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import CommandError, call_command
from django.urls import reverse

from access.models import WajibGantiSandi
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "rahasia-uji-123"
NEW = "Kunci-Baru-Kudus-2026"


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_every_user_changes_their_password(client, member):
    user = member("kasubbag")
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "Ganti kata sandi" in page.text
    weak = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert "terlalu umum" in weak.text
    done = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Kata sandi diganti" in done.text
    assert User.objects.get(pk=user.pk).check_password(NEW)


def test_a_password_someone_else_saw_must_be_changed_first(client, member):
    tim = member("tim_zi")
    client.force_login(tim)
    created = client.post(
        reverse("plans:anggota", args=["3319"]),
        {"username": "operator.baru", "nama": "Operator Baru", "peran": "operator"},
        follow=True,
    )
    password = created.text.split("kata sandi awal: ")[1].split(" ")[0]
    client.logout()
    assert _login(client, "operator.baru", password).status_code == 302
    home = client.get(reverse("plans:rencana_list"))
    assert home.status_code == 302
    assert home["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert "dibuat atau dilihat oleh orang lain" in page.text
    client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW, "new_password2": NEW},
    )
    assert not WajibGantiSandi.objects.filter(user__username="operator.baru").exists()
    assert client.get(reverse("plans:rencana_list")).status_code == 200


def test_import_users_applies_the_password_validators_and_forces_a_change(tmp_path):
    path = tmp_path / "akun.csv"
    path.write_text(
        "username,nama,email,satker,peran\nbudi,Budi,budi@kpu.example,3319,operator\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_users", str(path), "--password", "12345678", stderr=StringIO())
    assert not User.objects.filter(username="budi").exists()
    call_command("import_users", str(path), "--password", NEW, stdout=StringIO())
    assert WajibGantiSandi.objects.filter(user__username="budi").exists()


def test_login_error_reads_as_proper_indonesian(client):
    UserFactory(username="sri")
    response = _login(client, "sri", "salah-sekali")
    assert "Nama pengguna atau kata sandi salah" in response.text
    assert "nama pengguna nama pengguna" not in response.text.lower()


def test_guessing_one_username_locks_it_with_an_indonesian_message(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="sri")
    for n in range(3):
        _login(client, "sri", f"tebakan-{n}", ip=f"10.0.1.{n}")  # other IPs every time
    locked = _login(client, "sri", PASSWORD, ip="10.0.9.9")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.text
    assert "_auth_user_id" not in client.session
    assert _login(client, "lain", "x", ip="10.0.9.9").status_code == 200  # others not locked


def test_guessing_from_one_ip_locks_that_ip(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="sri")
    for n in range(3):
        _login(client, f"tebak{n}", "x", ip="10.0.2.2")
    assert _login(client, "sri", PASSWORD, ip="10.0.2.2").status_code == 429
    assert _login(client, "sri", PASSWORD, ip="10.0.3.3").status_code == 302


def test_the_system_admin_lifts_a_lockout(client, settings, admin_user):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="sri")
    for n in range(2):
        _login(client, "sri", f"tebakan-{n}", ip=f"10.0.4.{n}")
    assert _login(client, "sri", PASSWORD, ip="10.0.4.9").status_code == 429
    client.force_login(admin_user)
    attempts = list(AccessAttempt.objects.filter(username="sri"))
    assert attempts
    for attempt in attempts:
        url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
        assert client.post(url, {"post": "yes"}).status_code == 302
    client.logout()
    assert _login(client, "sri", PASSWORD, ip="10.0.4.9").status_code == 302


def test_argon2_first_and_older_hashes_upgraded_at_login(client, settings):
    project = importlib.import_module("zona_integritas.settings")
    assert project.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert any("PBKDF2PasswordHasher" in h for h in project.PASSWORD_HASHERS)
    # The cheapest older hasher stands in for PBKDF2: the upgrade path is the same.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    user = UserFactory(username="lama")
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="md5"))
    assert _login(client, "lama", PASSWORD).status_code == 302
    assert User.objects.get(pk=user.pk).password.startswith("argon2")


def test_a_password_the_system_admin_sets_must_be_changed(client, admin_user):
    user = UserFactory(username="sri")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW, "password2": NEW},
    )
    assert response.status_code == 302
    assert WajibGantiSandi.objects.filter(user=user).exists()
    assert User.objects.get(pk=user.pk).check_password(NEW)
