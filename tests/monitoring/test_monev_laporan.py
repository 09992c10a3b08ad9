"""Monev as a report and as a form for large plans: half-up capaian, arrears carried over,
named evidence, the form split into parts (a 1,200-row plan saves), optimistic locking (409),
the percentage message, the save-before-submit and the report's signatures and labels."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from monitoring.capaian import capaian_langkah, persen_bulat, persen_satu_desimal
from monitoring.laporan import dasar_kerangka
from monitoring.models import BarisMonev, Monev
from monitoring.progress import load_butir
from monitoring.selectors_monev import BARIS_PER_BAGIAN, bagian_monev
from monitoring.services import monev_mulai
from plans import tree
from plans.models import BuktiFisik
from tests.factories import make_plan, satker
from tests.monitoring.factories import bulk_plans
from tests.monitoring.test_monev import form_url, formset_data

pytestmark = pytest.mark.django_db


def test_percentages_round_half_up_to_one_decimal():
    assert persen_satu_desimal(4, 6) == Decimal("66.7")  # truncation would give 66
    assert persen_satu_desimal(1, 8) == Decimal("12.5")
    assert persen_satu_desimal(1, 3) == Decimal("33.3")
    assert persen_satu_desimal(0, 0) is None
    assert persen_bulat(4, 6) == 67
    assert persen_bulat(1, 8) == 13  # half up, not banker's rounding (12)


@pytest.fixture
def one_row_plan():
    """A plan with one langkah aksi whose bukti fisik is due January and April."""
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    bukti = BuktiFisik.objects.get(**{tree.lookup("bukti", "rencana"): rencana})
    bukti.bulan, bukti.target_waktu = [1, 4], "Januari, April 2022"
    bukti.save()
    return rencana, bukti


def test_overdue_january_is_carried_into_the_second_quarter_until_done(uploads, one_row_plan):
    rencana, bukti = one_row_plan
    la = bukti.langkah_aksi_id
    q2 = capaian_langkah(
        load_butir(rencana_ids=[rencana.pk]), tahun=2022, triwulan=2, tanggal=date(2022, 6, 30)
    )[la]
    assert (q2.target_tw, q2.terbawa, q2.realisasi_tw, q2.target_ytd) == (2, 1, 0, 2)
    assert "Januari 2022 (terbawa)" in q2.label_periode
    assert q2.status_saran == BarisMonev.Realisasi.BELUM
    # January filed in May: still in Q2's target (it was open when Q2 began), now done.
    uploads[bukti.pk] = [(1, date(2022, 5, 3))]
    q2 = capaian_langkah(
        load_butir(rencana_ids=[rencana.pk]), tahun=2022, triwulan=2, tanggal=date(2022, 6, 30)
    )[la]
    assert (q2.target_tw, q2.realisasi_tw, q2.persen_tw) == (2, 1, Decimal("50.0"))
    # Q3 no longer carries January (done before Q3 began) but still carries April.
    q3 = capaian_langkah(
        load_butir(rencana_ids=[rencana.pk]), tahun=2022, triwulan=3, tanggal=date(2022, 9, 30)
    )[la]
    assert (q3.target_tw, q3.terbawa, q3.target_ytd, q3.realisasi_ytd) == (1, 1, 2, 1)
    assert q3.label_periode == ["April 2022 (terbawa)"]


def test_new_monev_rows_carry_arrears_instead_of_not_scheduled(uploads, one_row_plan):
    rencana, bukti = one_row_plan
    bukti.bulan, bukti.target_waktu = [1], "Januari 2022"
    bukti.save()
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 5))
    row = monev.baris.get()
    assert row.realisasi_status == BarisMonev.Realisasi.BELUM  # not "tidak dijadwalkan"
    assert monev.tanggal_laporan == date(2022, 6, 30)
    assert monev.mengetahui_jabatan == "Ketua KPU Kabupaten Kudus"


def test_large_plan_monev_is_edited_and_saved_part_by_part(client, member, uploads):
    rencana = bulk_plans([satker("3319")], rows=1200)[0]
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 1))
    parts = bagian_monev(monev)
    assert sum(len(p.baris_ids) for p in parts) == 1200
    assert max(len(p.baris_ids) for p in parts) <= BARIS_PER_BAGIAN
    client.force_login(member("tim_zi", "3319"))
    page = client.get(form_url(rencana, 2) + "?bagian=7")
    assert page.status_code == 200
    assert len(page.content) < 1_000_000
    last = len(parts)
    data = formset_data(
        monev, last, **{"form-0-kendala": "Server lambat", "form-0-tindak_lanjut": "Ganti server"}
    )
    assert len(data) < 1000  # Django's DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.post(form_url(rencana, 2), data)
    assert response.status_code == 302, response.content[:500]
    saved = BarisMonev.objects.get(pk=parts[-1].baris_ids[0])
    assert (saved.kendala, saved.versi) == ("Server lambat", 2)
    # "Simpan & lanjut" moves to the next part.
    response = client.post(form_url(rencana, 2), {**formset_data(monev, 1), "lanjut": "1"})
    assert response["Location"].endswith("?bagian=2")


def test_second_stale_save_gets_409_and_overwrites_nothing(client, member, uploads, one_row_plan):
    rencana, _bukti = one_row_plan
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 5))
    client.force_login(member("tim_zi", "3319"))
    first = formset_data(monev)  # both colleagues open the same page
    second = formset_data(monev)
    first.update({"form-0-kendala": "Kendala dari Ani", "laporan-kesimpulan": "Versi Ani"})
    assert client.post(form_url(rencana, 2), first).status_code == 302
    second.update({"form-0-kendala": "Kendala dari Budi"})
    response = client.post(form_url(rencana, 2), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kendala dari Ani" in html
    assert "Kendala dari Budi" in html
    row = BarisMonev.objects.get(monev=monev)
    assert row.kendala == "Kendala dari Ani"
    assert Monev.objects.get(pk=monev.pk).kesimpulan == "Versi Ani"
    # A stale page the user did not change is harmless: nothing reverted.
    untouched = formset_data(monev)
    untouched["form-0-versi"] = "1"
    untouched["laporan-versi"] = "1"
    untouched["form-0-kendala"] = ""  # what version 1 held
    untouched["laporan-kesimpulan"] = ""
    assert client.post(form_url(rencana, 2), untouched).status_code == 302
    assert BarisMonev.objects.get(monev=monev).kendala == "Kendala dari Ani"
    assert Monev.objects.get(pk=monev.pk).kesimpulan == "Versi Ani"


def test_percentage_out_of_range_has_its_own_message(client, member, uploads, one_row_plan):
    rencana, _bukti = one_row_plan
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 5))
    client.force_login(member("tim_zi", "3319"))
    for value in ("120", "-5"):
        data = formset_data(
            monev, **{"form-0-realisasi_status": "proses", "form-0-realisasi_persen": value}
        )
        response = client.post(form_url(rencana, 2), data)
        assert response.status_code == 200
        assert f"Persentase realisasi harus antara 0 dan 100 (terisi {value})" in (
            response.content.decode()
        )
    assert BarisMonev.objects.get(monev=monev).versi == 1


def test_submit_button_saves_the_typed_input_first(client, member, uploads, one_row_plan):
    rencana, _bukti = one_row_plan
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 5))
    client.force_login(member("tim_zi", "3319"))
    page = client.get(form_url(rencana, 2)).content.decode()
    assert 'name="ajukan"' in page
    assert "monev_form.js" in page
    assert "sticky-bottom" in page
    data = formset_data(monev, **{"form-0-kendala": "Belum ada anggaran", "ajukan": "1"})
    response = client.post(form_url(rencana, 2), data)
    assert response["Location"] == form_url(rencana, 2, "monev_ajukan")
    assert BarisMonev.objects.get(monev=monev).kendala == "Belum ada anggaran"


def test_report_signatures_number_date_and_framework(client, member, uploads, one_row_plan):
    rencana, _bukti = one_row_plan
    rencana.mengingat = [
        "1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;",
        "2. Peraturan Menteri PANRB Nomor 90 Tahun 2021 tentang Pembangunan dan Evaluasi Zona "
        "Integritas;",
    ]
    rencana.save()
    assert dasar_kerangka(rencana).startswith("Peraturan Menteri PANRB Nomor 90 Tahun 2021")
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 5))
    Monev.objects.filter(pk=monev.pk).update(
        nomor_laporan="12/PR.01/3319/2022", mengetahui_nama="Ahmad", mengetahui_nip="1970 01"
    )
    client.force_login(member("tim_zi", "3319"))
    response = client.get(form_url(rencana, 2, "monev_pdf"))
    reader = PdfReader(io.BytesIO(response.content))
    flat = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "KOMISI PEMILIHAN UMUM KABUPATEN KUDUS" in flat
    assert "Nomor: 12/PR.01/3319/2022" in flat
    assert "Peraturan Menteri PANRB Nomor 90 Tahun 2021" in flat
    assert "Mengetahui, Ketua KPU Kabupaten Kudus Ahmad NIP 1970 01" in flat
    assert "30 Juni 2022" in flat  # report date = quarter end, not the day it was made
    assert "Januari 2022 (terbawa)" in flat


def test_rb_plan_rows_never_have_an_empty_label(uploads):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    rencana.format_lampiran = "rb"
    rencana.save()
    la = BuktiFisik.objects.get(**{tree.lookup("bukti", "rencana"): rencana}).langkah_aksi
    la.nama = ""
    la.save()
    monev = monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 4, 1))
    assert monev.baris.get().langkah_aksi_teks == la.indikator.nama
    assert reverse("monitoring:monev_pdf", args=[rencana.pk, 1])
