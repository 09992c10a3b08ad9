"""``manage.py import_lampiran``: the stable command-line interface."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from plans.models import BuktiFisik, RencanaAksi
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def run_json(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("import_lampiran", *args, "--json", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1, "--json prints exactly one JSON object"
    return json.loads(lines[0])


def test_json_output_of_kudus():
    doc = run_json(str(SAMPLES["kudus"]))
    assert set(doc) == {
        "format",
        "satker",
        "tahun",
        "rencana_id",
        "sk",
        "counts",
        "rows",
        "warnings",
    }
    assert doc["format"] == "zi"
    assert doc["satker"] == "3319"
    assert doc["tahun"] == 2022
    assert doc["sk"]["nomor"] == "11/HK.03.1/3319/2022"
    assert doc["sk"]["tanggal"] == "2022-02-08"
    assert doc["sk"]["tempat"] == "Kudus"
    assert doc["counts"]["area"] == 6
    assert doc["counts"]["komponen"] == 23
    assert doc["rencana_id"] == RencanaAksi.objects.get().pk
    first = doc["rows"][0]
    assert set(first) >= {
        "area",
        "area_nama",
        "komponen",
        "indikator",
        "langkah_aksi",
        "bukti_fisik",
        "target_waktu",
        "bulan",
        "penanggung_jawab",
    }
    assert first["area"] == "I"
    assert first["komponen"] == "Tim Kerja"
    assert first["bulan"] == [1]
    assert all({"line", "message"} <= set(w) for w in doc["warnings"])


def test_dry_run_prints_null_id_and_writes_nothing():
    doc = run_json(str(SAMPLES["karanganyar"]), "--dry-run")
    assert doc["rencana_id"] is None
    assert doc["format"] == "zi_bulanan"
    assert doc["counts"]["bukti_fisik"] > doc["counts"]["langkah_aksi"]
    assert RencanaAksi.objects.count() == 0


def test_second_import_refused_then_replace_keeps_ids():
    first = run_json(str(SAMPLES["tegal"]))
    ids = set(BuktiFisik.objects.values_list("pk", flat=True))
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("import_lampiran", str(SAMPLES["tegal"]))
    again = run_json(str(SAMPLES["tegal"]), "--replace")
    assert again["rencana_id"] == first["rencana_id"]
    assert set(BuktiFisik.objects.values_list("pk", flat=True)) == ids


def test_unreadable_file_exits_nonzero_with_message(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n\x00\x00\x00binary")
    with pytest.raises(CommandError, match="PDF ini rusak"):
        call_command("import_lampiran", str(bad))
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("import_lampiran", str(tmp_path / "missing.txt"))
    assert RencanaAksi.objects.count() == 0


def test_satker_and_year_options():
    doc = run_json(str(SAMPLES["tegal"]), "--satker", "3328", "--tahun", "2023")
    assert (doc["satker"], doc["tahun"]) == ("3328", 2023)
