"""The RB five-column format (Rencana Aksi Reformasi Birokrasi). No real sample exists, so
``data/lampiran/rb-boyolali-2023.txt`` is a synthetic document written from docs/architecture.md §1: eight
areas in an "Area Perubahan" column filled on each area's first row, sub kegiatan spanning
several indikator rows, headers repeated at page breaks, a sub kegiatan cut by a page break,
markup, one row shifted left and one shifted right, a Waktu that is no schedule, an empty one,
and a certifying official's name in a broken font encoding.

Counts by reading the fixture: 8 areas; sub kegiatan per area 3, 2, 2, 2, 3, 2, 3, 2 = 19;
indikator per area 6, 3, 3, 4, 6, 4, 5, 4 = 35.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from plans.lampiran import parse_lampiran

DATA = Path(__file__).resolve().parent / "data" / "lampiran"


@pytest.fixture(scope="module")
def rb():
    return parse_lampiran((DATA / "rb-boyolali-2023.txt").read_text(encoding="utf-8"))


def _warnings(hasil) -> dict[int, str]:
    return {w.line: w.message for w in hasil.warnings}


def test_format_and_counts(rb):
    assert rb.format == "rb"
    assert rb.counts() == {
        "area": 8,
        "komponen": 0,
        "indikator": 35,
        "langkah_aksi": 19,
        "bukti_fisik": 0,
    }
    assert [r.area for r in rb.rows[:1]] == ["1"]
    assert list(dict.fromkeys((r.area, r.area_nama) for r in rb.rows)) == [
        ("1", "Manajemen Perubahan"),
        ("2", "Penguatan Peraturan Perundang-undangan/ Deregulasi Kebijakan"),
        ("3", "Penataan Organisasi/ Kelembagaan"),
        ("4", "Penguatan Tata Laksana"),
        ("5", "Penguatan Sistem Manajemen SDM ASN"),
        ("6", "Penguatan Akuntabilitas Kinerja"),
        ("7", "Penguatan Pengawasan"),
        ("8", "Pelayanan Publik"),
    ]


def test_rows_map_sub_kegiatan_to_langkah_aksi(rb):
    first = rb.rows[0]
    assert (first.komponen, first.komponen_nomor, first.bukti_fisik) == ("", "", "")
    assert first.langkah_aksi == "Penyusunan Tim Reformasi Birokrasi"
    assert first.indikator == "SK Tim Reformasi Birokrasi KPU Kabupaten Boyolali ditetapkan"
    assert (first.target_waktu, first.bulan, first.line) == ("Januari 2023", [1], 68)
    second = rb.rows[1]
    assert second.langkah_key == first.langkah_key
    assert second.indikator_key != first.indikator_key
    assert second.bulan == [3, 6, 9, 12]
    # RB has no komponen: the key is the area's, one implicit komponen per area
    assert {r.komponen_key for r in rb.rows} == {r.area_key for r in rb.rows} == set(range(8))
    last = rb.rows[-1]
    assert (last.area, last.langkah_aksi, last.target_waktu, last.bulan) == (
        "8", "Inovasi pelayanan", "", [],
    )  # fmt: skip


def test_continuation_and_markup(rb):
    cut = [r for r in rb.rows if r.langkah_aksi.startswith("Identifikasi dan pemetaan")]
    assert len(cut) == 2
    assert len({r.langkah_key for r in cut}) == 1
    assert cut[0].langkah_aksi == (
        "Identifikasi dan pemetaan keputusan yang disharmonis di lingkungan KPU Kabupaten Boyolali"
    )
    assert _warnings(rb)[78].startswith("Baris ini adalah lanjutan baris 74")
    spbe = [r for r in rb.rows if r.langkah_aksi.startswith("Penerapan SPBE")]
    assert spbe[0].indikator == (
        "- Layanan e-PPID berjalan\n- Aplikasi SIPOL dan SIDALIH dimanfaatkan"
    )
    jdih = next(r for r in rb.rows if r.langkah_aksi == "Publikasi produk hukum melalui JDIH")
    assert jdih.indikator == "Produk hukum tahun 2023 diunggah ke JDIH KPU Kabupaten Boyolali"
    assert jdih.bulan == list(range(1, 13))
    nilai = next(r for r in rb.rows if r.langkah_aksi.startswith("Internalisasi nilai"))
    assert nilai.langkah_aksi == "Internalisasi nilai Profesional, Mandiri dan Berintegritas"


def test_shifted_rows_are_repaired(rb):
    left = next(r for r in rb.rows if r.indikator == "Evaluasi SKP triwulanan")
    assert (left.langkah_aksi, left.target_waktu, left.bulan) == (
        "Penilaian kinerja pegawai", "Juni 2023", [6],
    )  # fmt: skip
    right = next(r for r in rb.rows if r.indikator.startswith("Penanganan pengaduan"))
    assert (right.langkah_aksi, right.bulan) == ("Penerapan SPIP", [8])
    warnings = _warnings(rb)
    assert warnings[96] == (
        "Sel baris bergeser ke kiri 1 kolom (Waktu 'Juni 2023' berada di Indikator "
        "Keberhasilan); diperbaiki dengan menggeser kembali semua sel."
    )
    assert "bergeser ke kanan 1 kolom" in warnings[107]


def test_unreadable_schedules_are_reported(rb):
    warnings = _warnings(rb)
    assert warnings[108].startswith("Waktu 'sesuai jadwal KPU RI' tidak terbaca sepenuhnya")
    assert warnings[112] == "Waktu kosong; bulan tidak dapat ditentukan."
    triwulan = next(r for r in rb.rows if r.target_waktu == "Triwulan I")
    assert triwulan.bulan == [1, 2, 3]


def test_sk_with_spaced_tentang_and_broken_font_signature(rb):
    sk = rb.sk
    assert sk.nomor == "16 TAHUN 2023"
    assert sk.tentang == (
        "RENCANA AKSI REFORMASI BIROKRASI DI LINGKUNGAN KOMISI PEMILIHAN UMUM KABUPATEN "
        "BOYOLALI TAHUN 2023"
    )
    assert (sk.tanggal, sk.tempat, sk.ketua) == (
        datetime.date(2023, 1, 16),
        "Boyolali",
        "PUTRI HANDAYANI",
    )
    assert (sk.satker_jenis, sk.satker_wilayah, sk.tahun) == ("kabupaten", "Boyolali", 2023)
    assert sk.pejabat_salinan is None  # never invented from the garbled glyphs
    assert sk.pejabat_salinan_jabatan == "Kepala Sub Bagian Hukum dan Sumber Daya Manusia"
    warnings = _warnings(rb)
    assert warnings[54].startswith("Nama pejabat salinan tidak terbaca (encoding huruf rusak")
    assert warnings[46].startswith("Nama pejabat pada blok 'Salinan sesuai dengan aslinya' kosong")
    assert len(sk.mengingat) == 4  # the "3. Peraturan..." teaser is not an item
    assert sk.mengingat[2].endswith("(Berita Negara Republik Indonesia Tahun 2020 Nomor 441);")
    assert sk.judul_tabel == "RENCANA AKSI REFORMASI BIROKRASI KPU KABUPATEN BOYOLALI TAHUN 2023"


GROUP_ROWS = """No.\tArea Perubahan\tSub Kegiatan\tIndikator Keberhasilan\tWaktu
No.\tSub Kegiatan\tIndikator Keberhasilan\tWaktu
1\t2\t3\t4
I. Manajemen Perubahan\t\t\t
1\tPembentukan tim RB\tSK tim RB ditetapkan\tJanuari 2024
\t\tRapat tim RB terlaksana\tMaret 2024
2\tPenyusunan road map\tRoad map RB tersusun\tApril 2024
II\tPenguatan Tata Laksana\t\t
1\tPenerapan SOP\tSOP ditetapkan\tMei 2024

No.\tSub Kegiatan\tIndikator Keberhasilan\tWaktu
1\t2\t3\t4
\t\tSOP dievaluasi\tNovember 2024
3\tPelayanan Publik\t\t
1\tSurvei kepuasan\tSurvei dilaksanakan\tJuni 2024
"""


def test_rb_with_area_group_rows_instead_of_an_area_column():
    text = "\n".join(GROUP_ROWS.split("\n")[1:])  # the table without an Area Perubahan column
    hasil = parse_lampiran(text)
    assert hasil.format == "rb"
    assert [(r.area, r.area_nama, r.langkah_aksi, r.indikator) for r in hasil.rows] == [
        ("I", "Manajemen Perubahan", "Pembentukan tim RB", "SK tim RB ditetapkan"),
        ("I", "Manajemen Perubahan", "Pembentukan tim RB", "Rapat tim RB terlaksana"),
        ("I", "Manajemen Perubahan", "Penyusunan road map", "Road map RB tersusun"),
        ("II", "Penguatan Tata Laksana", "Penerapan SOP", "SOP ditetapkan"),
        ("II", "Penguatan Tata Laksana", "Penerapan SOP", "SOP dievaluasi"),
        ("3", "Pelayanan Publik", "Survei kepuasan", "Survei dilaksanakan"),
    ]
    assert hasil.counts() == {
        "area": 3, "komponen": 0, "indikator": 6, "langkah_aksi": 4, "bukti_fisik": 0,
    }  # fmt: skip
    assert hasil.warnings == []
