"""The evaluators' workbook (export → import round trip, refusals) and the stable commands
``skor_lke`` and ``import_lke``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from lke.models import JawabanLke
from lke.services import lke_ajukan
from lke.workbook import workbook_baca, workbook_ekspor, workbook_impor
from tests.lke.conftest import isi

BASE = "http://testserver/"


def _answers(lke, field="jawaban_unit"):
    return dict(JawabanLke.objects.filter(lke=lke).values_list("soal__id_master", field))


def test_export_puts_every_answer_in_the_masters_cells(lke, diterima):
    isi(lke)
    row = lke.jawaban.get(soal__id_master=1)
    row.catatan_unit = '=HYPERLINK("x")'
    row.save()
    row.bukti.set([diterima])
    wb = load_workbook(io.BytesIO(workbook_ekspor(lke=lke, base_url=BASE)))
    assert wb.sheetnames[:2] == ["Ringkasan", "Jawaban"]
    ws = wb["Jawaban"]
    assert (ws["A6"].value, ws["K6"].value) == (1, "Ya")
    assert ws["L6"].value == '\'=HYPERLINK("x")'  # a note never becomes a formula
    assert ws["M6"].value.startswith("http://testserver/lke/bukti/")
    # counts and indices are numbers, letters text (row 126 = question 88, row 199 = 125)
    assert ws["K126"].value == 10
    assert ws["K199"].value == 3.7
    assert ws["K7"].value == "B"
    summary = [r for r in wb["Ringkasan"].iter_rows(values_only=True) if r and r[0]]
    assert ("Nilai total", 100, 85.84, None, 0.0, None) in summary
    assert any(r[0] == "Pelayanan Publik yang Prima" and r[3] == "Tidak" for r in summary)


def test_round_trip_reproduces_every_answer(lke, diterima, timzi):
    isi(lke)
    lke.jawaban.get(soal__id_master=5).bukti.set([diterima])
    JawabanLke.objects.filter(lke=lke, soal__id_master=9).update(catatan_unit="SK 12/2026")
    before = _answers(lke), _answers(lke, "catatan_unit")
    data = workbook_ekspor(lke=lke, base_url=BASE)
    # Wipe everything, then read the workbook back (its version stamp is now stale, so import
    # a copy without the Meta sheet, as an evaluator's own workbook would be).
    wb = load_workbook(io.BytesIO(data))
    del wb["Meta"]
    buffer = io.BytesIO()
    wb.save(buffer)
    JawabanLke.objects.filter(lke=lke).update(jawaban_unit="", catatan_unit="")
    lke.jawaban.get(soal__id_master=5).bukti.clear()
    hasil = workbook_impor(lke=lke, data=buffer.getvalue(), penilai="unit", user=timzi)
    assert not hasil.galat
    assert len(hasil.perubahan) == 127
    assert (_answers(lke), _answers(lke, "catatan_unit")) == before
    assert list(lke.jawaban.get(soal__id_master=5).bukti.all()) == [diterima]


def _edit(data: bytes, **cells) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        sheet, cell = ref.split("__")
        wb[sheet][cell] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_bad_cells_are_refused_as_a_whole_naming_each_cell(lke, timzi):
    data = workbook_ekspor(lke=lke, base_url=BASE)
    bad = _edit(data, Jawaban__K6="Mungkin", Jawaban__K126=-3, Jawaban__K199=4.5, Jawaban__K7="b")
    hasil = workbook_impor(lke=lke, data=bad, penilai="unit", user=timzi)
    assert len(hasil.galat) == 3
    assert any(g.startswith("Sel K6:") and "tidak termasuk pilihan" in g for g in hasil.galat)
    assert any(g.startswith("Sel K126:") and "negatif" in g for g in hasil.galat)
    assert any(g.startswith("Sel K199:") and "antara 0 dan 4" in g for g in hasil.galat)
    assert set(_answers(lke).values()) == {""}  # nothing saved, not even the valid "b"


def test_moved_rows_another_year_or_a_stale_workbook_are_refused(lke, timzi):
    data = workbook_ekspor(lke=lke, base_url=BASE)
    moved = workbook_baca(
        lke=lke, data=_edit(data, Jawaban__A6=None, Jawaban__A7=1), penilai="unit"
    )
    assert any("Sel A6 harus memuat soal 1" in g for g in moved.galat)
    other_year = workbook_baca(lke=lke, data=_edit(data, Meta__B2=2025), penilai="unit")
    assert "tahun 2025, bukan 3319 tahun 2026" in other_year.galat[0]
    JawabanLke.objects.filter(pk=lke.jawaban.get(soal__id_master=3).pk).update(versi=5)
    stale = workbook_baca(lke=lke, data=data, penilai="unit")
    assert "telah diubah sejak lembar kerja diunduh" in stale.galat[0]
    not_xlsx = workbook_baca(lke=lke, data=b"%PDF-1.4 bukan xlsx", penilai="unit")
    assert not_xlsx.galat == ["Berkas bukan lembar kerja XLSX yang dapat dibaca."]


def test_skor_lke_json_interface(lke):
    isi(lke)
    out = io.StringIO()
    call_command("skor_lke", "3319", "--tahun", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"total", "pengungkit", "hasil", "area", "wbk", "wbbm"}
    assert (data["total"], data["pengungkit"], data["hasil"]) == (85.84, 51.02, 34.81)
    assert data["area"]["PENGUATAN PENGAWASAN"] == {"nilai": 13.31, "bobot": 15.0, "persen": 88.71}
    assert data["wbk"] == {"lulus": True, "gagal": []}
    assert data["wbbm"] == {"lulus": False, "gagal": ["Pelayanan Publik yang Prima"]}
    out = io.StringIO()
    call_command("skor_lke", "3319", "--tahun", "2026", "--penilai", "tpi", "--json", stdout=out)
    assert json.loads(out.getvalue())["total"] == 0.0
    with pytest.raises(CommandError, match="belum memiliki LKE tahun 2025"):
        call_command("skor_lke", "3319", "--tahun", "2025", "--json")


def test_import_lke_command_dry_run_then_real(lke, tmp_path, timzi):
    isi(lke)
    path = tmp_path / "lke.xlsx"
    path.write_bytes(workbook_ekspor(lke=lke, base_url=BASE))
    JawabanLke.objects.filter(lke=lke, soal__id_master__in=[1, 88]).update(jawaban_unit="")
    path.write_bytes(_edit(path.read_bytes(), Meta__B4=None))  # drop the version stamp
    out = io.StringIO()
    call_command(
        "import_lke", str(path), "--satker", "3319", "--tahun", "2026", "--dry-run", stdout=out
    )
    assert "2 jawaban akan diubah (uji coba, tidak disimpan), 125 tidak berubah." in out.getvalue()
    assert _answers(lke)[1] == ""
    call_command(
        "import_lke", str(path), "--satker", "3319", "--tahun", "2026", stdout=io.StringIO()
    )
    assert (_answers(lke)[1], _answers(lke)[88]) == ("Ya", "10")
    # TPI answers can only be imported once the unit has submitted.
    with pytest.raises(CommandError, match="LKE berstatus draf"):
        call_command(
            "import_lke", str(path), "--satker", "3319", "--tahun", "2026", "--penilai", "tpi"
        )
    lke_ajukan(lke=lke, user=timzi, versi=lke.versi)
    with pytest.raises(CommandError, match="LKE berstatus diajukan"):
        call_command("import_lke", str(path), "--satker", "3319", "--tahun", "2026")
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(_edit(path.read_bytes(), Jawaban__N6="Z"))
    with pytest.raises(CommandError, match="Sel N6"):
        call_command(
            "import_lke", str(bad), "--satker", "3319", "--tahun", "2026", "--penilai", "tpi"
        )
    assert set(_answers(lke, "jawaban_tpi").values()) == {""}
