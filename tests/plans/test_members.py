"""The member page: the Tim ZI adds and removes members of its satker."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from access.models import Keanggotaan, WajibGantiSandi

pytestmark = pytest.mark.django_db


def test_tim_zi_adds_a_new_account_and_a_role_to_an_own_member(client, member):
    tim = member("tim_zi", "3319")
    colleague = member("operator", "3319")
    client.force_login(tim)
    url = reverse("plans:anggota", args=["3319"])
    response = client.post(
        url, {"username": "baru", "nama": "Orang Baru", "peran": "operator"}, follow=True
    )
    assert "kata sandi awal" in response.text
    assert Keanggotaan.objects.filter(user__username="baru", satker__kode="3319").exists()
    assert WajibGantiSandi.objects.filter(user__username="baru").exists()
    client.post(url, {"username": colleague.username, "peran": "kasubbag"})
    assert set(Keanggotaan.objects.filter(user=colleague).values_list("peran", flat=True)) == {
        "operator",
        "kasubbag",
    }
    assert get_user_model().objects.get(pk=colleague.pk).check_password("rahasia-uji-123")


def test_account_of_another_satker_is_not_attached_and_its_existence_not_revealed(client, member):
    elsewhere = member("operator", "3376")
    get_user_model().objects.create_user("tanpa.satker", password="x-rahasia-123")
    client.force_login(member("tim_zi", "3319"))
    url = reverse("plans:anggota", args=["3319"])
    answers = []
    for username in (elsewhere.username, "tanpa.satker"):
        response = client.post(url, {"username": username, "peran": "operator"})
        assert response.status_code == 200
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)
        answers.append(page.replace(username, "NAMA"))
    assert not Keanggotaan.objects.filter(satker__kode="3319", peran="operator").exists()
    assert "tidak dapat dipakai" in answers[0]
    assert answers[0] == answers[1]  # same page whoever owns the name
    assert "3376" not in answers[0]
    assert "Tegal" not in answers[0]


def test_system_admin_attaches_an_existing_account_anywhere(client, member, admin_user):
    elsewhere = member("operator", "3376")
    client.force_login(admin_user)
    client.post(
        reverse("plans:anggota", args=["3319"]),
        {"username": elsewhere.username, "peran": "kasubbag"},
    )
    assert Keanggotaan.objects.filter(user=elsewhere, satker__kode="3319").exists()


def test_tim_zi_grants_only_satker_roles_and_province_roles_are_the_admins(
    client, member, admin_user
):
    client.force_login(member("tim_zi", "33"))  # the Tim ZI of the province's own office
    url = reverse("plans:anggota", args=["33"])
    page = client.get(url)
    assert 'value="reviewer_provinsi"' not in page.text
    client.post(url, {"username": "calon.reviewer", "peran": "reviewer_provinsi"})
    assert not Keanggotaan.objects.filter(peran="reviewer_provinsi").exists()
    reviewer = member("reviewer_provinsi", "33")
    own = Keanggotaan.objects.get(user=reviewer)
    page = client.get(url)
    assert "diatur admin sistem" in page.text
    assert reverse("plans:anggota_hapus", args=["33", own.pk]) not in page.text
    client.post(reverse("plans:anggota_hapus", args=["33", own.pk]))
    assert Keanggotaan.objects.filter(pk=own.pk).exists()
    client.force_login(admin_user)
    assert 'value="reviewer_provinsi"' in client.get(url).text
    client.post(url, {"username": "calon.reviewer", "peran": "reviewer_provinsi"})
    assert Keanggotaan.objects.filter(
        user__username="calon.reviewer", peran="reviewer_provinsi"
    ).exists()


def test_reviewer_role_only_on_a_province_and_no_duplicates(client, member):
    client.force_login(member("tim_zi", "3319"))
    url = reverse("plans:anggota", args=["3319"])
    response = client.post(url, {"username": "x", "peran": "reviewer_provinsi"})
    assert response.status_code == 200
    assert not Keanggotaan.objects.filter(user__username="x").exists()
    client.post(url, {"username": "y", "peran": "operator"})
    again = client.post(url, {"username": "y", "peran": "operator"})
    assert "sudah menjadi" in again.text
    assert Keanggotaan.objects.filter(user__username="y").count() == 1


def test_last_tim_zi_cannot_be_removed_but_others_can(client, member):
    tim = member("tim_zi", "3319")
    operator = member("operator", "3319")
    client.force_login(tim)
    own = Keanggotaan.objects.get(user=tim)
    confirm = client.get(reverse("plans:anggota_hapus", args=["3319", own.pk]))
    assert "Hapus keanggotaan?" in confirm.text
    response = client.post(reverse("plans:anggota_hapus", args=["3319", own.pk]), follow=True)
    assert "terakhir" in response.text
    assert Keanggotaan.objects.filter(pk=own.pk).exists()
    op = Keanggotaan.objects.get(user=operator)
    client.post(reverse("plans:anggota_hapus", args=["3319", op.pk]))
    assert not Keanggotaan.objects.filter(pk=op.pk).exists()
    assert get_user_model().objects.filter(pk=operator.pk).exists()


def test_membership_of_another_satker_is_404_on_my_page(client, member):
    member("operator", "3376")
    other = Keanggotaan.objects.get(satker__kode="3376")
    client.force_login(member("tim_zi", "3319"))
    assert client.post(reverse("plans:anggota_hapus", args=["3319", other.pk])).status_code == 404
    assert Keanggotaan.objects.filter(pk=other.pk).exists()
