"""Synthetic variants of the two ZI families, to show the rules are not tied to the three seeds.

* ``zi-kota-magelang-2023.txt``: a *Kota* SK, six columns with an extra blank column between
  NO and KOMPONEN (header, numbering row and data rows), ``NO`` written ``1.``, area rows as
  ``I. TITLE`` in one cell / ``<b>II</b>`` / ``III`` + title two cells further, other area
  titles, no narrative chapters, a komponen name and a real lower-case row after page breaks,
  several langkah aksi under one indikator and several bukti fisik under one langkah aksi,
  a row shifted three columns left, ``Septem-ber``/``Nopember``.
  Counts: 6 areas; komponen 2 + 2 + 2 + 1 + 1 + 1 = 9; indikator 4 + 3 + 4 + 1 + 1 + 1 = 14
  (area I counts the lower-case row after the page break); langkah aksi 5 + 4 + 4 + 1 + 1 + 1
  = 16; bukti fisik 6 + 4 + 4 + 1 + 1 + 1 = 17.
* ``zi-bulanan-sragen-2023.txt``: a monthly schedule with month *names* as column titles and a
  ``PJ`` column, ``A.``/``B.`` area rows, ✓ and ``v`` marks, a PJ per komponen, a one-cell
  ``a. b. c.`` list with ✓-only rows, a bukti cut by a page break, marks shifted two columns.

And the Kudus seed as other extractions or a paste would give it (CRLF, form feeds, headers
not repeated, the table alone): the same leaves.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from plans.lampiran import parse_lampiran

DATA = Path(__file__).resolve().parent / "data" / "lampiran"
SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "lampiran"


@pytest.fixture(scope="module")
def magelang():
    return parse_lampiran((DATA / "zi-kota-magelang-2023.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sragen():
    return parse_lampiran((DATA / "zi-bulanan-sragen-2023.txt").read_text(encoding="utf-8"))


def test_kota_six_column_counts_and_areas(magelang):
    assert magelang.format == "zi"
    assert magelang.counts() == {
        "area": 6,
        "komponen": 9,
        "indikator": 14,
        "langkah_aksi": 16,
        "bukti_fisik": 17,
    }
    assert list(dict.fromkeys((r.area, r.area_nama) for r in magelang.rows)) == [
        ("I", "MANAJEMEN PERUBAHAN"),
        ("II", "PENATAAN TATALAKSANA"),
        ("III", "PENATAAN SISTEM MANAJEMEN SDM APARATUR"),
        ("IV", "PENGUATAN AKUNTABILITAS KINERJA"),
        ("V", "PENGUATAN PENGAWASAN"),
        ("VI", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"),
    ]
    assert {r.komponen_nomor for r in magelang.rows} == {"1.", "2."}


def test_kota_sk_without_narrative(magelang):
    sk = magelang.sk
    assert (sk.satker_jenis, sk.satker_wilayah) == ("kota", "Magelang")
    assert sk.nomor == "7/PL.01-Kpt/3371/2023"
    assert (sk.tanggal, sk.tahun) == (datetime.date(2023, 3, 3), 2023)
    assert (sk.ketua, sk.pejabat_salinan) == ("BAGUS SANTOSO, S.H.", "Dewi Lestari, S.Kom.")
    assert sk.bab_lampiran == []
    assert sk.judul_tabel == "RENCANA AKSI ZONA INTEGRITAS KPU KOTA MAGELANG TAHUN 2023"


def test_kota_tree_with_several_langkah_and_bukti(magelang):
    tim = [r for r in magelang.rows if r.komponen == "Penyusunan Tim Kerja"]
    assert [(r.indikator_key, r.langkah_key, r.bukti_fisik) for r in tim] == [
        (0, 0, "SK Tim Kerja ZI 2023"),
        (0, 1, "Berita acara pemilihan anggota tim"),
        (0, 1, "Daftar hadir rapat pemilihan"),
    ]
    rencana = [r for r in magelang.rows if r.komponen == "Rencana Pembangunan Zona Integritas"]
    assert rencana[0].bukti_fisik == "- Dokumen rencana aksi\n- Undangan dan daftar hadir"
    assert rencana[1].bulan == [3, 6, 9, 12]
    assert rencana[1].target_waktu == "Maret, Juni, September, Desember 2023"
    # lower case after a page break, but with its own TARGET WAKTU: a real indikator
    assert rencana[2].indikator == "monitoring telah ditindaklanjuti dengan perbaikan"


def test_kota_page_break_shift_and_schedules(magelang):
    warnings = {w.line: w.message for w in magelang.warnings}
    kebutuhan = [r for r in magelang.rows if r.area == "III" and r.komponen_nomor == "1."]
    assert {r.komponen for r in kebutuhan} == {
        "Perencanaan Kebutuhan Pegawai Sesuai dengan kebutuhan organisasi"
    }
    assert len(kebutuhan) == 2
    assert warnings[67].startswith("Baris ini adalah lanjutan baris 63")
    shifted = next(r for r in magelang.rows if r.langkah_aksi == "Memanfaatkan aplikasi layanan")
    assert (shifted.indikator, shifted.bukti_fisik, shifted.bulan) == (
        "SPBE telah diterapkan", "Tangkapan layar aplikasi", [7],
    )  # fmt: skip
    assert warnings[61].startswith("Sel baris bergeser ke kiri 3 kolom")
    assert [r.bulan for r in magelang.rows if r.target_waktu == "Nopember 2023"] == [[11]]
    assert warnings[77].startswith("TARGET WAKTU 'segera setelah SK terbit' tidak terbaca")
    assert sorted(warnings) == [61, 67, 73, 77]


def test_monthly_variant_with_month_names_and_pj_column(sragen):
    assert sragen.format == "zi_bulanan"
    assert sragen.counts() == {
        "area": 2,
        "komponen": 4,
        "indikator": 5,
        "langkah_aksi": 5,
        "bukti_fisik": 9,
    }
    assert [(r.area, r.bukti_fisik, r.bulan, r.penanggung_jawab) for r in sragen.rows] == [
        ("I", "a. Undangan rapat pembentukan tim", [1], "Tim Manajemen Perubahan"),
        ("I", "b. Notulen rapat", [2], "Tim Manajemen Perubahan"),
        ("I", "c. SK Tim Kerja", [3], "Tim Manajemen Perubahan"),
        ("I", "a. Draf rencana aksi", [2], "Tim Manajemen Perubahan"),
        (
            "I",
            "b. SK rencana aksi yang ditandatangani oleh Ketua KPU Kabupaten Sragen",
            [3],
            "Tim Manajemen Perubahan",
        ),
        ("I", "c. Publikasi rencana aksi di laman", [3, 4], "Tim Manajemen Perubahan"),
        ("II", "Dokumen SOP", [10, 11], "Tim Tata Laksana"),
        ("II", "Laporan evaluasi SOP", [9, 10, 11, 12], "Tim Tata Laksana"),
        ("II", "Tangkapan layar aplikasi", [5, 6], "Tim Humas"),
    ]
    assert sragen.sk.tahun == 2023
    assert sragen.sk.nomor is None
    assert [(w.line, w.message[:40]) for w in sragen.warnings] == [
        (12, "Baris ini adalah lanjutan baris 9 yang t"),
        (16, "Tanda ✓ bergeser ke kanan 2 kolom (ada t"),
    ]


@pytest.fixture(scope="module")
def kudus_text():
    return (SAMPLES / "kudus-2022-rencana-kerja-zi.txt").read_text(encoding="utf-8")


def _leaves(hasil):
    return [(r.komponen, r.indikator, r.langkah_aksi, r.bukti_fisik, r.bulan) for r in hasil.rows]


def test_windows_line_ends_and_form_feeds_change_nothing(kudus_text):
    base = parse_lampiran(kudus_text)
    text = kudus_text.replace("\nNO\tKOMPONEN", "\n\fNO\tKOMPONEN").replace("\n", "\r\n")
    hasil = parse_lampiran(text)
    assert _leaves(hasil) == _leaves(base)
    assert [w.line for w in hasil.warnings] == [w.line for w in base.warnings]


def test_page_breaks_seen_as_blank_lines_when_headers_are_not_repeated(kudus_text):
    lines, seen = [], 0
    for line in kudus_text.split("\n"):
        if line.startswith(("NO\tKOMPONEN", "1\t2\t3\t4\t5\t6")):
            seen += 1
            if seen > 2:
                continue  # keep the first header and numbering row only
        lines.append(line)
    hasil = parse_lampiran("\n".join(lines))
    assert _leaves(hasil) == _leaves(parse_lampiran(kudus_text))


def test_table_pasted_alone(kudus_text):
    start = kudus_text.index("NO\tKOMPONEN")
    end = kudus_text.index("Ditetapkan di Kudus", start)
    hasil = parse_lampiran(kudus_text[start:end])
    assert _leaves(hasil) == _leaves(parse_lampiran(kudus_text))
    assert hasil.sk.nomor is None
    assert hasil.sk.tahun is None
