"""The SK page: metadata and list texts round-trip through the form; a stale form is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.forms.editing import SKForm
from plans.models import RencanaAksi
from plans.services.importing import lampiran_import

pytestmark = pytest.mark.django_db


def form_data(rencana: RencanaAksi) -> dict:
    form = SKForm(instance=rencana)
    data = {}
    for name, field in form.fields.items():
        value = (
            field.initial if name.endswith("_teks") or name == "versi" else form.initial.get(name)
        )
        data[name] = "" if value is None else value
    return data


def test_sk_form_saves_what_it_shows_and_the_edit(client, member, sample_text):
    rencana, _ = lampiran_import(text=sample_text("kudus"))
    client.force_login(member("operator", "3319"))
    data = form_data(rencana)
    data["sk_tempat"] = "Kudus Kota"
    data["menimbang_teks"] += "\n\nc. bahwa butir tambahan untuk uji;"
    response = client.post(reverse("plans:rencana_sk", args=[rencana.pk]), data)
    assert response.status_code == 302
    saved = RencanaAksi.objects.get(pk=rencana.pk)
    assert saved.sk_tempat == "Kudus Kota"
    assert saved.menimbang == [*rencana.menimbang, "c. bahwa butir tambahan untuk uji;"]
    assert saved.mengingat == rencana.mengingat
    assert saved.diktum == rencana.diktum
    assert saved.sk_nomor == rencana.sk_nomor
    assert saved.sk_tanggal == rencana.sk_tanggal


def test_sk_form_from_a_stale_page_is_refused_and_changes_nothing(client, member, sample_text):
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    client.force_login(member("tim_zi", "3376"))
    stale = form_data(rencana)
    fresh = form_data(rencana) | {"sk_tempat": "Tegal Barat"}
    assert client.post(reverse("plans:rencana_sk", args=[rencana.pk]), fresh).status_code == 302
    stale["sk_tempat"] = "Slawi"
    response = client.post(reverse("plans:rencana_sk", args=[rencana.pk]), stale)
    assert response.status_code == 409
    assert RencanaAksi.objects.get(pk=rencana.pk).sk_tempat == "Tegal Barat"


def test_sk_form_edits_the_lampiran_heading(client, member, sample_text):
    rencana, _ = lampiran_import(text=sample_text("kudus"))
    client.force_login(member("operator", "3319"))
    data = form_data(rencana) | {
        "lampiran_nomor": "11/HK.03.1/3319/2022",
        "lampiran_tanggal": "8 Februari 2022",
        "lampiran_tentang": "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS",
    }
    response = client.post(reverse("plans:rencana_sk", args=[rencana.pk]), data)
    assert response.status_code == 302
    saved = RencanaAksi.objects.get(pk=rencana.pk)
    assert (saved.lampiran_nomor, saved.lampiran_tanggal) == (
        "11/HK.03.1/3319/2022",
        "8 Februari 2022",
    )
    assert saved.lampiran_tentang == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"
    assert saved.versi == rencana.versi + 1
