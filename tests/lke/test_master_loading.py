"""Loading master question sets: shipped by migration, idempotent, a new file = a new version."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from lke.loading import DATA_DIR, master_muat
from lke.master import MasterTidakSah
from lke.models import JawabanLke, MasterLke, NodeLke, SoalLke
from lke.services import lke_mulai

MASTER = json.loads((DATA_DIR / "lke-zi-2026-master-soal.json").read_text(encoding="utf-8"))


def test_migration_loaded_the_2026_master(db):
    master = MasterLke.objects.get(tahun=2026)
    assert master.versi == 1
    assert SoalLke.objects.filter(master=master).count() == 127
    assert NodeLke.objects.filter(master=master, level="sub_area").count() == 44
    first = SoalLke.objects.get(master=master, id_master=1)
    assert (first.excel_sheet, first.excel_baris, first.kolom_jawaban_unit) == ("Jawaban", 6, "K")
    assert first.node.nama == "i. Penyusunan Tim Kerja"


def test_loading_the_same_file_again_changes_nothing(db, capsys):
    call_command("muat_master_lke")
    assert "sudah ada, dilewati" in capsys.readouterr().out
    assert MasterLke.objects.count() == 1
    # Key order and formatting do not matter: the digest is of the content.
    _master, created = master_muat(data=json.loads(json.dumps(MASTER, indent=1, sort_keys=True)))
    assert not created


def test_a_changed_file_becomes_a_new_version_and_keeps_past_answers(db, member):
    from tests.factories import satker

    timzi = member("tim_zi", "3319")
    lke = lke_mulai(satker=satker("3319"), tahun=2026, user=timzi)
    JawabanLke.objects.filter(lke=lke, soal__id_master=1).update(jawaban_unit="Ya")
    changed = copy.deepcopy(MASTER)
    changed["data"][0]["children"][0]["children"][0]["children"][0]["soals"][0][
        "teks_pertanyaan"
    ] = "Diubah"
    master2, created = master_muat(data=changed, sumber="revisi.json")
    assert created
    assert master2.versi == 2
    lke.refresh_from_db()
    assert lke.master.versi == 1
    assert lke.jawaban.get(soal__id_master=1).jawaban_unit == "Ya"
    assert lke.jawaban.get(soal__id_master=1).soal.teks != "Diubah"
    # A new year's file adds that year.
    next_year = {**copy.deepcopy(MASTER), "tahun": 2027}
    master3, created = master_muat(data=next_year)
    assert created
    assert (master3.tahun, master3.versi) == (2027, 1)


@pytest.mark.parametrize(
    ("mutate", "pesan"),
    [
        (lambda d: d.pop("data"), "kunci 'data'"),
        (lambda d: d.update(total_soal=120), "menyebut 120 soal"),
        (
            lambda d: d["data"][0]["children"][0]["children"][0]["children"][0]["soals"][0].update(
                jenis_jawaban="XYZ"
            ),
            "tidak lengkap",
        ),
        (
            lambda d: d["data"][0]["children"][0]["children"][0]["children"][0]["soals"][1].update(
                excel_baris=6
            ),
            "baris lembar kerja yang sama",
        ),
    ],
)
def test_a_bad_master_is_refused_and_nothing_stored(db, mutate, pesan):
    bad = copy.deepcopy(MASTER)
    mutate(bad)
    with pytest.raises(MasterTidakSah, match=pesan):
        master_muat(data=bad)
    assert MasterLke.objects.count() == 1


def test_command_reports_an_unreadable_file(db, tmp_path):
    path = tmp_path / "rusak.json"
    path.write_text("{bukan json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"rusak\.json"):
        call_command("muat_master_lke", str(path))
