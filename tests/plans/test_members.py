"""The member page: the Tim ZI adds and removes members of its satker."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.models import Keanggotaan

pytestmark = pytest.mark.django_db


def test_tim_zi_adds_a_new_account_and_an_existing_one(client, member):
    tim = member("tim_zi", "3319")
    existing = member("operator", "3376")
    client.force_login(tim)
    url = reverse("plans:anggota", args=["3319"])
    response = client.post(
        url, {"username": "baru", "nama": "Orang Baru", "peran": "operator"}, follow=True
    )
    assert "kata sandi awal" in response.text
    assert Keanggotaan.objects.filter(user__username="baru", satker__kode="3319").exists()
    client.post(url, {"username": existing.username, "peran": "kasubbag"})
    assert set(
        Keanggotaan.objects.filter(user=existing).values_list("satker__kode", flat=True)
    ) == {
        "3319",
        "3376",
    }
    assert get_user_model().objects.get(pk=existing.pk).check_password("rahasia-uji-123")


def test_reviewer_role_only_on_a_province_and_no_duplicates(client, member):
    client.force_login(member("tim_zi", "3319"))
    url = reverse("plans:anggota", args=["3319"])
    response = client.post(url, {"username": "x", "peran": "reviewer_provinsi"})
    assert (
        response.status_code == 200 and not Keanggotaan.objects.filter(user__username="x").exists()
    )
    client.post(url, {"username": "y", "peran": "operator"})
    again = client.post(url, {"username": "y", "peran": "operator"})
    assert (
        "sudah menjadi" in again.text
        and Keanggotaan.objects.filter(user__username="y").count() == 1
    )


def test_last_tim_zi_cannot_be_removed_but_others_can(client, member):
    tim = member("tim_zi", "3319")
    operator = member("operator", "3319")
    client.force_login(tim)
    own = Keanggotaan.objects.get(user=tim)
    confirm = client.get(reverse("plans:anggota_hapus", args=["3319", own.pk]))
    assert "Hapus keanggotaan?" in confirm.text
    response = client.post(reverse("plans:anggota_hapus", args=["3319", own.pk]), follow=True)
    assert "terakhir" in response.text and Keanggotaan.objects.filter(pk=own.pk).exists()
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
