"""A worked example by hand: one complete satker (all 127 answers), every sub total, verdicts.

Every expected figure below was computed by hand from the multipliers of the 2026 master
(YA_TIDAK 1/0; ABC 1/0.5/0; ABCD 1/0.67/0.33/0; ABCDE 1/0.75/0.5/0.25/0) and the rules in
``lke.scoring``'s docstring; the comment on each line shows the arithmetic.
"""

from __future__ import annotations

import json

import pytest

from lke.loading import DATA_DIR
from lke.master import pohon
from lke.scoring import hitung, ringkasan, walk

MASTER = json.loads((DATA_DIR / "lke-zi-2026-master-soal.json").read_text(encoding="utf-8"))

# fmt: off
JAWABAN = {
    # PEMENUHAN — Manajemen Perubahan
    1: "Ya", 2: "B", 3: "Ya", 4: "A", 5: "B", 6: "A", 7: "B", 8: "C",
    9: "Ya", 10: "A", 11: "A", 12: "A",
    # Penataan Tatalaksana
    13: "A", 14: "B", 15: "C", 16: "A", 17: "A", 18: "B", 19: "B", 20: "A", 21: "A",
    # Penataan Sistem Manajemen SDM
    22: "Ya", 23: "A", 24: "Ya", 25: "Ya", 26: "A", 27: "Tidak",
    28: "Ya", 29: "A", 30: "A", 31: "B", 32: "B", 33: "A",
    34: "A", 35: "A", 36: "A", 37: "Ya", 38: "B", 39: "A",
    # Penguatan Akuntabilitas
    40: "A", 41: "A", 42: "A",
    43: "Ya", 44: "Ya", 45: "Ya", 46: "A", 47: "Ya", 48: "B", 49: "Ya", 50: "B",
    # Penguatan Pengawasan
    51: "A", 52: "A", 53: "A", 54: "B", 55: "A", 56: "A", 57: "A", 58: "Ya", 59: "A", 60: "A",
    61: "A", 62: "B", 63: "C", 64: "A", 65: "A", 66: "A", 67: "A", 68: "A",
    # Peningkatan Kualitas Pelayanan Publik
    69: "A", 70: "A", 71: "A", 72: "Ya", 73: "A", 74: "A", 75: "A", 76: "A", 77: "A", 78: "A",
    79: "B", 80: "A", 81: "A", 82: "A", 83: "A", 84: "A", 85: "A", 86: "Ya", 87: "A",
    # REFORM
    88: 10.0, 89: 8.0, 90: 8.0, 91: 6.0, 92: "B", 93: "A",
    94: "B", 95: "A", 96: "A", 97: "A", 98: "B", 99: "C",
    100: "A", 101: "B", 102: 4.0, 103: 1.0, 104: 1.0,
    105: 5.0, 106: 4.0, 107: "A", 108: "B",
    109: "A", 110: 10.0, 111: 2.0, 112: 8.0,
    113: 1.0, 114: 3.0, 115: 0.0, 116: 4.0, 117: 2.0, 118: 5.0, 119: 13.0, 120: 15.0,
    121: "A", 122: 4.0, 123: 2.0, 124: "B",
    # HASIL
    125: 3.70, 126: "B", 127: 3.40,
}

SUB_AREA = {
    # (sub komponen, area number, sub area name start): value
    ("PEMENUHAN", "i. Penyusunan Tim Kerja"): 0.375,             # (1 + .5)/2 × 0.5
    ("PEMENUHAN", "ii. Rencana Pembangunan"): 2.5 / 3,          # (1 + 1 + .5)/3 × 1
    ("PEMENUHAN", "iii. Pemantauan dan Evaluasi"): 2 / 3,       # (1 + .67 + .33)/3 × 1
    ("PEMENUHAN", "iv. Perubahan pola pikir"): 1.5,             # all full × 1.5
    ("PEMENUHAN", "i. Prosedur Operasional"): 0.75,             # (1 + .75 + .5)/3 × 1
    ("PEMENUHAN", "ii. Sistem Pemerintahan Berbasis Elektronik (SPBE)"): 1.5,  # 3/4 × 2
    ("PEMENUHAN", "iii. Keterbukaan Informasi"): 0.5,           # full × 0.5
    ("PEMENUHAN", "i. Perencanaan Kebutuhan Pegawai"): 0.25,    # full × 0.25
    ("PEMENUHAN", "ii. Pola Mutasi Internal"): 0.5 * 2 / 3,     # (1 + 1 + 0)/3 × 0.5
    ("PEMENUHAN", "iii. Pengembangan Pegawai"): 1.1125,         # (4 + .67 + .67)/6 × 1.25
    ("PEMENUHAN", "iv. Penetapan Kinerja Individu"): 2.0,
    ("PEMENUHAN", "v. Penegakan Aturan Disiplin"): 0.5025,      # .67 × 0.75
    ("PEMENUHAN", "vi. Sistem Informasi Kepegawaian"): 0.25,
    ("PEMENUHAN", "i. Keterlibatan Pimpinan"): 2.5,
    ("PEMENUHAN", "ii. Pengelolaan Akuntabilitas Kinerja"): 2.1875,  # 7/8 × 2.5
    ("PEMENUHAN", "i. Pengendalian Gratifikasi"): 1.5,
    ("PEMENUHAN", "ii. Penerapan Sistem Pengendalian"): 1.40625,  # 3.75/4 × 1.5
    ("PEMENUHAN", "iii. Pengaduan Masyarakat"): 1.5,
    ("PEMENUHAN", "iv. Whistle-Blowing System"): 0.75,          # (1 + .5 + 0)/3 × 1.5
    ("PEMENUHAN", "v. Penanganan Benturan Kepentingan"): 1.5,
    ("PEMENUHAN", "i. Standar Pelayanan"): 1.0,
    ("PEMENUHAN", "ii. Budaya Pelayanan Prima"): 1.0,
    ("PEMENUHAN", "iii. Pengelolaan Pengaduan"): 2.75 / 3,      # (.75 + 1 + 1)/3 × 1
    ("PEMENUHAN", "iv. Penilaian Kepuasan"): 1.0,
    ("PEMENUHAN", "v. Pemanfaatan Teknologi Informasi"): 1.0,
    ("REFORM", "i. Komitmen dalam perubahan"): 1.55,            # (8/10 + 6/8)/2 × 2
    ("REFORM", "ii. Komitmen Pimpinan"): 0.75,                  # .75 × soal bobot 1
    ("REFORM", "iii. Membangun Budaya Kerja"): 1.0,
    ("REFORM", "i. Peta Proses Bisnis"): 0.335,                 # .67 × 0.5
    ("REFORM", "ii. Sistem Pemerintahan Berbasis Elektronik (SPBE) yang"): 1.0,
    ("REFORM", "iii. Transformasi Digital"): 1.5,               # (1 + .75 + .5)/3 × 2
    ("REFORM", "i. Kinerja Individu"): 1.5,
    ("REFORM", "ii. Assessment Pegawai"): 0.75,                 # .5 × 1.5
    ("REFORM", "iii. Pelanggaran Disiplin Pegawai"): 1.5,       # (4 − 1)/4 × 2
    ("REFORM", "i. Meningkatnya capaian kinerja"): 1.6,         # 4/5 × 2
    ("REFORM", "ii. Pemberian Reward"): 1.5,
    ("REFORM", "iii. Kerangka Logis Kinerja"): 1.005,           # .67 × 1.5
    ("REFORM", "i. Mekanisme Pengendalian"): 2.5,
    ("REFORM", "ii. Penanganan Pengaduan Masyarakat"): 2.4,     # 8/10 × 3
    ("REFORM", "iii. Penyampaian Laporan Harta Kekayaan"): 1.75,  # a + b below
    ("REFORM", "a. Penyampaian Laporan Harta Kekayaan Pejabat"): 1.0,  # 4/(1+3+0) × 1
    ("REFORM", "b. Penyampaian Laporan Harta Kekayaan Non LHKPN"): 0.75,  # 15/(2+5+13) × 1
    ("REFORM", "i. Upaya dan/atau Inovasi"): 1.875,             # (1 + 2/4)/2 × 2.5
    ("REFORM", "ii. Penanganan Pengaduan Pelayanan"): 1.675,    # .67 × 2.5
}

AREA = {  # pemenuhan + reform (value, weight)
    "MANAJEMEN PERUBAHAN": (3.375 + 3.3, 8),
    "PENATAAN TATALAKSANA": (2.75 + 2.835, 7),
    "PENATAAN SISTEM MANAJEMEN SDM APARATUR": (4.448333333 + 3.75, 10),
    "PENGUATAN AKUNTABILITAS": (4.6875 + 4.105, 10),
    "PENGUATAN PENGAWASAN": (6.65625 + 6.65, 15),
    "PENINGKATAN KUALITAS PELAYANAN PUBLIK": (4.916666667 + 3.55, 10),
}
# fmt: on
PEMENUHAN = 26.83375  # 3.375 + 2.75 + 4.448333 + 4.6875 + 6.65625 + 4.916667
REFORM = 24.19  # 3.3 + 2.835 + 3.75 + 4.105 + 6.65 + 3.55
IPAK = 16.1875  # 3.70 / 4 × 17.5
CAPAIAN = 3.75  # .75 × 5
PELAYANAN = 14.875  # 3.40 / 4 × 17.5


@pytest.fixture(scope="module")
def hasil():
    assert len(JAWABAN) == 127
    return hitung(pohon(MASTER), JAWABAN)


def test_every_sub_area_value(hasil):
    found = {}
    for root in hasil.pohon:
        for sub in root.anak:
            for n in walk(sub):
                if n.node.level == "sub_area":
                    key = next(
                        k
                        for k in SUB_AREA
                        if k[0] in sub.node.nama and n.node.nama.startswith(k[1])
                    )
                    assert key not in found, key
                    found[key] = n.nilai
    assert set(found) == set(SUB_AREA)
    for key, expected in SUB_AREA.items():
        assert found[key] == pytest.approx(expected, abs=1e-9), key


def test_sub_komponen_and_totals(hasil):
    [pengungkit, _hasil_node] = hasil.pohon
    pemenuhan, reform = pengungkit.anak
    assert pemenuhan.nilai == pytest.approx(PEMENUHAN, abs=1e-6)
    assert reform.nilai == pytest.approx(REFORM, abs=1e-9)
    assert hasil.pengungkit == pytest.approx(51.02375, abs=1e-6)
    assert hasil.ipak == pytest.approx(IPAK)
    assert hasil.capaian == pytest.approx(CAPAIAN)
    assert hasil.birokrasi == pytest.approx(19.9375)
    assert hasil.pelayanan == pytest.approx(PELAYANAN)
    assert hasil.hasil == pytest.approx(34.8125)
    assert hasil.total == pytest.approx(85.83625, abs=1e-6)


def test_areas(hasil):
    assert list(hasil.area) == list(AREA)
    for nama, (nilai, bobot) in AREA.items():
        assert hasil.area[nama].nilai == pytest.approx(nilai, abs=1e-6), nama
        assert hasil.area[nama].bobot == bobot


def test_verdicts(hasil):
    # WBK: every threshold met (total 85.84 ≥ 75, pengungkit 51.02 ≥ 40, lowest area
    # Penataan Tatalaksana 79.8 % ≥ 60 %, birokrasi 19.94 ≥ 18.25, IPAK 16.19 ≥ 15.75,
    # capaian 3.75 ≥ 2.50, pelayanan 14.875 ≥ 14.00).
    assert hasil.wbk.lulus
    # WBBM: total 85.84 ≥ 85, pengungkit ≥ 48 and every area ≥ 75 %, but pelayanan
    # 14.875 < 15.75: the only failure, with a gap of 0.875.
    assert not hasil.wbbm.lulus
    [gagal] = hasil.wbbm.gagal
    assert gagal.nama == "Pelayanan Publik yang Prima"
    assert gagal.selisih == pytest.approx(0.875)


def test_summary_json_rounds_to_two_decimals(hasil):
    data = ringkasan(hasil)
    assert data["total"] == 85.84
    assert data["pengungkit"] == 51.02
    assert data["hasil"] == 34.81
    assert data["area"]["PENATAAN TATALAKSANA"] == {"nilai": 5.59, "bobot": 7.0, "persen": 79.79}
    assert data["wbk"] == {"lulus": True, "gagal": []}
    assert data["wbbm"] == {"lulus": False, "gagal": ["Pelayanan Publik yang Prima"]}
