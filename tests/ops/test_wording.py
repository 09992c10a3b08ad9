"""What users read: import preview labels, no command-line options on web pages, month names,
shortened hashes, distinct status badges, favicon, satker filter by name, dashboard year."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import RencanaAksi
from tests.evidence.conftest import bukti_of, upload_service
from tests.evidence.files import pdf
from tests.factories import RencanaAksiFactory, make_plan, satker

pytestmark = pytest.mark.django_db


def _preview(client, text: str):
    upload = SimpleUploadedFile("kudus.txt", text.encode(), content_type="text/plain")
    return client.post(reverse("plans:impor"), {"langkah": "pratinjau", "berkas": upload})


def test_import_preview_names_levels_and_format_in_words(client, member, sample_text):
    client.force_login(member("operator", "3319"))
    response = _preview(client, sample_text("kudus"))
    assert response.status_code == 200
    page = response.text
    assert "langkah aksi" in page
    assert "bukti fisik" in page
    assert "ZI enam kolom" in page
    assert "langkahaksi" not in page
    assert "buktifisik" not in page


def test_existing_plan_message_names_no_command_line_option(client, member, sample_text):
    client.force_login(member("operator", "3319"))
    RencanaAksiFactory(satker=satker("3319"), tahun=2022)
    response = _preview(client, sample_text("kudus"))
    assert "sudah ada" in response.text
    assert "--replace" not in response.text
    assert "--" + "satker" not in response.text


def test_recent_uploads_show_the_period_as_a_month_name(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    bukti = bukti_of(rencana)[0]
    bukti.bulan = [6]
    bukti.save()
    kasubbag = member("kasubbag", "3319")
    upload_service(bukti, kasubbag, ("laporan.pdf", pdf("Laporan Juni")), periode=6)
    client.force_login(kasubbag)
    url = reverse("monitoring:dasbor_satker", args=[satker("3319").kode])
    page = client.get(url, {"tahun": 2022}).text
    assert "periode Juni" in page
    assert "periode 6" not in page


def test_evidence_hash_is_shortened_with_the_full_value_on_demand(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    bukti = bukti_of(rencana)[0]
    kasubbag = member("kasubbag", "3319")
    [unggahan] = upload_service(bukti, kasubbag, ("a.pdf", pdf("A")), periode=bukti.bulan[0])
    client.force_login(kasubbag)
    page = client.get(reverse("evidence:bukti_detail", args=[bukti.pk])).text
    sha = unggahan.berkas.sha256
    assert f"{sha[:12]}…</span></summary>" in page
    assert f'<span class="font-monospace text-break">{sha}</span></details>' in page


def test_submitted_and_approved_plans_have_different_badges(client, member):
    client.force_login(member("operator", "3319"))
    RencanaAksiFactory(satker=satker("3319"), tahun=2022, status=RencanaAksi.Status.DIAJUKAN)
    RencanaAksiFactory(satker=satker("3319"), tahun=2023, status=RencanaAksi.Status.DISETUJUI)
    page = client.get(reverse("plans:rencana_list")).text
    assert 'class="badge status-diajukan"' in page
    assert 'class="badge status-disetujui"' in page
    css = (settings.BASE_DIR / "static" / "css" / "app.css").read_text()
    colours = {
        status: css.split(f".badge.status-{status} {{", 1)[1].split("}", 1)[0]
        for status in ("diajukan", "disetujui")
    }
    assert colours["diajukan"] != colours["disetujui"]


def test_favicon_is_linked_and_served(client):
    page = client.get(reverse("login")).text
    assert 'rel="icon"' in page
    assert "favicon.svg" in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()[:4] == b"\0\0\1\0"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3319", {"3319"}),
        ("Kudus", {"3319"}),
        ("KPU Kabupaten Kudus", {"3319"}),
        ("kota tegal", {"3376"}),
        ("Kab. Tegal", {"3328"}),
        ("tegal", {"3328", "3376"}),
    ],
)
def test_satker_filter_accepts_a_code_or_a_name(client, member, typed, expected):
    client.force_login(member("reviewer_provinsi", "33"))
    for kode in ("3319", "3328", "3376"):
        RencanaAksiFactory(satker=satker(kode), tahun=2022)
    response = client.get(reverse("plans:rencana_list"), {"satker": typed})
    assert {r.satker.kode for r in response.context["page"]} == expected


def test_dashboard_opens_on_the_current_year_not_next_years_draft(client, member, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2024, 5, 2))
    client.force_login(member("reviewer_provinsi", "33"))
    RencanaAksiFactory(satker=satker("3319"), tahun=2023)
    RencanaAksiFactory(satker=satker("3319"), tahun=2024, status=RencanaAksi.Status.DITETAPKAN)
    RencanaAksiFactory(satker=satker("3319"), tahun=2025)
    response = client.get(reverse("monitoring:dasbor_provinsi", args=[satker("33").kode]))
    assert response.context["saring"].tahun == 2024


def test_dashboard_without_a_current_plan_opens_on_the_latest_past_year(
    client, member, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2026, 1, 10))
    client.force_login(member("reviewer_provinsi", "33"))
    RencanaAksiFactory(satker=satker("3319"), tahun=2022)
    RencanaAksiFactory(satker=satker("3319"), tahun=2027)
    response = client.get(reverse("monitoring:dasbor_provinsi", args=[satker("33").kode]))
    assert response.context["saring"].tahun == 2022
