"""In-app notifications and the pages that keep people from hunting: who is told of a plan's
workflow step and of a rejected upload, the unread count, opening and marking read, reminders
in the app, the reviewer's note where the operator works, a menu that shows only what opens,
and the item lists that lead to the upload page."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from evidence.services import unggahan_verify
from monitoring.reminders import pengingat_kirim
from notifications.models import Notifikasi
from plans.services.workflow import rencana_ajukan, rencana_kembalikan, rencana_setujui
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member):
    return {
        "operator": member("operator", "3319", email="operator@kpu.example"),
        "timzi": member("tim_zi", "3319", email=""),
        "kasubbag": member("kasubbag", "3319", email="kasubbag@kpu.example"),
        "reviewer": member("reviewer_provinsi", "33", email="reviewer@kpu.example"),
        "lain": member("operator", "3376"),
    }


@pytest.fixture
def plan():
    return make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)


def _titles(user) -> list[str]:
    return list(Notifikasi.objects.filter(user=user).values_list("judul", flat=True))


def test_submit_tells_the_reviewer_and_return_tells_the_satker_with_the_note(
    people, plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rencana_ajukan(rencana=plan, user=people["operator"])
    assert [t for t in _titles(people["reviewer"]) if "diajukan" in t]
    assert _titles(people["operator"]) == []  # not told of their own step

    with django_capture_on_commit_callbacks(execute=True):
        rencana_kembalikan(rencana=plan, user=people["reviewer"], catatan="Lengkapi area II.")
    for who in ("operator", "timzi"):
        [n] = Notifikasi.objects.filter(user=people[who], judul__contains="dikembalikan")
        assert "Lengkapi area II." in n.isi
        assert n.tautan == reverse("plans:rencana_detail", args=[plan.pk])
    assert _titles(people["kasubbag"]) == []
    assert _titles(people["lain"]) == []
    # the same by mail, only where an address is known (Tim ZI has none)
    returned = [m for m in mail.outbox if "dikembalikan" in m.subject]
    assert [m.to for m in returned] == [["operator@kpu.example"]]
    assert "Lengkapi area II." in returned[0].body


def test_approval_is_told_to_the_editors(people, plan):
    rencana_ajukan(rencana=plan, user=people["operator"])
    rencana_setujui(rencana=plan, user=people["reviewer"])
    assert any("disetujui" in t for t in _titles(people["timzi"]))
    assert not any("disetujui" in t for t in _titles(people["kasubbag"]))


def test_rejected_upload_is_told_to_its_uploader(people, plan):
    bukti = bukti_of(plan)[0]
    [u] = upload_service(bukti, people["kasubbag"], ("Notulen.pdf", files.pdf("n")), periode=None)
    unggahan_verify(
        unggahan=u, user=people["timzi"], status="ditolak", catatan="Belum ditandatangani"
    )
    [n] = Notifikasi.objects.filter(user=people["kasubbag"])
    assert "Notulen.pdf" in n.judul
    assert "Belum ditandatangani" in n.isi
    assert n.tautan == reverse("evidence:bukti_detail", args=[bukti.pk])
    unggahan_verify(unggahan=u, user=people["timzi"], status="diterima")
    assert Notifikasi.objects.filter(user=people["kasubbag"]).count() == 1


def test_unread_count_open_and_mark_all(client, people):
    user = people["operator"]
    own = [
        Notifikasi.objects.create(
            user=user, jenis="rencana", judul=f"Pesan {i}", tautan="/rencana/"
        )
        for i in range(3)
    ]
    client.force_login(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Pesan 2" in page
    assert '3<span class="visually-hidden"> belum dibaca' in page

    response = client.get(reverse("notifications:buka", args=[own[0].pk]))
    assert response.status_code == 302
    assert response["Location"] == "/rencana/"
    own[0].refresh_from_db()
    assert own[0].dibaca_pada is not None

    client.post(reverse("notifications:baca_semua"))
    assert not Notifikasi.objects.filter(user=user, dibaca_pada__isnull=True).exists()
    assert "belum dibaca" not in client.get(reverse("notifications:list")).content.decode()


def test_an_off_site_link_is_never_followed(client, people):
    user = people["operator"]
    n = Notifikasi.objects.create(
        user=user, jenis="rencana", judul="x", tautan="https://evil.example/"
    )
    client.force_login(user)
    assert client.get(reverse("notifications:buka", args=[n.pk]))["Location"] == reverse(
        "notifications:list"
    )


def test_reminders_also_land_in_the_app(people):
    plan = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    [bukti] = bukti_of(plan)
    bukti.bulan, bukti.target_waktu = [3], "Maret 2022"
    bukti.save()
    result = pengingat_kirim(tanggal=datetime.date(2022, 3, 28), hari=7)
    assert result.email == 1
    for who in ("kasubbag", "timzi"):
        [n] = Notifikasi.objects.filter(user=people[who], jenis="tenggat")
        assert n.tautan == reverse("monitoring:dasbor_satker", args=[plan.satker.kode])
    assert not Notifikasi.objects.filter(user=people["operator"]).exists()


def test_returned_plan_shows_the_note_where_the_operator_works(client, people, plan):
    rencana_ajukan(rencana=plan, user=people["operator"])
    rencana_kembalikan(rencana=plan, user=people["reviewer"], catatan="Target waktu area I kosong.")
    client.force_login(people["operator"])
    for url in (
        reverse("plans:rencana_detail", args=[plan.pk]),
        reverse("plans:rencana_ubah", args=[plan.pk]),
        reverse("monitoring:dasbor_satker", args=[plan.satker.kode]) + f"?tahun={plan.tahun}",
    ):
        page = client.get(url).content.decode()
        assert "dikembalikan untuk diperbaiki" in page, url
        assert "Target waktu area I kosong." in page, url


@pytest.mark.parametrize(
    ("role", "kode", "sees"),
    [
        ("operator", "3319", True),
        ("tim_zi", "3319", True),
        ("kasubbag", "3319", False),
        ("reviewer_provinsi", "33", False),
    ],
)
def test_menu_offers_import_only_to_who_may_import(client, member, role, kode, sees):
    client.force_login(member(role, kode))
    page = client.get(reverse("plans:rencana_list")).content.decode()
    assert (f'href="{reverse("plans:impor")}"' in page) is sees


def test_item_lists_lead_to_the_upload_page_of_the_period(client, people):
    plan = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    [bukti] = bukti_of(plan)
    bukti.bulan, bukti.target_waktu = [3, 6], "Maret dan Juni 2022"
    bukti.save()
    client.force_login(people["kasubbag"])
    url = reverse("monitoring:butir_list", args=[plan.satker.kode])
    page = client.get(url + "?tahun=2022&tanggal=2022-07-01&status=tertunggak").content.decode()
    upload = reverse("evidence:bukti_detail", args=[bukti.pk])
    assert f'href="{upload}?periode=3"' in page
    assert f'href="{upload}?periode=6"' in page
    # the upload page preselects that period
    form = client.get(f"{upload}?periode=6").context["form"]
    assert str(form.initial["periode"]) == "6"


def test_long_item_lists_paginate_and_keep_their_filter(client, people):
    plan = make_plan(areas=1, komponen_per_area=6, indikator_per_komponen=10)
    for b in bukti_of(plan):
        b.bulan, b.target_waktu = [1], "Januari 2022"
        b.save()
    client.force_login(people["kasubbag"])
    url = reverse("monitoring:butir_list", args=[plan.satker.kode])
    first = client.get(url + "?tahun=2022&tanggal=2022-07-01&status=tertunggak")
    assert len(first.context["halaman"].object_list) == 50
    assert first.context["jumlah"] == 60
    page = first.content.decode()
    assert "status=tertunggak" in page
    assert "halaman=2" in page
    second = client.get(url + "?tahun=2022&tanggal=2022-07-01&status=tertunggak&halaman=2")
    assert len(second.context["halaman"].object_list) == 10
