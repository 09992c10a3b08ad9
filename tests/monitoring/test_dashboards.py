"""Dashboards: figures, links behind the numbers, and a query count that does not grow."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from access.models import Satker
from plans import tree
from plans.models import BuktiFisik
from tests.factories import satker
from tests.monitoring.factories import bulk_plans

pytestmark = pytest.mark.django_db


def url(name: str, kode: str, **params) -> str:
    from urllib.parse import urlencode

    return f"{reverse(f'monitoring:{name}', args=[kode])}?{urlencode(params)}"


def province_plans(n_satkers: int, rows: int):
    kabs = list(Satker.objects.filter(induk=satker("33")).order_by("kode")[:n_satkers])
    return kabs, bulk_plans(kabs, rows=rows)


def accept_half(uploads, plans):
    """Accepted evidence on time for every other bukti fisik."""
    rows = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana", "in"): plans}).values_list(
        "id", "bulan"
    )
    for n, (pk, bulan) in enumerate(rows):
        if n % 2 == 0 and bulan:
            uploads[pk] = [(None, date(2022, min(bulan), 1))]


def test_province_dashboard_queries_do_not_grow_with_satkers_or_rows(
    client, member, uploads, django_assert_max_num_queries
):
    client.force_login(member("reviewer_provinsi", "33"))
    prov = satker("33").pk
    small_kabs, small = province_plans(3, 10)
    accept_half(uploads, small)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_ctx:
        assert client.get(url("dasbor_provinsi", "33", tahun=2022)).status_code == 200
    kabs = list(Satker.objects.filter(induk_id=prov).exclude(pk__in=[k.pk for k in small_kabs]))
    big = bulk_plans(kabs, rows=70)
    accept_half(uploads, big)
    assert len(kabs) + len(small_kabs) == 35
    with django_assert_max_num_queries(len(small_ctx.captured_queries)):
        response = client.get(url("dasbor_provinsi", "33", tahun=2022))
    assert response.status_code == 200
    assert len(response.context["dasbor"].baris) == 36  # the province itself + 35 kab/kota


def test_satker_dashboard_queries_do_not_grow_with_rows(
    client, member, uploads, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kudus, tegal = satker("3319"), satker("3376")
    small = bulk_plans([kudus], rows=5)
    big = bulk_plans([tegal], rows=70)
    accept_half(uploads, small + big)
    client.force_login(member("reviewer_provinsi", "33"))
    with CaptureQueriesContext(connection) as small_ctx:
        assert client.get(url("dasbor_satker", kudus.kode, tahun=2022)).status_code == 200
    with django_assert_max_num_queries(len(small_ctx.captured_queries)):
        assert client.get(url("dasbor_satker", tegal.kode, tahun=2022)).status_code == 200
    with django_assert_max_num_queries(len(small_ctx.captured_queries)):
        assert client.get(url("butir_list", tegal.kode, tahun=2022)).status_code == 200


def test_province_matrix_figures_and_links(client, member, uploads):
    kabs, plans = province_plans(2, 14)
    accept_half(uploads, plans)
    client.force_login(member("reviewer_provinsi", "33"))
    # The day after the year ends: every period is due (one due on 31 Dec would still be open).
    response = client.get(
        url("dasbor_provinsi", satker("33").kode, tahun=2022, tanggal="2023-01-01")
    )
    dasbor = response.context["dasbor"]
    row = next(b for b in dasbor.baris if b.satker == kabs[0])
    # 14 rows cycle through tests.monitoring.factories.JADWAL (7 forms, one without schedule):
    # periods per cycle 1 + 2 + 1 + 3 + 1 + 1 = 9 → 18 periods, 2 items tanpa jadwal.
    assert row.total.jumlah == 18
    assert row.total.jatuh_tempo == 18
    assert row.total.tanpa_jadwal == 2
    assert row.total.selesai + row.total.tertunggak == 18
    assert row.total.persen == row.total.selesai * 100 // 18
    assert sum(c.jatuh_tempo for c in row.sel) == 18
    assert row.peringkat in (1, 2)
    assert [t is not None for t in row.tren] == [True, True, True, True]
    # No plan: shown, not ranked.
    assert satker("3301") in dasbor.tanpa_rencana or kabs[0].kode == "3301"
    html = response.content.decode()
    drill = url("butir_list", kabs[0].kode, tahun=2022, kerangka="zi", tanggal="2023-01-01",
                status="tertunggak").replace("&", "&amp;")  # fmt: skip
    assert drill in html
    assert reverse("monitoring:dasbor_satker", args=[kabs[0].kode]) in html
    # Colour never alone: each cell prints its percentage and count.
    assert f"{row.total.selesai}/{row.total.jatuh_tempo}" in html


def test_item_list_matches_the_number_it_came_from(client, member, uploads):
    kabs, plans = province_plans(1, 14)
    accept_half(uploads, plans)
    client.force_login(member("reviewer_provinsi", "33"))
    params = {"tahun": 2022, "tanggal": "2022-12-31"}
    dash = client.get(url("dasbor_satker", kabs[0].kode, **params)).context["dasbor"]
    listed = client.get(url("butir_list", kabs[0].kode, status="tertunggak", **params))
    assert len(listed.context["lines"]) == dash.ringkasan.tertunggak
    assert {str(line.status) for line in listed.context["lines"]} == {"tertunggak"}
    undated = client.get(url("butir_list", kabs[0].kode, status="tanpa jadwal", **params))
    assert len(undated.context["lines"]) == dash.ringkasan.tanpa_jadwal == 2
    area = dash.per_area[0]
    by_area = client.get(
        url("butir_list", kabs[0].kode, status="jatuh_tempo", ra=area.kunci, **params)
    )
    assert len(by_area.context["lines"]) == area.ringkasan.jatuh_tempo
    assert client.get(url("butir_list", kabs[0].kode, status="ngawur", **params)).status_code == 404


def test_satker_dashboard_sections(client, member, uploads):
    (plan,) = bulk_plans([satker("3319")], rows=14)
    client.force_login(member("kasubbag", "3319"))
    response = client.get(
        url("dasbor_satker", satker("3319").kode, tahun=2022, tanggal="2022-04-10")
    )
    dasbor = response.context["dasbor"]
    assert dasbor.rencana == plan
    # April: "April Minggu ke 3" (21 Apr) is due this month; January/February items are overdue.
    assert {line.periode.tenggat for line in dasbor.jatuh_tempo_bulan_ini} == {date(2022, 4, 21)}
    assert dasbor.jumlah_tertunggak == dasbor.ringkasan.tertunggak > 0
    assert [k.kunci for k in dasbor.per_bulan] == list(range(1, 13))
    assert sum(k.ringkasan.jumlah for k in dasbor.per_bulan) == dasbor.ringkasan.jumlah
    html = response.content.decode()
    assert "Jatuh tempo bulan April" in html
    assert "chart.umd.min.js" in html


def test_no_plan_for_the_year_says_so(client, member):
    client.force_login(member("tim_zi", "3319"))
    bulk_plans([satker("3319")], rows=3)
    response = client.get(url("dasbor_satker", satker("3319").kode, tahun=2022, kerangka="rb"))
    assert response.status_code == 200
    assert "Belum ada rencana aksi" in response.content.decode()
    # A year that is not offered falls back to a valid one instead of failing.
    assert client.get(url("dasbor_satker", satker("3319").kode, tahun=1999)).status_code == 200


def test_home_sends_users_to_their_dashboard(client, member, admin_user):
    client.force_login(member("reviewer_provinsi", "33"))
    landing = client.get("/", follow=True).redirect_chain[-1][0]
    assert landing == reverse("monitoring:dasbor_provinsi", args=[satker("33").kode])
    assert client.get(reverse("monitoring:dasbor")).url == reverse(
        "monitoring:dasbor_provinsi", args=[satker("33").kode]
    )
    client.force_login(member("kasubbag", "3376"))
    assert client.get(reverse("monitoring:dasbor")).url == reverse(
        "monitoring:dasbor_satker", args=[satker("3376").kode]
    )
    client.force_login(admin_user)
    assert client.get(reverse("monitoring:dasbor")).url == reverse(
        "monitoring:dasbor_provinsi", args=[satker("33").kode]
    )


def test_without_a_choice_the_dashboard_shows_the_newest_year_with_a_plan(client, member):
    """Demo and archive data are of past years: an empty current year must not be the default."""
    client.force_login(member("reviewer_provinsi", "33"))
    bulk_plans([satker("3319")], rows=3)  # plans of 2022
    response = client.get(reverse("monitoring:dasbor_provinsi", args=[satker("33").kode]))
    assert response.status_code == 200
    assert response.context["saring"].tahun == 2022
