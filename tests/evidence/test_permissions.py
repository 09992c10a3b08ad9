"""The permission matrix of the evidence URLs: role × own/other satker × URL → status.

Own satker: Kudus (3319). Other satker: the user's membership is elsewhere (Tegal kota 3376,
or a reviewer of another province), so every evidence URL of Kudus is a 404 for them.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from access.models import Satker
from evidence.models import Unggahan
from evidence.services import unggahan_withdraw
from tests.evidence import files
from tests.evidence.conftest import upload_service
from tests.factories import UserFactory

ROLES = ["operator", "kasubbag", "tim_zi", "reviewer_provinsi", "superuser"]

# url name, method, object ("rencana" | "bukti" | "unggahan" | "ditarik"), expected per role
MATRIX = [
    ("rencana_bukti", "get", "rencana", [200, 200, 200, 200, 200]),
    ("paket", "get", "rencana", [200, 200, 200, 200, 200]),
    ("bukti_detail", "get", "bukti", [200, 200, 200, 200, 200]),
    ("unggah", "post", "bukti", [403, 302, 302, 403, 302]),
    ("unduh", "get", "unggahan", [200, 200, 200, 200, 200]),
    ("pratinjau", "get", "unggahan", [200, 200, 200, 200, 200]),
    ("verifikasi", "get", "unggahan", [403, 403, 200, 200, 200]),
    ("verifikasi", "post", "unggahan", [403, 403, 302, 302, 302]),
    ("tarik", "get", "unggahan", [403, 200, 200, 403, 200]),
    ("tarik", "post", "unggahan", [403, 302, 302, 403, 302]),
    ("tautkan", "get", "unggahan", [403, 200, 200, 403, 200]),
    ("pulihkan", "post", "ditarik", [404, 302, 302, 403, 302]),
    ("musnahkan", "get", "ditarik", [404, 403, 403, 403, 200]),
    ("unduh", "get", "ditarik", [404, 200, 200, 200, 200]),
]

CASES = [
    pytest.param(role, url, method, obj, expected[i], id=f"{url}-{method}-{obj}-{role}")
    for url, method, obj, expected in MATRIX
    for i, role in enumerate(ROLES)
]


def make_user(role: str, own: bool):
    from access.models import Keanggotaan

    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    user = UserFactory()
    if role == "reviewer_provinsi":
        kode = "33" if own else _other_province().kode
    else:
        kode = "3319" if own else "3376"
    Keanggotaan.objects.create(user=user, satker=Satker.objects.get(kode=kode), peran=role)
    return user


def _other_province() -> Satker:
    province, _ = Satker.objects.get_or_create(
        kode="34", defaults={"jenis": "provinsi", "wilayah": "Daerah Istimewa Yogyakarta"}
    )
    return province


@pytest.fixture
def objects(plan, bukti, member):
    kasubbag = member("kasubbag", "3319")
    [aktif] = upload_service(bukti, kasubbag, ("Aktif.pdf", files.pdf("aktif")))
    [ditarik] = upload_service(bukti, kasubbag, ("Ditarik.pdf", files.pdf("ditarik")))
    unggahan_withdraw(unggahan=ditarik, user=kasubbag, alasan="salah unggah")
    return {"rencana": plan, "bukti": bukti, "unggahan": aktif, "ditarik": ditarik}


POST_DATA = {
    "unggah": lambda: {"periode": "3", "berkas": SimpleUploadedFile("Baru.pdf", files.pdf("b"))},
    "verifikasi": lambda: {"status": "diterima", "catatan": ""},
    "tarik": lambda: {"alasan": "diganti"},
    "pulihkan": dict,
}


def request(client, url_name, method, obj):
    url = reverse(f"evidence:{url_name}", args=[obj.pk])
    if method == "get":
        return client.get(url)
    return client.post(url, POST_DATA[url_name]())


@pytest.mark.parametrize("role,url_name,method,obj,expected", CASES)
def test_own_satker(client, objects, role, url_name, method, obj, expected):
    client.force_login(make_user(role, own=True))
    response = request(client, url_name, method, objects[obj])
    assert response.status_code == expected


# the system admin sees every satker, so has no "other satker"
OTHER_CASES = [c for c in CASES if c.values[0] != "superuser"]


@pytest.mark.parametrize("role,url_name,method,obj,expected", OTHER_CASES)
def test_other_satker_is_404(client, objects, role, url_name, method, obj, expected):
    before = Unggahan.objects.values_list("pk", "status", "ditarik").order_by("pk")
    before = list(before)
    client.force_login(make_user(role, own=False))
    response = request(client, url_name, method, objects[obj])
    assert response.status_code == 404
    assert list(Unggahan.objects.values_list("pk", "status", "ditarik").order_by("pk")) == before


@pytest.mark.parametrize("url_name,method,obj", sorted({(m[0], m[1], m[2]) for m in MATRIX}))
def test_anonymous_goes_to_login(client, objects, url_name, method, obj):
    response = request(client, url_name, method, objects[obj])
    assert response.status_code == 302 and reverse("login") in response.url


def test_refused_writes_change_nothing(client, objects, member):
    """A reader's POSTs (403) neither store a file nor change a status."""
    client.force_login(member("operator", "3319"))
    for url_name in ["unggah", "verifikasi", "tarik"]:
        obj = objects["bukti"] if url_name == "unggah" else objects["unggahan"]
        assert request(client, url_name, "post", obj).status_code == 403
    aktif = Unggahan.objects.get(pk=objects["unggahan"].pk)
    assert aktif.status == "menunggu" and not aktif.ditarik
    assert Unggahan.objects.count() == 2
