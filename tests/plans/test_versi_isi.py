"""The plan's content version: bumped by every write to its rows, so the SK's version (ETag) is
decided from the plan row alone; an unchanged replacing import writes nothing at all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik, Indikator, RencanaAksi
from plans.reports.sk import SkReport
from plans.selectors import rencana_for_user
from plans.services.importing import lampiran_impor, lampiran_import
from plans.services.rows import baris_hapus, baris_simpan, baris_tambah

pytestmark = pytest.mark.django_db

ROW_TABLES = ("plans_rencanaarea", "plans_komponen", "plans_indikator", "plans_langkahaksi",
              "plans_buktifisik")  # fmt: skip


def versi_isi(rencana) -> int:
    return RencanaAksi.objects.values_list("versi_isi", flat=True).get(pk=rencana.pk)


def fresh(rencana, user):
    return rencana_for_user(user=user).get(pk=rencana.pk)


def test_every_row_write_bumps_the_content_version(sample_text, member):
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    operator = member("operator", "3376")
    seen = [versi_isi(rencana)]
    bukti = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).first()
    baris_simpan(obj=bukti, user=operator, data={"nama": "Bukti diganti"}, versi=bukti.versi)
    seen.append(versi_isi(rencana))
    baru = baris_tambah(induk=bukti.langkah_aksi, user=operator, data={"nama": "Bukti tambahan"})
    seen.append(versi_isi(rencana))
    baris_hapus(obj=baru, user=operator, versi=baru.versi)
    seen.append(versi_isi(rencana))
    assert seen == sorted(set(seen)), seen  # strictly increasing: each write bumped it


def test_the_sk_version_reads_no_row(sample_text, member, django_assert_num_queries):
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    user = member("operator", "3376")
    report = SkReport()
    plan = fresh(rencana, user)
    with django_assert_num_queries(0):
        first = report.prepare(rencana=plan).version
    indikator = Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): rencana}).first()
    indikator.nama = "Indikator diubah"
    indikator.save()
    assert report.prepare(rencana=fresh(rencana, user)).version != first
    assert report.prepare(rencana=plan).version == first  # a stale instance: stale version


def test_a_304_touches_no_row_table(sample_text, member, client):
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    client.force_login(member("operator", "3376"))
    url = reverse("plans:rencana_cetak", args=[rencana.pk])
    etag = SkReport().prepare(rencana=fresh(rencana, member("kasubbag", "3376"))).etag
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert not [t for t in ROW_TABLES if t in sql]
    assert sum('"plans_rencanaaksi"' in q["sql"] for q in queries.captured_queries) == 1


def test_unchanged_replace_writes_nothing_and_a_changed_one_only_the_change(sample_text):
    text = sample_text("kudus")
    rencana, _ = lampiran_import(text=text)
    history = BuktiFisik.history.count()
    before = (versi_isi(rencana), RencanaAksi.objects.get(pk=rencana.pk).versi)
    with CaptureQueriesContext(connection) as queries:
        result = lampiran_impor(text=text, replace=True)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    assert result.ditulis == 0
    assert (versi_isi(rencana), RencanaAksi.objects.get(pk=rencana.pk).versi) == before
    assert BuktiFisik.history.count() == history
    changed = text.replace("\tPiagam Penghargaan\t", "\tPiagam Penghargaan Pegawai\t")
    result = lampiran_impor(text=changed, replace=True)
    # the changed bukti fisik is new (its text is its identity), the old one deleted
    assert (result.ditulis, result.dihapus) == (1, 1)
    assert BuktiFisik.history.count() == history + 2  # one "+" and one "-"
    assert versi_isi(rencana) == before[0] + 1


def test_import_costs_a_fixed_number_of_queries(sample_text):
    with CaptureQueriesContext(connection) as queries:
        lampiran_import(text=sample_text("kudus"))
    assert len(queries.captured_queries) <= 30


def test_import_history_records_name_the_user_and_the_values(sample_text, member):
    user = member("operator", "3319")
    text = sample_text("kudus")
    rencana = lampiran_impor(text=text, user=user).rencana
    bukti = BuktiFisik.objects.get(nama="Piagam Penghargaan")
    [created] = bukti.history.all()
    assert (created.history_type, created.history_user_id) == ("+", user.pk)
    assert (created.nama, created.bulan, created.langkah_aksi_id) == (
        bukti.nama,
        bukti.bulan,
        bukti.langkah_aksi_id,
    )
    changed = text.replace(
        "\tPiagam Penghargaan\tAgustus 2022", "\tPiagam Penghargaan\tSeptember 2022"
    )
    lampiran_impor(text=changed, replace=True, user=user)
    latest = bukti.history.first()
    assert (latest.history_type, latest.target_waktu, latest.bulan) == ("~", "September 2022", [9])
    assert latest.versi == created.versi + 1
    assert RencanaAksi.objects.get(pk=rencana.pk).versi_isi > 1
