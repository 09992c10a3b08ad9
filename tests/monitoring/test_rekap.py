"""Province recap of the monev: satker × area capaian with plan and monev status, as a page,
a PDF and an XLSX; scoped to the reviewer's province."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from monitoring.services import monev_ajukan, monev_mulai
from tests.factories import satker
from tests.monitoring.factories import bulk_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(member, uploads):
    """Kudus (monev submitted), Tegal (draft), Karanganyar (plan, no monev) in Jawa Tengah."""
    kudus, tegal, _kra = bulk_plans([satker("3319"), satker("3376"), satker("3313")], rows=14)
    tim = member("tim_zi", "3319")
    monev_ajukan(
        monev=monev_mulai(rencana=kudus, triwulan=2, hari_ini=date(2022, 7, 5)),
        nama="Siti", jabatan="Ketua Tim ZI", user=tim,
    )  # fmt: skip
    monev_mulai(rencana=tegal, triwulan=2, hari_ini=date(2022, 7, 5))
    return satker("33")


def url(name: str, provinsi) -> str:
    return reverse(f"monitoring:{name}", args=[provinsi.kode]) + "?tahun=2022&triwulan=2"


def test_page_shows_who_has_not_submitted(client, member, province):
    client.force_login(member("reviewer_provinsi", "33"))
    html = client.get(url("rekap", province)).content.decode()
    assert "35 dari 36 satker belum mengajukan monev triwulan ini" in html
    assert "Kota Tegal (draf)" in html
    assert "Kabupaten Karanganyar (belum dibuat)" in html
    assert "Kabupaten Kudus (" not in html  # submitted: not in the list
    assert html.count("Belum dibuat</span>") == 34


def test_xlsx_has_one_row_per_satker_with_numbers(client, member, province):
    client.force_login(member("reviewer_provinsi", "33"))
    response = client.get(url("rekap_xlsx", province))
    assert response["Content-Disposition"].endswith('.xlsx"')
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["KPU Kabupaten Kudus"][3] == "diajukan"
    assert rows["KPU Kota Tegal"][3] == "draf"
    assert rows["KPU Kabupaten Karanganyar"][3] == "belum dibuat"
    assert rows["KPU Kabupaten Cilacap"][2] == "Belum ada rencana"
    total = rows["Jumlah provinsi"]
    assert total[3] == "35 belum mengajukan"
    assert total[-3] == 0
    assert total[-1] > 0


def test_pdf_is_f4_landscape_and_names_the_states(client, member, province):
    client.force_login(member("reviewer_provinsi", "33"))
    response = client.get(url("rekap_pdf", province))
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 330
    assert round(float(box.height) / 72 * 25.4) == 215
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "TRIWULAN II TAHUN 2022" in text
    assert "35 dari 36 satker belum mengajukan" in text
    assert "✓ Diajukan" in text
    assert "! Draf" in text


def test_other_roles_and_provinces_are_refused(client, member, province):
    client.force_login(member("tim_zi", "3319"))
    assert client.get(url("rekap", province)).status_code in (403, 404)
