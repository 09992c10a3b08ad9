"""``manage.py monev_status``: the stable JSON interface."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from plans import tree
from plans.models import BuktiFisik
from tests.factories import BuktiFisikFactory, LangkahAksiFactory, make_plan

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("monev_status", *args, stdout=out)
    return out.getvalue()


def test_json_lists_every_bukti_fisik_with_periods_and_status(uploads):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)
    first, second = BuktiFisik.objects.filter(
        **{tree.lookup("bukti", "rencana"): rencana}
    ).order_by(tree.lookup("bukti", "indikator", "urutan"))
    first.target_waktu, first.bulan, first.minggu = "Maret minggu ke 4 2022", [3], [4]
    first.save()
    second.target_waktu, second.bulan = "Maret, Juni 2022", [3, 6]
    second.save()
    lonely = BuktiFisikFactory(
        langkah_aksi=LangkahAksiFactory(indikator=first.langkah_aksi.indikator, urutan=5),
        target_waktu="sesuai kebutuhan",
        bulan=[],
        tahun=None,
    )
    uploads[second.pk] = [(3, date(2022, 4, 2))]

    data = json.loads(run(str(rencana.pk), "--tanggal", "2022-07-01", "--json"))

    by_id = {item["bukti_fisik_id"]: item for item in data}
    assert set(by_id) == {first.pk, second.pk, lonely.pk}
    a = by_id[first.pk]
    assert a["target_waktu"] == "Maret minggu ke 4 2022"
    assert a["bukti_fisik"] == first.nama
    assert [(p["label"], p["tenggat"], p["status"]) for p in a["periode"]] == [
        ("Minggu ke-4 Maret 2022", "2022-03-28", "tertunggak")
    ]
    assert a["status"] == "tertunggak"
    b = by_id[second.pk]
    assert [(p["tenggat"], p["status"], p["tanggal_bukti"]) for p in b["periode"]] == [
        ("2022-03-31", "terlambat", "2022-04-02"),
        ("2022-06-30", "tertunggak", None),
    ]
    assert by_id[lonely.pk]["status"] == "tanpa jadwal"
    assert by_id[lonely.pk]["periode"] == []


def test_archived_rows_are_left_out(uploads):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)
    bukti = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).first()
    bukti.diarsipkan = True
    bukti.save()
    data = json.loads(run(str(rencana.pk), "--tanggal", "2022-07-01", "--json"))
    assert bukti.pk not in {item["bukti_fisik_id"] for item in data}
    assert len(data) == 1


def test_text_output_and_errors(uploads):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    assert "tenggat 2022-01-31 — belum jatuh tempo" in run(
        str(rencana.pk), "--tanggal", "2022-01-05"
    )
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run("999999", "--tanggal", "2022-01-05")
    with pytest.raises(CommandError, match="Tanggal tidak sah"):
        run(str(rencana.pk), "--tanggal", "5 Januari 2022")
