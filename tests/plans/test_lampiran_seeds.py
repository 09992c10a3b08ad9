"""The lampiran parser on the three real SK documents (``fixtures/lampiran``, copies of
the real SK texts). No database: the parser is pure Python.

Expected counts were established by reading the documents:

* Kudus and Tegal (ZI six-column): 6 areas; komponen per area 4, 3, 6, 2, 5, 3 = 23; one
  indikator/langkah aksi/bukti fisik per table row: 5 + 6 + 18 + 10 + 20 + 12 = 70 rows once
  Kudus' four page-break continuation rows are merged (Tegal has none).
* Karanganyar (ZI monthly): the extraction lost two komponen rows (area III ``4 Penetapan
  Kinerja Individu`` with its first two indikator, area V ``4 Whistle Blowing System``), so
  4 + 3 + 5 + 2 + 4 + 3 = 21 komponen are in the text; indikator 5 + 6 + 14 + 10 + 15 + 12 = 62
  (one langkah aksi each); bukti fisik after splitting ``a. … b. …`` cells: area I 4 + 6 + 6 + 6,
  II 5 + 8 + 4, III 14, IV 10, V 3 + 8 + 4 + 5, VI 4 + 6 + 3 = 96.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from plans.lampiran import parse_lampiran

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "lampiran"


def _parse(name: str):
    return parse_lampiran((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kudus():
    return _parse("kudus-2022-rencana-kerja-zi.txt")


@pytest.fixture(scope="module")
def tegal():
    return _parse("tegal-2022-rencana-aksi-zi.txt")


@pytest.fixture(scope="module")
def karanganyar():
    return _parse("karanganyar-2022-rencana-aksi-zi.txt")


def _row(hasil, start: str, field: str = "indikator"):
    matches = [r for r in hasil.rows if getattr(r, field).startswith(start)]
    assert len(matches) == 1, [r.line for r in matches]
    return matches[0]


def _messages(hasil) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in hasil.warnings]


# -- Kudus ------------------------------------------------------------------------------------
def test_kudus_format_and_counts(kudus):
    assert kudus.format == "zi"
    assert kudus.counts() == {
        "area": 6,
        "komponen": 23,
        "indikator": 70,
        "langkah_aksi": 70,
        "bukti_fisik": 70,
    }
    assert list(dict.fromkeys(r.area for r in kudus.rows)) == [
        "I", "II", "III", "IV", "V", "VI",
    ]  # fmt: skip


def test_kudus_sk_metadata(kudus):
    sk = kudus.sk
    assert sk.nomor == "11/HK.03.1/3319/2022"
    assert sk.tentang == (
        "RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI DAN "
        "WILAYAH BIROKRASI BERSIH DAN MELAYANI DI LINGKUNGAN KOMISI PEMILIHAN UMUM KABUPATEN "
        "KUDUS TAHUN 2022"
    )
    assert sk.tanggal == datetime.date(2022, 2, 8)
    assert sk.tempat == "Kudus"
    assert sk.ketua == "NAILY SYARIFAH"
    assert sk.pejabat_salinan == "Ayu Ngabekti"
    assert sk.pejabat_salinan_jabatan == "Kepala Sub Bagian Hukum Dan SDM"
    assert (sk.satker_jenis, sk.satker_wilayah, sk.tahun) == ("kabupaten", "Kudus", 2022)
    assert len(sk.menimbang) == 2
    assert sk.menimbang[0].startswith("bahwa dalam rangka")
    # 13 items: item 6 and item 9 are broken over blank lines and must be joined, not split.
    assert len(sk.mengingat) == 13
    assert "di Lingkungan Instansi Pemerintah (Berita Negara" in sk.mengingat[5]
    assert sk.mengingat[8].endswith(
        "Road Map Reformasi Birokrasi 2020-2024 (Berita Negara Republik Indonesia Tahun 2020 Nomor 441);"
    )
    assert sk.memperhatikan == []
    assert sk.menetapkan.startswith("KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN KUDUS TENTANG")
    assert [d["label"] for d in sk.diktum] == ["KESATU", "KEDUA"]
    assert sk.diktum[1]["isi"] == "Keputusan ini mulai berlaku sejak ditetapkan"
    assert [b["judul"] for b in sk.bab_lampiran] == [
        "1. PENDAHULUAN",
        "2. Dasar Hukum",
        "3. Proses Pembangunan Zona Integritas Menuju WBK/WBBM",
        "4. Maksud dan Tujuan",
        "5. Pengertian Umum",
        "6. Komponen Pengungkit Zona Integritas",
    ]
    assert "a. Manajemen Perubahan;\nb. Tata Laksana" in sk.bab_lampiran[0]["isi"]
    # a paragraph cut by a page break ("… dengan" / "menjadikan …") is one paragraph again
    assert "masyarakat dengan menjadikan keluhan masyarakat" in sk.bab_lampiran[5]["isi"]
    assert (
        sk.judul_tabel == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS KPU KABUPATEN KUDUS TAHUN 2022"
    )


def test_kudus_first_and_last_rows(kudus):
    first, last = kudus.rows[0], kudus.rows[-1]
    assert (first.area, first.area_nama) == (
        "I",
        "PEMBANGUNAN UNIT KERJA UNTUK MEMPEROLEH PREDIKAT MENUJU WBK/WBBM KPU",
    )
    assert (first.komponen_nomor, first.komponen) == ("1", "Tim Kerja")
    assert first.indikator == "Menerbitkan SK Tim Kerja / Kelompok Kerja"
    assert first.target_waktu == "Januari 2022"
    assert first.bulan == [1]
    assert first.line == 244
    assert first.penanggung_jawab == ""
    assert (last.area, last.komponen_nomor, last.komponen) == (
        "VI",
        "3.",
        "Penilaian Kepuasan Pelayanan",
    )
    assert last.indikator == "Dilakukan tindak lanjut atas hasil survey kepuasan masyarakat"
    assert last.bukti_fisik == "Analisis survei kepuasan masyarakat dan tindak lanjutnya"
    assert (last.target_waktu, last.bulan, last.line) == ("Mei 2022", [5], 361)


def test_kudus_page_break_continuations_are_merged(kudus):
    row = _row(kudus, "Para Pimpinan berperan")
    assert row.langkah_aksi == (
        "Pimpinan memberi teladan dengan mengisi/mencatat kehadiran setiap hari seperti "
        "pegawai lain, melaksanakan budaya kerja yang telah ditetapkan, serta mematuhi "
        "ketentuan selaku pejabat negara (Laporan LHKPN dan SPT)"
    )
    row = _row(kudus, "Pemanfaatan teknologi informasi dalam pengukuran")
    assert row.indikator == (
        "Pemanfaatan teknologi informasi dalam pengukuran kinerja unit, operasionalisasi SDM, "
        "dan Pemanfaatan IT telah dilakukan secara berkala"
    )
    row = _row(kudus, "Monitoring dan evaluasi terhadap penempatan")
    assert row.indikator == (
        "Monitoring dan evaluasi terhadap penempatan 2019 pegawai rekrutmen untuk memenuhi "
        "kebutuhan jabatan dalam organisasi telah memberikan"
    )
    row = _row(kudus, "Kebijakan pengaduan masyarakat")
    assert row.bukti_fisik == (
        "Banner Saluran Penyampaian Pengaduan Masyarakat melalui berbagai sarana yaitu:\n"
        "- Email\n- Whatsapp\n- Surat\n- aplikasi Wadul KPU Kudus"
    )
    merged = [line for line, m in _messages(kudus) if "lanjutan baris" in m]
    assert merged == [251, 261, 271, 324]


def test_kudus_real_rows_after_page_break_are_not_merged(kudus):
    agen = _row(kudus, "Telah menetapkan agen perubahan.")
    assert agen.line == 252
    assert agen.komponen == "Perubahan Pola Pikir dan Budaya Kerja"
    assert agen.komponen_key == _row(kudus, "Para Pimpinan").komponen_key
    assert agen.indikator_key != _row(kudus, "Para Pimpinan").indikator_key
    assert agen.langkah_aksi == "Membentuk dan Menetapkan SK Tim Agen Perubahan"
    lower = _row(kudus, "terdapat Indikator Kinerja Utama")  # lower case, after a page header
    assert lower.line == 305
    assert lower.bukti_fisik == "Renstra, RKT, RKA"


def test_kudus_markup_and_hyphenation(kudus):
    assert _row(kudus, "Timeline pemantauan").indikator.startswith("Timeline pemantauan")
    wbs = _row(kudus, "Evaluasi atas penerapan Whistle Blowing System")
    assert wbs.komponen == "Whistle Blowing System"
    assert wbs.target_waktu == "Maret, Juni, September, Desember 2022"
    assert wbs.bulan == [3, 6, 9, 12]
    assert "<" not in "".join(r.indikator + r.langkah_aksi + r.bukti_fisik for r in kudus.rows)
    row = _row(kudus, "Whistle Blowing System sudah diinternalisasikan")
    assert row.langkah_aksi.startswith(
        "Mensosialisasikan pedoman pelaksanaan Whistle Blowing System, serta"
    )


def test_kudus_months(kudus):
    assert _row(kudus, "Operasionalisasi manajemen SDM").bulan == list(range(1, 13))
    assert _row(kudus, "Timeline pemantauan").bulan == [4, 7, 10, 12]
    assert _row(kudus, "SOP telah mengacu").bulan == [5, 6]
    assert _row(kudus, "Terdapat Inovasi pelayanan").bulan == list(range(2, 13))
    empty = _row(kudus, "Monitoring dan evaluasi terhadap hasil pengembangan")
    assert empty.target_waktu == ""
    assert empty.bulan == []
    assert (283, "TARGET WAKTU kosong; bulan tidak dapat ditentukan.") in _messages(kudus)


def test_kudus_warnings_are_exactly_the_merges_and_empty_targets(kudus):
    assert [w.line for w in kudus.warnings] == [251, 261, 271, 282, 283, 324]


def test_kudus_tree_keys(kudus):
    keys = [r.komponen_key for r in kudus.rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == 23
    # Two indikator rows with the same langkah aksi text are still two langkah aksi nodes.
    same = [r for r in kudus.rows if r.langkah_aksi == "Menyusun LAKIP 2021"]
    assert len(same) == 3
    assert len({r.langkah_key for r in same}) == 3


# -- Tegal ------------------------------------------------------------------------------------
def test_tegal_format_counts_and_rows(tegal):
    assert tegal.format == "zi"
    assert tegal.counts() == {
        "area": 6,
        "komponen": 23,
        "indikator": 70,
        "langkah_aksi": 70,
        "bukti_fisik": 70,
    }
    first, last = tegal.rows[0], tegal.rows[-1]
    assert (first.area, first.area_nama, first.komponen) == (
        "I",
        "Area Manajemen Perubahan",
        "Tim Kerja",
    )
    assert first.target_waktu == "April Minggu ke 1 April 2022"
    assert first.bulan == [4]
    assert last.indikator == "Dilakukan tindak lanjut atas hasil survey kepuasan masyarakat"
    assert last.area_nama == "PENINGKATAN KUALITAS PELAYANAN PUBLIK"
    monev = _row(tegal, "Timeline pemantauan")
    assert monev.target_waktu == "April Minggu ke 3 April 2022, tiap triwulan minggu ke 3,4,5"
    assert monev.bulan == [4, 6, 9, 12]
    link = _row(tegal, "Pemberian pelayanan kepada publik")
    assert (
        "aplikasi layanan KPU Kota Tegal (bit.ly/layanankpukoteg), Lindungihakmu,"
        in link.bukti_fisik
    )
    # Tegal has the agen perubahan row on the same page: nothing to merge anywhere.
    assert not [w for w in tegal.warnings if "lanjutan" in w.message]


def test_tegal_sk_metadata_prefers_the_sk_signature(tegal):
    sk = tegal.sk
    assert sk.nomor == "5/2022"
    assert sk.tanggal == datetime.date(2022, 4, 13)
    assert (sk.tempat, sk.ketua) == ("Tegal", "ELVI YUNIARNI")
    assert sk.pejabat_salinan == "TRIMUR PUJASTANTO"
    assert sk.pejabat_salinan_jabatan == "Kepala Sub Bagian Hukum dan SDM"
    assert (sk.satker_jenis, sk.satker_wilayah, sk.tahun) == ("kota", "Tegal", 2022)
    assert (
        sk.tentang
        == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS DI LINGKUNGAN KOMISI PEMILIHAN UMUM KOTA TEGAL"
    )
    # the page-break teasers "Mengingat..." and "7. Peraturan..." are not items
    assert len(sk.mengingat) == 11
    assert sk.mengingat[6].startswith("Peraturan Komisi Pemilihan Umum Nomor 4 tahun 2010")
    assert len(sk.memperhatikan) == 1
    assert sk.memperhatikan[0].startswith("Surat Komisi")
    assert [d["label"] for d in sk.diktum] == ["KESATU", "KEDUA", "KETIGA"]
    assert sk.bab_lampiran == []
    assert [(w.line, w.message) for w in tegal.warnings] == [
        (
            204,
            "Nama pejabat pada blok salinan ini ('TRI MUR PUJIASTANTO') berbeda dari "
            "'TRIMUR PUJASTANTO' (baris 68); dipakai 'TRIMUR PUJASTANTO'.",
        )
    ]


# -- Karanganyar ------------------------------------------------------------------------------
def test_karanganyar_format_and_counts(karanganyar):
    assert karanganyar.format == "zi_bulanan"
    assert karanganyar.counts() == {
        "area": 6,
        "komponen": 21,
        "indikator": 62,
        "langkah_aksi": 62,
        "bukti_fisik": 96,
    }
    assert all(r.target_waktu == "" for r in karanganyar.rows)


def test_karanganyar_sk_metadata(karanganyar):
    sk = karanganyar.sk
    assert sk.nomor == "19 TAHUN 2022"
    assert sk.tentang == (
        "PENETAPAN RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS DI LINGKUNGAN KOMISI PEMILIHAN "
        "UMUM KABUPATEN KARANGANYAR TAHUN 2022"
    )
    assert sk.tanggal == datetime.date(2022, 5, 13)
    assert (sk.tempat, sk.ketua) == ("Karanganyar", "TRIASTUTI SURYANDARI")
    assert sk.pejabat_salinan == "Smaragung Wibowo"
    assert sk.pejabat_salinan_jabatan == "Kepala Sub Bagian Hukum dan Sumber Daya Manusia"
    assert (sk.satker_jenis, sk.satker_wilayah, sk.tahun) == ("kabupaten", "Karanganyar", 2022)
    assert len(sk.memperhatikan) == 2
    assert sk.memperhatikan[1].startswith("Berita Acara Rapat Pleno")
    assert sk.diktum[0]["isi"].endswith("bagian tidak terpisahkan dari Keputusan ini.")
    assert "Kabupaten Karanganyar Tahun 2022" in sk.diktum[0]["isi"]  # joined over a blank line
    assert (
        63,
        "Nama pejabat pada blok 'Salinan sesuai dengan aslinya' di bagian SK kosong atau tidak terbaca; dipakai nama dari blok baris 271 ('Smaragung Wibowo').",
    ) in _messages(karanganyar)


def test_karanganyar_first_and_last_rows(karanganyar):
    first, last = karanganyar.rows[0], karanganyar.rows[-1]
    assert (first.area, first.komponen, first.indikator) == (
        "I",
        "Tim Kerja",
        "Menerbitkan SK Tim Kerja",
    )
    assert first.area_nama == "Pembangunan unit kerja untuk memperoleh predikat menuju WBK/WBBM KPU"
    assert first.bukti_fisik == (
        "a. Undangan, Daftar hadir dan Dokumentasi Rapat Koordinasi ZI Pembentukan Tim Kerja"
    )
    assert first.bulan == [5]
    assert first.penanggung_jawab == "Tim Manajemen Perubahan"
    assert last.indikator == "Dilakukan tindaklanjut atas hasil survey kepuasan masyarakat"
    assert last.bulan == [5]
    assert last.penanggung_jawab == "Tim Peningkatan Kualitas Pelayanan Publik"


def test_karanganyar_one_cell_split_into_bukti_with_their_own_months(karanganyar):
    sop = [r for r in karanganyar.rows if r.komponen.startswith("Prosedur Operasional Standar")]
    assert [r.bukti_fisik[:2] for r in sop] == ["a.", "b.", "c.", "d.", "e."]
    assert sop[1].bukti_fisik == "b. Screenshot / foto ketersediaan SOP"
    assert sop[2].bukti_fisik == "c. Dokumen SOP"
    assert all(r.bulan == [6, 7] for r in sop)
    assert len({r.langkah_key for r in sop}) == 1
    assert sop[4].line == 132  # "e." after the page break is its own row
    # a., b., c. in one cell with one ✓ (May), d. after the page break in its own row (April)
    tim = [r for r in karanganyar.rows if r.komponen == "Tim Kerja"]
    assert [(r.bukti_fisik[:2], r.bulan) for r in tim] == [
        ("a.", [5]), ("b.", [5]), ("c.", [5]), ("d.", [4]),
    ]  # fmt: skip
    gratifikasi = [
        r for r in karanganyar.rows if r.indikator.startswith("Pengendalian Gratifikasi telah")
    ]
    assert [r.bukti_fisik for r in gratifikasi] == [
        "a. SK Unit Pengendalian Gratifikasi",
        "b. Laporan Hasil Monitoring Pengendalian Gratifikasi, Semester II Tahun 2021",
    ]


def test_karanganyar_months(karanganyar):
    rencana = [r for r in karanganyar.rows if r.komponen == "Dokumen Rencana Aksi"]
    assert [r.bulan for r in rencana] == [[5], [5], [6], [7], [5], [5]]
    spip = _row(karanganyar, "c. Kartu Kendali SPIP", "bukti_fisik")
    assert spip.bulan == list(range(1, 13))
    assert _row(karanganyar, "Data nominatif pegawai", "bukti_fisik").bulan == list(range(1, 13))
    # ✓ marks shifted one column to the right (a mark in the PJ column) are moved back
    e = _row(karanganyar, "e. Dokumen Tindak Lanjut", "bukti_fisik")
    assert e.bulan == [5, 7, 11, 12]
    assert (
        110,
        "Tanda ✓ bergeser ke kanan 1 kolom (ada tanda di luar kolom Desember); digeser kembali: Mei, Jul, Nov, Des.",
    ) in _messages(karanganyar)
    # a ✓ past the grid that cannot be moved back without pushing January out is dropped
    teladan = _row(karanganyar, "SK Satyalencana", "bukti_fisik")
    assert teladan.bulan == [1]
    assert any(line == 177 and "tidak dapat ditempatkan" in m for line, m in _messages(karanganyar))
    assert _row(karanganyar, "SK Pegawai Berprestasi 2021", "bukti_fisik").bulan == []


def test_karanganyar_langkah_split_by_page_break_with_next_bukti(karanganyar):
    rows = [
        r
        for r in karanganyar.rows
        if r.indikator.startswith("Monitoring dan evaluasi pelaksanaan kebijakan")
    ]
    assert [r.bukti_fisik[:2] for r in rows] == ["a.", "b.", "c."]
    assert rows[0].langkah_aksi == (
        "Melaksanakan rapat monitoring/evaluasi terkait keterbukaan informasi pada KPU "
        "Kabupaten Karanganyar"
    )
    assert len({r.langkah_key for r in rows}) == 1
    assert [r.bulan for r in rows] == [[2], [1], [1]]


def test_karanganyar_penanggung_jawab_per_area(karanganyar):
    per_area = {r.area: r.penanggung_jawab for r in karanganyar.rows}
    assert per_area == {
        "I": "Tim Manajemen Perubahan",
        "II": "Tim Penataan Tata Laksana",  # written on a row of its own after the rows
        "III": "Tim Penataan Sistem Manajemen SDM/ASN",  # two columns to the right
        "IV": "Tim Penguatan Akuntabilitas Kinerja",
        "V": "Tim Pengawasan",
        "VI": "Tim Peningkatan Kualitas Pelayanan Publik",  # one column to the left
    }
    assert len({r.penanggung_jawab for r in karanganyar.rows if r.area == "II"}) == 1


def test_karanganyar_reports_what_the_extraction_lost(karanganyar):
    messages = _messages(karanganyar)
    jumps = [line for line, m in messages if "melompat ke 5; nomor 4 tidak ada" in m]
    assert jumps == [178, 225]
    assert any(line == 222 and m.startswith("NO '1' tanpa isi KOMPONEN") for line, m in messages)
    wbs = _row(karanganyar, "Whistle Blowing System telah diterapkan")
    assert wbs.komponen == "Pengaduan Masyarakat"  # kept under the komponen above, and reported
    no_marks = [line for line, m in messages if "tidak punya tanda ✓" in m]
    assert no_marks == [145, 249, 250, 251, 252]
