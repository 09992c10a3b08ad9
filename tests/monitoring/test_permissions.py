"""Permission matrix of the monitoring URLs: role × own satker / other satker → status."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from monitoring.services import monev_mulai
from tests.factories import satker
from tests.monitoring.factories import bulk_plans

pytestmark = pytest.mark.django_db

# (url name, needs "satker" | "provinsi" | "rencana" | "monev", method)
URLS = [
    ("dasbor_satker", "satker", "get"),
    ("butir_list", "satker", "get"),
    ("dasbor_provinsi", "provinsi", "get"),
    ("monev_list", "rencana", "get"),
    ("monev_form", "monev", "get"),
    ("monev_form", "monev", "post"),
    ("monev_ajukan", "monev", "get"),
    ("monev_pdf", "monev", "get"),
]

# Expected status per role for Kudus (3319) objects; "lain" = a Tegal (3376) user.
EXPECTED = {
    #                 satker dash, items, province, monev list, form get, form post, ajukan, pdf
    "operator": [200, 200, 404, 200, 200, 403, 403, 200],
    "kasubbag": [200, 200, 404, 200, 200, 403, 403, 200],
    "tim_zi": [200, 200, 404, 200, 200, 200, 200, 200],
    "reviewer_provinsi": [200, 200, 200, 200, 200, 403, 403, 200],
    "lain": [404, 404, 404, 404, 404, 404, 404, 404],
    "anonim": [302] * 8,
}
MATRIX = [
    (role, name, target, method, expected[i])
    for role, expected in EXPECTED.items()
    for i, (name, target, method) in enumerate(URLS)
]


@pytest.mark.parametrize("role,name,target,method,expected", MATRIX)
def test_access(client, member, uploads, role, name, target, method, expected):
    kudus = satker("3319")
    (rencana,) = bulk_plans([kudus], rows=3)
    monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 4, 1))
    if role == "lain":
        client.force_login(member("tim_zi", "3376"))
    elif role == "reviewer_provinsi":
        client.force_login(member(role, "33"))
    elif role != "anonim":
        client.force_login(member(role, "3319"))
    args = {
        "satker": [kudus.pk],
        "provinsi": [satker("33").pk],
        "rencana": [rencana.pk],
        "monev": [rencana.pk, 1],
    }[target]
    url = reverse(f"monitoring:{name}", args=args)
    response = client.post(url, {}) if method == "post" else client.get(url)
    # A Tim ZI POST of an empty form re-renders with errors (200), never saves.
    assert response.status_code == expected


def test_other_province_reviewer_gets_404_for_kudus(client, member, uploads):
    from access.models import Satker

    other = Satker.objects.create(kode="34", jenis="provinsi", wilayah="DI Yogyakarta")
    reviewer = member("operator", "3319")
    reviewer.keanggotaan.all().delete()
    from tests.factories import KeanggotaanFactory

    KeanggotaanFactory(user=reviewer, satker=other, peran="reviewer_provinsi")
    client.force_login(reviewer)
    assert (
        client.get(reverse("monitoring:dasbor_satker", args=[satker("3319").pk])).status_code == 404
    )
    assert (
        client.get(reverse("monitoring:dasbor_provinsi", args=[satker("33").pk])).status_code == 404
    )
    assert client.get(reverse("monitoring:dasbor_provinsi", args=[other.pk])).status_code == 200
