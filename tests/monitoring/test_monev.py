"""Quarterly monev: prefill from evidence, save, lock with sign-off, follow-ups carried over,
query count, and the PDF checked by its text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from monitoring.models import BarisMonev, Monev
from monitoring.selectors_monev import bagian_monev
from monitoring.services import monev_ajukan, monev_mulai, monev_simpan
from plans import tree
from plans.models import BuktiFisik, LangkahAksi
from tests.factories import make_plan, satker
from tests.monitoring.factories import bulk_plans

pytestmark = pytest.mark.django_db


def form_url(rencana, tw: int, name: str = "monev_form") -> str:
    return reverse(f"monitoring:{name}", args=[rencana.pk, tw])


def formset_data(monev: Monev, bagian: int = 1, **overrides) -> dict:
    """The POST of one part of the monev form as a browser sends it (rows, versions, report
    fields), with ``overrides``; ``form-N-…`` counts within the part."""
    ids = bagian_monev(monev)[bagian - 1].baris_ids
    rows = list(BarisMonev.objects.filter(pk__in=ids).order_by("urutan", "pk"))
    monev.refresh_from_db()
    data = {
        "bagian": str(bagian),
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "laporan-versi": str(monev.versi),
        "laporan-nomor_laporan": monev.nomor_laporan,
        "laporan-tanggal_laporan": monev.tanggal_laporan.isoformat(),
        "laporan-mengetahui_jabatan": monev.mengetahui_jabatan,
        "laporan-mengetahui_nama": monev.mengetahui_nama,
        "laporan-mengetahui_nip": monev.mengetahui_nip,
        "laporan-kesimpulan": monev.kesimpulan,
    }
    for i, row in enumerate(rows):
        data.update(
            {
                f"form-{i}-id": str(row.pk),
                f"form-{i}-versi": str(row.versi),
                f"form-{i}-realisasi_status": row.realisasi_status,
                f"form-{i}-realisasi_persen": str(row.realisasi_persen),
                f"form-{i}-kendala": row.kendala,
                f"form-{i}-tindak_lanjut": row.tindak_lanjut,
                f"form-{i}-catatan": row.catatan,
            }
        )
    data.update(overrides)
    return data


@pytest.fixture
def plan():
    """Kudus 2022, 4 langkah aksi: due January, March (two periods in March+June), July, none."""
    rencana = make_plan(areas=2, komponen_per_area=1, indikator_per_komponen=2)
    bukti = list(
        BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).order_by(
            tree.lookup("bukti", "area", "urutan"), "pk"
        )
    )
    schedules = [([1], "Januari 2022"), ([3, 6], "Maret, Juni 2022"), ([7], "Juli 2022"), ([], "")]
    for b, (bulan, label) in zip(bukti, schedules, strict=True):
        b.bulan, b.target_waktu = bulan, label
        b.save()
    return rencana, bukti


def test_start_prefills_realisation_from_evidence(client, member, uploads, plan):
    rencana, bukti = plan
    uploads[bukti[0].pk] = [(1, date(2022, 1, 20))]  # January on time
    uploads[bukti[1].pk] = [(3, date(2022, 4, 5))]  # March late (counts in triwulan I)
    client.force_login(member("tim_zi", "3319"))
    response = client.post(form_url(rencana, 1))
    assert response.status_code == 302
    monev = Monev.objects.get(rencana=rencana, triwulan=1)
    assert monev.tanggal_acuan == date(2022, 3, 31)
    rows = {r.langkah_aksi_id: r for r in monev.baris.all()}
    assert (
        len(rows)
        == LangkahAksi.objects.filter(**{tree.lookup("langkah", "rencana"): rencana}).count()
    )
    first, second, third, fourth = (rows[b.langkah_aksi_id] for b in bukti)
    assert (first.realisasi_status, first.realisasi_persen) == ("selesai", 100)
    # On 31 March the March upload (5 April) did not exist yet.
    assert (second.realisasi_status, second.realisasi_persen) == ("belum", 0)
    assert third.realisasi_status == fourth.realisasi_status == "tidak_dijadwalkan"


def test_save_then_lock_then_read_only(client, member, uploads, plan):
    rencana, _bukti = plan
    tim = member("tim_zi", "3319", first_name="Siti")
    client.force_login(tim)
    client.post(form_url(rencana, 1))
    monev = Monev.objects.get(rencana=rencana, triwulan=1)
    data = formset_data(
        monev,
        **{"form-1-kendala": "Rapat tertunda", "form-1-tindak_lanjut": "Jadwalkan ulang April"},
        **{"laporan-kesimpulan": "Sebagian besar berjalan."},
    )
    response = client.post(form_url(rencana, 1), data)
    assert response.status_code == 302
    row = BarisMonev.objects.get(monev=monev, urutan=1)
    assert row.kendala == "Rapat tertunda"
    # Percentage contradicting the status is refused with an Indonesian message; nothing saved.
    bad = formset_data(
        monev, **{"form-0-realisasi_status": "selesai", "form-0-realisasi_persen": "40"}
    )
    response = client.post(form_url(rencana, 1), bad)
    assert response.status_code == 200
    assert "Status selesai berarti realisasi 100%" in response.content.decode()
    # Submitting asks for confirmation first.
    page = client.get(form_url(rencana, 1, "monev_ajukan"))
    assert "terkunci" in page.content.decode()
    refused = client.post(form_url(rencana, 1, "monev_ajukan"), {"disahkan_nama": "Siti"})
    assert refused.status_code == 200
    assert Monev.objects.get(pk=monev.pk).status == "draf"
    client.post(
        form_url(rencana, 1, "monev_ajukan"),
        {"disahkan_nama": "Siti Rahayu", "disahkan_jabatan": "Ketua Tim ZI", "konfirmasi": "on"},
    )
    monev.refresh_from_db()
    assert monev.terkunci
    assert monev.disahkan_nama == "Siti Rahayu"
    assert monev.disahkan_oleh == tim
    # Locked: a save changes nothing.
    client.post(form_url(rencana, 1), formset_data(monev, **{"form-1-kendala": "diubah"}))
    assert BarisMonev.objects.get(pk=row.pk).kendala == "Rapat tertunda"
    with pytest.raises(ValidationError, match="terkunci"):
        monev_ajukan(monev=monev, nama="Lain", jabatan="", user=tim)
    assert monev.history.count() >= 2


def test_previous_quarter_follow_ups_show_in_the_next(client, member, uploads, plan):
    rencana, _bukti = plan
    client.force_login(member("tim_zi", "3319"))
    first = monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 4, 2))
    row = first.baris.order_by("urutan").first()
    row.tindak_lanjut = "Koordinasi dengan Inspektorat"
    row.save()
    monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 2))
    response = client.get(form_url(rencana, 2))
    html = response.content.decode()
    assert "Tindak lanjut triwulan sebelumnya" in html
    assert "Koordinasi dengan Inspektorat" in html


def test_monev_page_queries_do_not_grow_with_rows(client, member, uploads):
    small, big = bulk_plans([satker("3319"), satker("3376")], rows=5)
    for p in (small, big):
        monev_mulai(rencana=p, triwulan=2, hari_ini=date(2022, 7, 1))
    client.force_login(member("reviewer_provinsi", "33"))
    with CaptureQueriesContext(connection) as small_ctx:
        assert client.get(form_url(small, 2)).status_code == 200
    big_plan = bulk_plans([satker("3313")], rows=70)[0]
    monev_mulai(rencana=big_plan, triwulan=2, hari_ini=date(2022, 7, 1))
    with CaptureQueriesContext(connection) as big_ctx:
        assert client.get(form_url(big_plan, 2)).status_code == 200
    assert len(big_ctx.captured_queries) <= len(small_ctx.captured_queries)


def test_monev_pdf_lists_every_langkah_aksi_and_the_figures(client, member, uploads, plan):
    rencana, bukti = plan
    uploads[bukti[0].pk] = [(1, date(2022, 1, 20))]
    uploads[bukti[1].pk] = [(3, date(2022, 4, 5))]
    tim = member("tim_zi", "3319")
    monev = monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 5, 1))
    BarisMonev.objects.filter(monev=monev, urutan=0).update(kendala="Server presensi lambat")
    monev_ajukan(monev=monev, nama="Siti Rahayu", jabatan="Ketua Tim ZI", user=tim)
    client.force_login(member("kasubbag", "3319"))
    response = client.get(form_url(rencana, 1, "monev_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for langkah in LangkahAksi.objects.filter(**{tree.lookup("langkah", "rencana"): rencana}):
        assert langkah.nama in flat
    assert "TRIWULAN I TAHUN 2022" in flat
    assert "Server presensi lambat" in flat
    assert "Siti Rahayu" in flat
    # Triwulan I: January on time, March overdue → year to date and quarter 1 of 2 = 50,0 %,
    # 1 overdue, 1 of 4 langkah aksi done.
    assert "Jumlah rencana aksi 2 1 50,0% 2 1 50,0% 1 1 / 4" in flat
    assert "Mengetahui, Ketua KPU Kabupaten Kudus" in flat


def test_readers_see_but_cannot_write(client, member, uploads, plan):
    rencana, _bukti = plan
    monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 4, 2))
    client.force_login(member("operator", "3319"))
    assert client.get(form_url(rencana, 1)).status_code == 200
    assert client.post(form_url(rencana, 1), {}).status_code == 403
    assert client.get(form_url(rencana, 1, "monev_ajukan")).status_code == 403
    assert client.get(form_url(rencana, 5)).status_code == 404


def _posted(row: BarisMonev, **changes) -> dict:
    """A row's values as a form posts them (``BARIS_FIELDS`` and the loaded ``versi``)."""
    values = {
        name: getattr(row, name)
        for name in ("realisasi_status", "realisasi_persen", "kendala", "tindak_lanjut", "catatan")
    }
    return {**values, "versi": row.versi, **changes}


def test_save_takes_plain_row_values_without_a_form(uploads, plan):
    rencana, _bukti = plan
    monev = monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 3, 31))
    row = monev.baris.order_by("urutan").first()
    monev_simpan(monev=monev, baris={row.pk: _posted(row, kendala="Rapat ditunda")})
    row.refresh_from_db()
    assert (row.kendala, row.versi) == ("Rapat ditunda", 2)


def test_save_refuses_a_row_of_another_monev_and_writes_nothing(uploads, plan):
    rencana, _bukti = plan
    first = monev_mulai(rencana=rencana, triwulan=1, hari_ini=date(2022, 3, 31))
    second = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 6, 30))
    own = first.baris.order_by("urutan").first()
    other = second.baris.order_by("urutan").first()
    baris = {own.pk: _posted(own, kendala="A"), other.pk: _posted(other, kendala="B")}
    with pytest.raises(ValidationError, match="tidak termasuk monev ini"):
        monev_simpan(monev=first, baris=baris)
    assert BarisMonev.objects.filter(kendala__in=["A", "B"]).count() == 0
