"""Dashboards come from the cache until the plans or the evidence they show change."""

from __future__ import annotations

import re

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils.timezone import localdate

from evidence.services import unggahan_verify
from monitoring.views import dashboards
from plans.models import BuktiFisik
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Count the dashboard computations (the real selectors still run)."""
    calls = []
    for name in ("dasbor_satker", "dasbor_provinsi"):
        real = getattr(dashboards, name)
        monkeypatch.setattr(dashboards, name, lambda real=real, **kw: calls.append(1) or real(**kw))
    return calls


def test_satker_dashboard_is_cached_and_follows_every_write(client, member, builds):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)
    tim, kasubbag = member("tim_zi", "3319"), member("kasubbag", "3319")
    client.force_login(tim)
    url = (
        reverse("monitoring:dasbor_satker", args=[rencana.satker.kode]) + f"?tanggal={localdate()}"
    )

    def figures():
        # Read from the served HTML: the cached page body must follow every write too.
        html = client.get(url).content.decode()
        return tuple(int(n) for n in re.findall(r'status=[a-z+_]+">(\d+)</a><div', html))

    first = figures()
    assert figures() == first
    assert len(builds) == 1

    bukti = bukti_of(rencana)[0]
    [unggahan] = upload_service(bukti, kasubbag, ("a.pdf", files.pdf("a")), periode=bukti.bulan[0])
    client.get(url)
    assert len(builds) == 2  # an upload is a new stamp
    unggahan_verify(unggahan=unggahan, user=tim, status="diterima", catatan="")
    after = figures()
    assert len(builds) == 3
    assert after != first

    BuktiFisik.objects.filter(pk=bukti.pk).update(versi=F("versi") + 1, bulan=[12])
    client.get(url)
    assert len(builds) == 4  # a row edit (new row version)
    BuktiFisik.objects.filter(pk=bukti.pk).update(diarsipkan=True)
    client.get(url)
    assert len(builds) == 5  # archiving, even without a version change
    client.get(url)
    assert len(builds) == 5


def test_province_dashboard_is_cached_per_date(client, member, builds):
    make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    client.force_login(member("reviewer_provinsi", "33"))
    from tests.factories import satker

    base = reverse("monitoring:dasbor_provinsi", args=[satker("33").kode])
    client.get(base + "?tanggal=2022-06-30")
    client.get(base + "?tanggal=2022-06-30")
    assert len(builds) == 1
    client.get(base + "?tanggal=2022-07-31")
    assert len(builds) == 2
    make_plan(satker_kode="3376", areas=1, komponen_per_area=1, indikator_per_komponen=1)
    client.get(base + "?tanggal=2022-06-30")
    assert len(builds) == 3  # a new plan of a satker of the province


def test_cached_page_body_follows_the_user_scope(client, member):
    """One satker's page seen by a province reviewer (breadcrumb to the province) and then by the
    satker's own member (no province link): the cached body is not shared across scopes."""
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    url = reverse("monitoring:dasbor_satker", args=[rencana.satker.kode]) + "?tanggal=2022-06-30"
    province_link = reverse("monitoring:dasbor_provinsi", args=[rencana.satker.induk.kode])
    client.force_login(member("reviewer_provinsi", "33"))
    assert province_link in client.get(url).content.decode()
    client.force_login(member("tim_zi", "3319"))
    assert province_link not in client.get(url).content.decode()


def test_cached_page_body_follows_a_new_monev(client, member):
    """Quarterly monev are not in the data stamp: creating one still changes the cached body."""
    from monitoring.models import Monev

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    client.force_login(member("tim_zi", "3319"))
    url = reverse("monitoring:dasbor_satker", args=[rencana.satker.kode]) + "?tanggal=2022-06-30"
    assert client.get(url).content.decode().count("belum dibuat") == 4
    Monev.objects.create(rencana=rencana, triwulan=1, tanggal_acuan="2022-03-31")
    assert client.get(url).content.decode().count("belum dibuat") == 3
