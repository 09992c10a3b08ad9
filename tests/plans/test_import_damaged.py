"""A damaged row never makes a save fail: repaired when certain, else kept and reported.

``data/lampiran/rb-bergeser-sragen-2023.txt`` is the RB sample with the damage extraction does:
an indikator in the Waktu column (line 85), a sub kegiatan in the indikator column with its
indikator in the Waktu column (line 100: shared words, repaired; line 108: no shared word,
kept with a proposal), an empty required cell (line 96), and a Sub Kegiatan column that runs
one row ahead of its indikator column (lines 113–115).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from plans import tree
from plans.lampiran import parse_lampiran
from plans.models import BuktiFisik, Indikator, LangkahAksi, RencanaAksi
from plans.services.importing import lampiran_impor

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data" / "lampiran"
#: Every sample document, with the satker to import it into when its heading names none.
SAMPLES = [
    *sorted((ROOT / "fixtures" / "lampiran").glob("*.txt")),
    *sorted(DATA.glob("*.txt")),
]
SATKER = {"zi-bulanan-sragen-2023.txt": "3314"}
DAMAGED = DATA / "rb-bergeser-sragen-2023.txt"


def _warnings(hasil) -> list[tuple]:
    return [(w.line, w.message, w.field, w.proposed) for w in hasil.warnings]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_dry_run_and_save_agree_on_every_sample(path):
    text = path.read_text(encoding="utf-8")
    kode = SATKER.get(path.name)
    dry = lampiran_impor(text=text, satker=kode, dry_run=True)
    assert dry.rencana is None
    assert RencanaAksi.objects.count() == 0
    saved = lampiran_impor(text=text, satker=kode)
    assert saved.rencana.pk
    assert saved.hasil.counts() == dry.hasil.counts()
    assert _warnings(saved.hasil) == _warnings(dry.hasil)
    assert saved.ditulis == dry.ditulis
    stored = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): saved.rencana})
    assert stored.count() == len(saved.hasil.rows)
    # the same again as a replace: planned as "nothing to write", and nothing written
    again_dry = lampiran_impor(text=text, satker=kode, replace=True, dry_run=True)
    assert again_dry.ditulis == 0
    assert again_dry.sisa == 0
    again = lampiran_impor(text=text, satker=kode, replace=True)
    assert (again.ditulis, again.diarsipkan, again.dihapus) == (0, 0, 0)


def test_damaged_rb_rows_are_repaired_or_kept_with_warnings():
    result = lampiran_impor(text=DAMAGED.read_text(encoding="utf-8"))
    rencana = result.rencana
    by_line = {}
    for w in result.hasil.warnings:
        by_line.setdefault(w.line, []).append(w)
    path = tree.lookup("langkah", "rencana")
    # line 85: the indikator sat in the Waktu column, the Indikator Keberhasilan cell empty
    # (RB rows: Indikator = indikator keberhasilan, its LangkahAksi = the sub kegiatan)
    sop = LangkahAksi.objects.get(**{path: rencana}, nama="Pemantauan pelaksanaan SOP")
    assert sop.indikator.nama == "Laporan pemantauan pelaksanaan SOP tersusun"
    assert by_line[85][0].field == "Indikator Keberhasilan"
    # line 100: sub kegiatan in the indikator column, indikator in Waktu, shared words
    evaluasi = LangkahAksi.objects.get(**{path: rencana}, nama="Evaluasi capaian kinerja")
    assert evaluasi.bukti_fisik.get().target_waktu == ""
    assert "diperbaiki" in by_line[100][0].message
    # line 108: the same shape without a shared word: kept as the document has it, proposed
    kept = Indikator.objects.get(**{tree.lookup("indikator", "rencana"): rencana}, nama="Rapat koordinasi pengawasan")  # fmt: skip
    assert kept.langkah_aksi.get().nama == "Pengendalian gratifikasi"
    proposals = {w.field: w.proposed for w in by_line[108] if w.proposed is not None}
    assert proposals == {
        "Sub Kegiatan": "Rapat koordinasi pengawasan",
        "Indikator Keberhasilan": "Notulen dan daftar hadir diarsipkan",
        "Waktu": "",
    }
    # line 96: an empty required cell is stored empty, reported with its line and column
    disiplin = LangkahAksi.objects.filter(**{path: rencana}, nama="Pembinaan disiplin pegawai")
    assert [la.indikator.nama for la in disiplin] == ["", "Evaluasi SKP triwulanan"]
    [empty] = [w for w in by_line[96] if w.field == "Indikator Keberhasilan"]
    assert "kosong" in empty.message
    assert "disimpan" in empty.message
    assert not any(w.message == "Sel Indikator Keberhasilan kosong." for w in by_line[96])
    # lines 113–115: the Sub Kegiatan column one row ahead of its indikator: proposed, not moved
    realign = [(line, by_line[line][0].proposed) for line in (113, 114, 115)]
    assert realign == [
        (113, ""),
        (114, "Survei kepuasan masyarakat"),
        (115, "Inovasi layanan informasi"),
    ]
    assert LangkahAksi.objects.filter(**{path: rencana}, nama="Survei kepuasan masyarakat").exists()


def test_no_sentence_in_a_schedule_cell_of_the_real_samples_is_moved():
    """The slid-right repair keeps its hands off every real sample (no false repair)."""
    for path in SAMPLES:
        if path == DAMAGED:
            continue
        hasil = parse_lampiran(path.read_text(encoding="utf-8"))
        assert not [w for w in hasil.warnings if "bergeser ke kanan satu kolom" in w.message]
        assert not [w for w in hasil.warnings if "mendahului" in w.message]


def test_command_json_names_field_and_proposed_value(capsys):
    call_command("import_lampiran", str(DAMAGED), "--dry-run", "--json")
    doc = json.loads(capsys.readouterr().out)
    [proposal] = [w for w in doc["warnings"] if w["line"] == 114]
    assert proposal["field"] == "Sub Kegiatan"
    assert proposal["proposed"] == "Survei kepuasan masyarakat"
    plain = [w for w in doc["warnings"] if w["line"] == 78]
    assert plain
    assert "field" not in plain[0]
    assert RencanaAksi.objects.count() == 0
