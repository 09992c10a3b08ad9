"""Editing pages: the delete confirmation says what goes, a stale form gets 409, locks hold."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik, Indikator, Komponen, RencanaAksi
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_delete_asks_first_and_lists_what_goes(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=3)
    komponen = Komponen.objects.get()
    client.force_login(member("operator"))
    url = reverse("plans:baris_hapus", args=[rencana.pk, "komponen", komponen.pk])
    page = client.get(url)
    assert "<strong>3</strong> indikator" in page.text
    assert "<strong>3</strong> bukti fisik" in page.text
    assert Komponen.objects.exists()
    response = client.post(url, {"versi": komponen.versi}, follow=True)
    assert "Terhapus: 1 komponen, 3 indikator" in response.text
    assert not BuktiFisik.objects.exists()


def test_second_editor_gets_409_with_the_stored_text(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    indikator = Indikator.objects.get()
    url = reverse("plans:baris_ubah", args=[rencana.pk, "indikator", indikator.pk])
    client.force_login(member("operator"))
    first = client.post(url, {"nama": "Teks editor pertama", "versi": 1})
    second = client.post(url, {"nama": "Teks editor kedua", "versi": 1})
    assert first.status_code == 302
    assert second.status_code == 409
    assert "diubah orang lain" in second.text
    assert "Teks editor pertama" in second.text
    assert Indikator.objects.get().nama == "Teks editor pertama"


def test_locked_plan_refuses_edits_in_the_browser(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    RencanaAksi.objects.filter(pk=rencana.pk).update(status="ditetapkan")
    indikator = Indikator.objects.get()
    client.force_login(member("operator"))
    editor = client.get(reverse("plans:rencana_ubah", args=[rencana.pk]))
    assert "terkunci" in editor.text
    assert "bi-trash" not in editor.text
    url = reverse("plans:baris_ubah", args=[rencana.pk, "indikator", indikator.pk])
    response = client.post(url, {"nama": "x", "versi": indikator.versi}, follow=True)
    assert "revisi baru" in response.text
    assert Indikator.objects.get().nama != "x"


def test_target_waktu_preview_shows_the_months(client, member):
    client.force_login(member("kasubbag"))
    url = reverse("plans:target_waktu_pratinjau")
    html = client.get(
        url, {"target_waktu": "April, Juli, Oktober dan Desember", "tahun": "2023"}
    ).text
    assert html.count("text-bg-success") == 4
    assert "Tahun 2023" in html
    unclear = client.get(url, {"target_waktu": "sesuai kebutuhan"}).text
    assert "text-bg-success" not in unclear
    assert "bi-exclamation-triangle" in unclear


def test_row_of_another_plan_is_404_even_through_my_plan_url(client, member):
    mine = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    other = make_plan(tahun=2023, areas=1, komponen_per_area=1, indikator_per_komponen=1)
    foreign = Indikator.objects.get(**{tree.lookup("indikator", "rencana"): other})
    client.force_login(member("operator"))
    url = reverse("plans:baris_ubah", args=[mine.pk, "indikator", foreign.pk])
    assert client.get(url).status_code == 404
