"""The Django admin for non-superusers: scoped to their satker, permissions from ``can``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import Indikator, RencanaAksi
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    own = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    other = make_plan(satker_kode="3376", areas=1, komponen_per_area=1, indikator_per_komponen=1)
    return own, other


def _staff(member, peran, kode="3319"):
    user = member(peran, kode)
    user.is_staff = True
    user.save()
    return user


def test_tim_zi_uses_the_admin_for_its_satker_only(client, member, plans):
    own, other = plans
    client.force_login(_staff(member, "tim_zi"))
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200 and "Rencana aksi" in index.text
    listing = client.get(reverse("admin:plans_rencanaaksi_changelist"))
    assert "Kudus" in listing.text and "Kota Tegal" not in listing.text
    assert client.get(reverse("admin:plans_rencanaaksi_change", args=[own.pk])).status_code == 200
    assert client.get(reverse("admin:plans_rencanaaksi_change", args=[other.pk])).status_code == 302
    indikator = Indikator.objects.get(komponen__rencana_area__rencana=own)
    url = reverse("admin:plans_indikator_change", args=[indikator.pk])
    response = client.post(
        url,
        {"komponen": indikator.komponen_id, "nama": "Diubah di admin", "urutan": 0,
         "langkah_aksi-TOTAL_FORMS": 0, "langkah_aksi-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 302
    assert Indikator.objects.get(pk=indikator.pk).nama == "Diubah di admin"


def test_reader_staff_can_view_but_not_change(client, member, plans):
    own, _ = plans
    client.force_login(_staff(member, "kasubbag"))
    url = reverse("admin:plans_rencanaaksi_change", args=[own.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.post(url, {"judul": "x"}).status_code == 403
    assert RencanaAksi.objects.get(pk=own.pk).judul != "x"


def test_locked_plan_is_read_only_in_the_admin(client, member, plans):
    own, _ = plans
    RencanaAksi.objects.filter(pk=own.pk).update(status="ditetapkan")
    client.force_login(_staff(member, "tim_zi"))
    page = client.get(reverse("admin:plans_rencanaaksi_change", args=[own.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.get(reverse("admin:plans_rencanaaksi_delete", args=[own.pk])).status_code == 403


def test_operator_cannot_set_the_status_in_the_admin(client, member, plans):
    own, _ = plans
    client.force_login(_staff(member, "operator"))
    page = client.get(reverse("admin:plans_rencanaaksi_change", args=[own.pk]))
    assert page.status_code == 200 and 'name="status"' not in page.text
