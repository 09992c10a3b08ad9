"""A 1,200-row plan in the browser: the plan page, the row editor and the evidence tab show one
area at a time (each page well under 1 MB), with the navigation between areas, and a row
moved in the editor brings the user back to its area."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans import tree
from plans.models import LangkahAksi, RencanaArea
from plans.selectors import BATAS_SATU_HALAMAN, halaman_area
from tests.factories import satker
from tests.monitoring.factories import realistic_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_plan():
    return realistic_plans([satker("3319")], rows=1200)[0]


def test_large_plan_pages_show_one_area(client, member, big_plan):
    areas = list(RencanaArea.objects.filter(rencana=big_plan).order_by("urutan", "pk"))
    halaman = halaman_area(rencana=big_plan, area=None)
    assert halaman.jumlah_bukti == 1200 > BATAS_SATU_HALAMAN
    assert halaman.terpilih == areas[0].pk
    client.force_login(member("tim_zi", "3319"))
    for name in ("plans:rencana_detail", "plans:rencana_ubah", "evidence:rencana_bukti"):
        url = reverse(name, kwargs={"rencana_pk": big_plan.pk})
        page = client.get(f"{url}?area={areas[2].pk}")
        html = page.content.decode()
        assert page.status_code == 200, name
        assert len(page.content) < 1_000_000, name
        assert areas[2].judul in html, name
        assert f"?area={areas[0].pk}" in html, name
        assert f"?area={areas[2].pk}&amp;bagian=2" in html, name  # 200 rows: two parts
        # Rows of another area are not on this page.
        other = LangkahAksi.objects.filter(**{tree.lookup("langkah", "area"): areas[0]}).first()
        assert other.nama not in html, name


def test_editor_rows_need_no_form_each_and_moving_returns_to_the_area(client, member, big_plan):
    area = RencanaArea.objects.filter(rencana=big_plan).order_by("urutan", "pk")[3]
    client.force_login(member("tim_zi", "3319"))
    editor = reverse("plans:rencana_ubah", args=[big_plan.pk])
    html = client.get(f"{editor}?area={area.pk}").content.decode()
    assert html.count('id="form-pindah"') == 1
    assert html.count("csrfmiddlewaretoken") <= 2  # the move form (and the logout form)
    langkah = LangkahAksi.objects.filter(**{tree.lookup("langkah", "area"): area}).last()
    moved = client.post(
        reverse("plans:baris_pindah", args=[big_plan.pk, "langkah", langkah.pk]), {"arah": "naik"}
    )
    part = halaman_area(rencana=big_plan, area=area.pk).bagian_dengan(langkah.indikator.komponen_id)
    assert part > 1  # the area's last komponen are in a later part of the page
    assert moved["Location"] == f"{editor}?area={area.pk}&bagian={part}#langkah-{langkah.pk}"
    langkah.refresh_from_db()
    assert langkah.urutan == 0


def test_small_plan_is_shown_whole():
    small = realistic_plans([satker("3376")], rows=70)[0]
    assert halaman_area(rencana=small, area="123").terpilih is None
