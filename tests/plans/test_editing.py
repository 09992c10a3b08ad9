"""Editing services: rows, SK text, copies, optimistic locking."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from access.models import Satker
from plans import tree
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi
from plans.services.copying import rencana_buat
from plans.services.guards import VersionConflict
from plans.services.rows import (
    baris_hapus,
    baris_pindah,
    baris_simpan,
    baris_tambah,
    hitung_turunan,
    rencana_sk_simpan,
)
from tests.factories import kerangka, make_plan, satker

pytestmark = pytest.mark.django_db


def _bukti_of(rencana):
    return BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).order_by("pk")


def test_second_editor_is_refused_and_nothing_is_overwritten(member):
    make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    user = member("operator")
    indikator = Indikator.objects.get()
    opened_by_a = Indikator.objects.get(pk=indikator.pk)
    opened_by_b = Indikator.objects.get(pk=indikator.pk)
    baris_simpan(obj=opened_by_a, user=user, data={"nama": "versi A"}, versi=opened_by_a.versi)
    with pytest.raises(VersionConflict, match="diubah orang lain"):
        baris_simpan(obj=opened_by_b, user=user, data={"nama": "versi B"}, versi=opened_by_b.versi)
    stored = Indikator.objects.get()
    assert stored.nama == "versi A"
    assert stored.versi == 2


def test_sk_edit_is_version_checked_too(member):
    rencana = make_plan(areas=0)
    user = member("operator")
    rencana_sk_simpan(
        rencana=rencana,
        user=user,
        data={"menimbang": ["a. bahwa …"], "diktum": [{"label": "KESATU", "isi": "x"}]},
        versi=1,
    )
    with pytest.raises(VersionConflict):
        rencana_sk_simpan(rencana=rencana, user=user, data={"judul": "lama"}, versi=1)
    fresh = RencanaAksi.objects.get()
    assert fresh.menimbang == ["a. bahwa …"]
    assert fresh.judul != "lama"


def test_bukti_months_follow_the_target_waktu(member):
    make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    bukti = BuktiFisik.objects.get()
    baris_simpan(
        obj=bukti,
        user=member("operator"),
        data={"target_waktu": "Maret, Juni, Septem-ber, Desember 2022"},
        versi=bukti.versi,
    )
    bukti.refresh_from_db()
    assert bukti.bulan == [3, 6, 9, 12]
    assert bukti.tahun == 2022


def test_add_appends_and_move_reorders(member):
    rencana = make_plan(areas=1, komponen_per_area=2, indikator_per_komponen=1)
    user = member("tim_zi")
    area = rencana.areas.get()
    baru = baris_tambah(induk=area, user=user, data={"nomor": "3", "nama": "Komponen baru"})
    names = lambda: list(  # noqa: E731
        Komponen.objects.filter(rencana_area=area).order_by("urutan").values_list("nama", flat=True)
    )
    assert names()[-1] == "Komponen baru"
    baris_pindah(obj=baru, user=user, arah="naik")
    assert names()[1] == "Komponen baru"
    baris_pindah(obj=Komponen.objects.get(pk=baru.pk), user=user, arah="naik")
    baris_pindah(obj=Komponen.objects.get(pk=baru.pk), user=user, arah="naik")  # stays first
    assert names()[0] == "Komponen baru"


def test_delete_counts_children_and_reader_cannot_edit(member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=3)
    komponen = Komponen.objects.get()
    assert hitung_turunan(komponen) == {"indikator": 3, "langkah aksi": 3, "bukti fisik": 3}
    with pytest.raises(PermissionDenied):
        baris_hapus(obj=komponen, user=member("kasubbag"), versi=komponen.versi)
    gone = baris_hapus(obj=komponen, user=member("operator"), versi=komponen.versi)
    assert gone == {"komponen": 1, "indikator": 3, "langkah aksi": 3, "bukti fisik": 3}
    assert not _bukti_of(rencana).exists()
    assert not LangkahAksi.objects.exists()


def test_copy_last_year_adapts_year_and_keeps_rows(member):
    lama = make_plan(tahun=2022, areas=2, menimbang=["bahwa UU Nomor 7 Tahun 2017 …"])
    BuktiFisik.objects.filter(pk=_bukti_of(lama).first().pk).update(
        target_waktu="Januari-Maret 2022", bulan=[1, 2, 3]
    )
    user = member("operator")
    baru = rencana_buat(
        user=user, satker=lama.satker, tahun=2023, kerangka=lama.kerangka, sumber=lama
    )
    assert baru.status == "draf"
    assert baru.disalin_dari == lama
    assert baru.sk_nomor == ""
    assert "TAHUN 2023" in baru.judul
    assert baru.menimbang == lama.menimbang
    old_rows = list(_bukti_of(lama).values_list("nama", "bulan"))
    new_rows = list(_bukti_of(baru).values_list("nama", "bulan"))
    assert new_rows == old_rows
    assert len(new_rows) == 8
    first = _bukti_of(baru).first()
    assert (first.target_waktu, first.tahun) == ("Januari-Maret 2023", 2023)
    with pytest.raises(ValidationError, match="sudah memiliki"):
        rencana_buat(user=user, satker=lama.satker, tahun=2023, kerangka=lama.kerangka)


def test_copy_from_province_template_and_not_from_an_invisible_plan(member):
    template = make_plan(satker_kode="33", areas=1)
    invisible = make_plan(satker_kode="3376", areas=1)
    user = member("operator", "3319")
    kudus = satker("3319")
    baru = rencana_buat(user=user, satker=kudus, tahun=2023, kerangka=kerangka(), sumber=template)
    assert "KABUPATEN KUDUS" in baru.judul
    assert "PROVINSI" not in baru.judul
    assert _bukti_of(baru).count() == _bukti_of(template).count()
    with pytest.raises(PermissionDenied):
        rencana_buat(user=user, satker=kudus, tahun=2024, kerangka=kerangka(), sumber=invisible)
    with pytest.raises(PermissionDenied):
        rencana_buat(
            user=user, satker=Satker.objects.get(kode="3376"), tahun=2023, kerangka=kerangka()
        )
