"""The print view ``plans:rencana_cetak``: access, options, cache and conditional requests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from access.permissions import CAPABILITIES
from plans import tree
from plans.models import Indikator
from tests.factories import make_plan
from tests.plans.sk_support import A4_PT, PdfText
from zona_integritas import printing

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    """A small Kudus plan (2 areas × 1 komponen × 2 indikator)."""
    return make_plan(areas=2, komponen_per_area=1, indikator_per_komponen=2)


def url(rencana, **params) -> str:
    base = reverse("plans:rencana_cetak", args=[rencana.pk])
    if params:
        base += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return base


@pytest.fixture
def render_count(monkeypatch):
    """Count the WeasyPrint renders (the real renderer still runs)."""
    calls = []
    real = printing.html_to_pdf

    def counting(html, **kwargs):
        calls.append(1)
        return real(html, **kwargs)

    monkeypatch.setattr(printing, "html_to_pdf", counting)
    return calls


def test_member_gets_the_pdf_inline_with_etag(client, member, plan):
    client.force_login(member("operator", "3319"))
    response = client.get(url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "SK-ZI-2022-kpu-kabupaten-kudus.pdf" in response["Content-Disposition"]
    assert response["ETag"].startswith('"')
    assert len(response["ETag"]) > 20
    assert "private" in response["Cache-Control"]
    text = PdfText.from_bytes(response.content).full
    assert plan.sk_nomor in text
    assert "Indikator" in text


@pytest.mark.parametrize("peran", ["operator", "kasubbag", "tim_zi"])
def test_every_role_of_the_satker_may_print(client, member, plan, peran):
    client.force_login(member(peran, "3319"))
    assert client.get(url(plan, html=1)).status_code == 200


def test_province_reviewer_may_print_a_child_satker_plan(client, member, plan):
    client.force_login(member("reviewer_provinsi", "33"))
    assert client.get(url(plan, html=1)).status_code == 200


def test_other_satker_gets_404(client, member, plan):
    client.force_login(member("tim_zi", "3376"))
    assert client.get(url(plan)).status_code == 404
    assert client.get(url(plan, html=1)).status_code == 404


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_reader_without_print_right_gets_403(client, member, plan, monkeypatch):
    monkeypatch.setitem(CAPABILITIES, "rencana.cetak", frozenset({"tim_zi"}))
    client.force_login(member("operator", "3319"))
    assert client.get(url(plan)).status_code == 403


def test_unknown_option_is_400_with_indonesian_message(client, member, plan):
    client.force_login(member("operator", "3319"))
    response = client.get(url(plan, kertas="a3"))
    assert response.status_code == 400
    assert "Pilihan cetak tidak sah" in response.content.decode()
    assert client.get(url(plan, tata_letak="xx")).status_code == 400


def test_post_is_not_allowed(client, member, plan):
    client.force_login(member("operator", "3319"))
    assert client.post(url(plan)).status_code == 405


def test_html_mode_returns_the_print_html(client, member, plan):
    client.force_login(member("operator", "3319"))
    response = client.get(url(plan, html=1, salinan=1, tata_letak="zi_bulanan"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "PELAKSANAAN BULAN" in html
    assert "SALINAN" in html
    assert "bootstrap" not in html


def test_a4_and_layout_options_reach_the_pdf(client, member, plan):
    client.force_login(member("operator", "3319"))
    response = client.get(url(plan, kertas="a4", tata_letak="rb"))
    pdf = PdfText.from_bytes(response.content)
    assert pdf.sizes[0] == pytest.approx(A4_PT, abs=0.5)
    assert "Indikator Keberhasilan" in pdf.full


def test_matching_etag_gets_304_without_rendering(client, member, plan, render_count):
    client.force_login(member("operator", "3319"))
    first = client.get(url(plan))
    assert len(render_count) == 1
    again = client.get(url(plan), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""
    assert len(render_count) == 1


def test_unchanged_plan_is_not_rendered_twice(client, member, plan, render_count):
    client.force_login(member("operator", "3319"))
    first = client.get(url(plan))
    second = client.get(url(plan))
    assert second.status_code == 200
    assert second.content == first.content
    assert len(render_count) == 1


def test_changed_plan_gets_a_new_version(client, member, plan, render_count):
    client.force_login(member("operator", "3319"))
    first = client.get(url(plan))
    indikator = Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): plan}).first()
    indikator.nama = "Indikator yang diubah sesudah cetak pertama"
    indikator.save()
    second = client.get(url(plan), headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "Indikator yang diubah sesudah cetak pertama" in PdfText.from_bytes(second.content).full
    assert len(render_count) == 2


def test_options_are_cached_separately(client, member, plan, render_count):
    client.force_login(member("operator", "3319"))
    f4 = client.get(url(plan))
    a4 = client.get(url(plan, kertas="a4"))
    assert f4["ETag"] != a4["ETag"]
    assert len(render_count) == 2


def test_cached_request_runs_few_queries(client, member, plan, django_assert_max_num_queries):
    client.force_login(member("operator", "3319"))
    client.get(url(plan))
    # session + user + memberships + plan + 5 for the plan tree
    with django_assert_max_num_queries(10):
        assert client.get(url(plan)).status_code == 200
