"""Focused tests, one rule at a time, on small synthetic tables (no database)."""

from __future__ import annotations

import pytest

from plans.lampiran import parse_lampiran
from plans.lampiran.builder import split_items
from plans.lampiran.table import detect_area, match_header, read_table
from plans.lampiran.text import clean_cell, dehyphenate, join_text

HEADER = "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU"
NUMBERS = "1\t2\t3\t4\t5\t6"
PAGE = ["", HEADER, NUMBERS]  # what the extraction writes at every page break


def table(*rows: str) -> str:
    return "\n".join(["RENCANA AKSI ZONA INTEGRITAS TAHUN 2023", "", HEADER, NUMBERS, *rows])


def messages(hasil) -> list[str]:
    return [f"{w.line}: {w.message}" for w in hasil.warnings]


# -- headers ----------------------------------------------------------------------------------
def test_header_is_found_by_column_names_not_position():
    roles = match_header(
        ["", "No.", "Komponen", "", "Indikator", "Langkah Aksi", "Bukti Fisik", "Target Waktu", ""]
    )
    assert roles == {"no": 1, "komponen": 2, "indikator": 4, "langkah": 5, "bukti": 6, "target": 7}
    assert match_header(["No.", "Area Perubahan", "Sub Kegiatan", "Indikator Keberhasilan", "Waktu"]) == {
        "no": 0, "area": 1, "sub_kegiatan": 2, "indikator": 3, "target": 4,
    }  # fmt: skip
    assert match_header(["Nama", "Alamat", "Indikator"]) is None
    assert match_header(["1", "2", "3", "4", "5", "6"]) is None


def test_repeated_headers_and_numbering_rows_are_skipped():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN\t\t\t\t",
            "1\tTim Kerja\tSK tim ditetapkan\tMenyusun SK\tSK Tim\tJanuari 2023",
            *PAGE,
            "2\tRencana Aksi\tRencana aksi disusun\tMenyusun rencana\tDokumen rencana\tFebruari 2023",
            *PAGE,
            "(1)\t(2)\t(3)\t(4)\t(5)\t(6)",
            "3\tMonev\tMonev dilakukan\tRapat monev\tLaporan monev\tMaret 2023",
        )
    )
    assert [r.komponen for r in hasil.rows] == ["Tim Kerja", "Rencana Aksi", "Monev"]
    assert hasil.warnings == []


def test_header_rows_with_extra_empty_cells_keep_the_columns():
    text = "\n".join(
        [
            HEADER + "\t\t\t",
            NUMBERS + "\t\t",
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim Kerja\tSK tim ditetapkan\tMenyusun SK\tSK Tim\tJanuari 2023\t\t",
        ]
    )
    hasil = parse_lampiran(text)
    assert hasil.rows[0].target_waktu == "Januari 2023"
    assert hasil.rows[0].bulan == [1]


# -- area rows --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["I", "PEMBANGUNAN UNIT KERJA", "", ""], ("I", "PEMBANGUNAN UNIT KERJA")),
        (["II PENATAAN TATA LAKSANA", "", "", ""], ("II", "PENATAAN TATA LAKSANA")),
        ([clean_cell("<b>III</b>"), clean_cell("<b>Area SDM</b>"), ""], ("III", "Area SDM")),
        (["IV. Penguatan Akuntabilitas", ""], ("IV", "Penguatan Akuntabilitas")),
        (["B.", "PENATAAN TATALAKSANA", ""], ("II", "PENATAAN TATALAKSANA")),
        (["", "PENGUATAN PENGAWASAN", ""], (None, "PENGUATAN PENGAWASAN")),
        (["1", "Tim Kerja", "SK", "Menyusun", "SK", "Jan"], None),
        (["", "", "budaya kerja yang telah", "", ""], None),
        (["I", "", ""], None),
    ],
)
def test_area_rows(cells, expected):
    tabel = read_table([HEADER, "1\tTim\tInd\tLangkah\tBukti\tJanuari 2023"])
    assert detect_area(cells, tabel.rows[0].kolom) == expected


# -- continuation vs real row -----------------------------------------------------------------
def test_cell_cut_by_page_break_is_merged_cell_by_cell():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tPola Pikir\tPimpinan menjadi role model\tPimpinan memberi teladan dan\tDaftar hadir; Banner\tJanuari-Desember 2023",
            *PAGE,
            "\t\t\tmelaksanakan budaya kerja\tbudaya kerja\t",
            "\t\tTelah menetapkan agen perubahan.\tMembentuk tim agen\tSK agen\tJanuari 2023",
        )
    )
    assert len(hasil.rows) == 2
    first, second = hasil.rows
    assert first.langkah_aksi == "Pimpinan memberi teladan dan melaksanakan budaya kerja"
    assert first.bukti_fisik == "Daftar hadir; Banner budaya kerja"
    assert second.indikator == "Telah menetapkan agen perubahan."
    assert second.line == 11
    assert messages(hasil) == [
        "10: Baris ini adalah lanjutan baris 6 yang terpotong pergantian halaman (sel LANGKAH AKSI, BUKTI FISIK); digabung ke baris itu."
    ]


def test_komponen_name_split_by_page_break():
    hasil = parse_lampiran(
        table(
            "III\tPENATAAN SISTEM MANAJEMEN SDM",
            "1\tPerencanaan Kebutuhan Pegawai Sesuai dengan\tKebutuhan pegawai mengacu peta jabatan\tMenyusun analisa\tSurat usulan\tApril 2023",
            *PAGE,
            "\tkebutuhan\t\t\t\t",
            "\t\tPenempatan pegawai sesuai kebutuhan\tMenempatkan pegawai\tSK penempatan\tMei 2023",
        )
    )
    assert [r.komponen for r in hasil.rows] == [
        "Perencanaan Kebutuhan Pegawai Sesuai dengan kebutuhan"
    ] * 2
    assert hasil.counts()["komponen"] == 1
    assert hasil.counts()["indikator"] == 2


def test_real_rows_after_page_break_are_not_merged():
    hasil = parse_lampiran(
        table(
            "IV\tPENGUATAN AKUNTABILITAS",
            "1\tPengelolaan Akuntabilitas\tdokumen perencanaan sudah ada\tMenyusun Renstra\tRenstra\tJanuari 2023",
            *PAGE,
            # lower case, but it has its own TARGET WAKTU: a real row
            "\t\tterdapat IKU yang SMART\tMenyusun IKU\tIKU\tJanuari 2023",
            *PAGE,
            # no TARGET WAKTU, but complete, capitalised, and the row above ends a sentence
            "\t\tLaporan kinerja disusun tepat waktu\tMenyusun LAKIP\tLAKIP 2022.\t",
        )
    )
    assert [r.indikator for r in hasil.rows] == [
        "dokumen perencanaan sudah ada",
        "terdapat IKU yang SMART",
        "Laporan kinerja disusun tepat waktu",
    ]
    assert not any("lanjutan" in m for m in messages(hasil))


def test_without_page_break_a_lone_cell_is_not_merged_but_reported():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim Kerja\tTim dibentuk\tMenyusun SK dan\tSK Tim\tJanuari 2023",
            "\t\t\tmemilih anggota\t\t",
        )
    )
    assert hasil.counts()["langkah_aksi"] == 2
    assert hasil.rows[0].langkah_aksi == "Menyusun SK dan"
    assert any("Sel BUKTI FISIK kosong" in m for m in messages(hasil))


def test_list_item_continues_a_list_cell():
    hasil = parse_lampiran(
        table(
            "V\tPENGUATAN PENGAWASAN",
            '3\tPengaduan\tKebijakan pengaduan\tSosialisasi\tBanner saluran: <ul style="x"> - Email - Whatsapp\tFebruari 2023',
            *PAGE,
            "\t\t\t\t- aplikasi <u>Wadul</u>\t",
        )
    )
    assert hasil.rows[0].bukti_fisik == "Banner saluran:\n- Email\n- Whatsapp\n- aplikasi Wadul"


def test_word_hyphenated_across_the_page_break_is_rejoined():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK pelak-\tSK\tJanuari 2023",
            *PAGE,
            "\t\t\tsanaan tim\t\t",
        )
    )
    assert hasil.rows[0].langkah_aksi == "Menyusun SK pelaksanaan tim"


def test_spanning_cells_make_the_tree():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "\t\t\t\tDaftar hadir\tJanuari 2023",  # second bukti of the same langkah
            "\t\t\tMemilih anggota\tBerita acara\tJanuari 2023",  # second langkah, same indikator
            "\t\tTim bekerja\tRapat\tNotulen\tMaret 2023",  # second indikator
        )
    )
    keys = [(r.komponen_key, r.indikator_key, r.langkah_key) for r in hasil.rows]
    assert keys == [(0, 0, 0), (0, 0, 0), (0, 0, 1), (0, 1, 2)]
    assert hasil.counts() == {
        "area": 1,
        "komponen": 1,
        "indikator": 2,
        "langkah_aksi": 3,
        "bukti_fisik": 4,
    }


def test_komponen_number_jump_is_reported():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "3\tMonev\tMonev dilakukan\tRapat\tLaporan\tMaret 2023",
        )
    )
    assert any("melompat ke 3; nomor 2 tidak ada" in m for m in messages(hasil))


# -- shifted rows -----------------------------------------------------------------------------
def test_row_shifted_left_is_repaired_when_the_last_cell_is_a_month():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "\tTim bekerja\tRapat koordinasi\tNotulen rapat\tApril 2023\t",
        )
    )
    row = hasil.rows[1]
    assert (row.indikator, row.langkah_aksi, row.bukti_fisik) == (
        "Tim bekerja",
        "Rapat koordinasi",
        "Notulen rapat",
    )
    assert (row.target_waktu, row.bulan) == ("April 2023", [4])
    assert messages(hasil) == [
        "7: Sel baris bergeser ke kanan 1 kolom (TARGET WAKTU 'April 2023' berada di BUKTI FISIK); diperbaiki dengan menggeser kembali semua sel.".replace(
            "kanan", "kiri"
        )
    ]


def test_row_shifted_right_is_repaired():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "\t\t\tTim bekerja\tRapat koordinasi\tNotulen rapat\tApril 2023",
        )
    )
    row = hasil.rows[1]
    assert (row.indikator, row.bukti_fisik, row.bulan) == ("Tim bekerja", "Notulen rapat", [4])
    assert "bergeser ke kanan 1 kolom" in messages(hasil)[0]


def test_unclear_shift_keeps_the_text_and_warns():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            # text past the last column and no month to anchor a shift
            "\t\tTim bekerja\tRapat koordinasi\tNotulen rapat\tMaret 2023\tcatatan tambahan",
        )
    )
    row = hasil.rows[1]
    assert row.target_waktu == "Maret 2023 catatan tambahan"
    assert any(
        m.startswith("7: Teks 'catatan tambahan' berada di kolom 7") for m in messages(hasil)
    )


def test_target_that_is_no_schedule_is_reported_with_a_hint():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tLaporan pelaksanaan kegiatan tim kerja zona integritas",
        )
    )
    assert hasil.rows[0].bulan == []
    assert "mungkin sel baris ini bergeser ke kanan" in messages(hasil)[0]


# -- markup, lists, hyphenation ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<i>Whistle Blowing System</i> , serta", "Whistle Blowing System, serta"),
        ('layanan ( <a href="http://bit.ly/x">bit.ly/x</a> ), dan', "layanan (bit.ly/x), dan"),
        ("aplikasi <u>Wadul KPU</u>", "aplikasi Wadul KPU"),
        ("<b>I</b>", "I"),
        ("**RENCANA AKSI**", "RENCANA AKSI"),
        ("*Grand Design* Reformasi", "Grand Design Reformasi"),
        ("SOP &amp; SK", "SOP & SK"),
        ("a  b\u00a0 c", "a b c"),
        ("<ul><li>Satu</li><li>Dua</li></ul>", "- Satu\n- Dua"),
        (
            "Sarana: <ul style='list-style-type: none'> - Email - Surat </ul>",
            "Sarana:\n- Email\n- Surat",
        ),
        ("- Konten edukasi - Halaman masukan", "- Konten edukasi\n- Halaman masukan"),
        ("E- Office", "E- Office"),
    ],
)
def test_clean_cell(raw, clean):
    assert clean_cell(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Maret, Juni, Septem-ber, Desember 2022", "Maret, Juni, September, Desember 2022"),
        ("Feb-Des 2022", "Feb-Des 2022"),
        ("Per-bulan (Januari-Desember)", "Per-bulan (Januari-Desember)"),
        (
            "masing-masing unit-unit perundang-undangan",
            "masing-masing unit-unit perundang-undangan",
        ),
        ("e-PPID", "e-PPID"),
        ("pelaksa- naan", "pelaksanaan"),
        ("masing- masing", "masing- masing"),
    ],
)
def test_dehyphenate(raw, clean):
    assert dehyphenate(raw) == clean


def test_join_text():
    assert join_text("Septem-", "ber 2022") == "September 2022"
    assert join_text("Januari-", "Desember") == "Januari-Desember"
    assert join_text("kinerja unit,", "operasionalisasi") == "kinerja unit, operasionalisasi"
    assert join_text("yaitu:\n- Email", "- Surat") == "yaitu:\n- Email\n- Surat"


# -- monthly cells ----------------------------------------------------------------------------
def test_split_items():
    assert split_items("a. Undangan, daftar hadir b. Risalah rapat c. SK") == [
        ("a", "a. Undangan, daftar hadir"),
        ("b", "b. Risalah rapat"),
        ("c", "c. SK"),
    ]
    assert split_items("a. SK Unit, b. Laporan, Semester II") == [
        ("a", "a. SK Unit"),
        ("b", "b. Laporan, Semester II"),
    ]
    assert split_items("SK mutasi (a.n. Yuli) dan b. lain") == [
        ("", "SK mutasi (a.n. Yuli) dan b. lain")
    ]
    assert split_items("d. SK Tim Kerja") == [("d", "d. SK Tim Kerja")]
    assert split_items("a. Satu c. Tiga") == [("a", "a. Satu c. Tiga")]


MONTHLY_HEADER = (
    "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tPELAKSANAAN BULAN"
    + "\t" * 11
    + "\tPENANGGUNG JAWAB"
)
MONTH_ROW = "\t\t\t\t\t" + "\t".join(str(m) for m in range(1, 13)) + "\t"


def monthly(no, k, i, la, b, months=(), pj="", shift=0):
    cells = [no, k, i, la, b] + [""] * 16
    cells[17 + shift] = pj  # a shifted row moves its PJ too
    for month in months:
        cells[4 + month + shift] = "√"
    return "\t".join(cells)


def test_monthly_cell_split_takes_months_from_the_rows_of_marks():
    hasil = parse_lampiran(
        "\n".join(
            [
                MONTHLY_HEADER,
                MONTH_ROW,
                "II Penataan Tata Laksana" + "\t" * 17,
                monthly(
                    "1",
                    "SOP",
                    "SOP dipahami",
                    "Sosialisasi SOP",
                    "a. Undangan b. Foto SOP c. Dokumen SOP",
                    [6],
                ),
                monthly("", "", "", "", "", [7]),
                monthly("", "", "", "", "", [8]),
                monthly("", "", "", "", "", [], pj="Tim Tata Laksana"),
            ]
        )
    )
    assert hasil.format == "zi_bulanan"
    assert [(r.bukti_fisik, r.bulan) for r in hasil.rows] == [
        ("a. Undangan", [6]),
        ("b. Foto SOP", [7]),
        ("c. Dokumen SOP", [8]),
    ]
    assert {r.penanggung_jawab for r in hasil.rows} == {"Tim Tata Laksana"}
    assert hasil.warnings == []


def test_monthly_marks_shifted_past_december_are_moved_back():
    hasil = parse_lampiran(
        "\n".join(
            [
                MONTHLY_HEADER,
                MONTH_ROW,
                "I\tManajemen Perubahan" + "\t" * 16,
                monthly(
                    "1",
                    "Tim",
                    "Tim dibentuk",
                    "Menyusun SK",
                    "SK Tim",
                    [10, 12],
                    pj="Tim MP",
                    shift=1,
                ),
                monthly("", "", "", "", "Notulen", [1, 12], shift=0) + "\t√",
            ]
        )
    )
    assert hasil.rows[0].bulan == [10, 12]
    assert hasil.rows[1].bulan == [1, 12]
    text = messages(hasil)
    assert text == [
        "4: Penanggung jawab 'Tim MP' berada di kolom 19, bukan kolom PENANGGUNG JAWAB (18); tetap dibaca sebagai penanggung jawab.",
        "4: Tanda ✓ bergeser ke kanan 1 kolom (ada tanda di luar kolom Desember); digeser kembali: Okt, Des.",
        "5: 1 tanda ✓ berada di luar kolom bulan dan tidak dapat ditempatkan tanpa menebak; diabaikan. Bulan yang dipakai: Jan, Des.",
    ]
    assert hasil.rows[1].penanggung_jawab == "Tim MP"


# -- columns other satkers add ----------------------------------------------------------------
def test_keterangan_column_is_not_read_as_a_shifted_cell():
    text = "\n".join(
        [
            HEADER + "\tKETERANGAN",
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023\tsudah",
        ]
    )
    hasil = parse_lampiran(text)
    assert hasil.rows[0].target_waktu == "Januari 2023"
    assert messages(hasil) == [
        "1: Kolom 'KETERANGAN' (kolom 7) tidak ada tempatnya di rencana aksi; isinya tidak diimpor."
    ]


def test_penanggung_jawab_column_in_the_six_column_format():
    text = "\n".join(
        [
            HEADER + "\tPENANGGUNG JAWAB",
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023\tSubbag Hukum",
            "\t\tTim bekerja\tRapat\tNotulen\tMaret 2023\t",
            "2\tMonev\tMonev dilakukan\tRapat\tLaporan\tJuni 2023\tSubbag Teknis",
        ]
    )
    hasil = parse_lampiran(text)
    assert [r.penanggung_jawab for r in hasil.rows] == [
        "Subbag Hukum",
        "Subbag Hukum",
        "Subbag Teknis",
    ]


def test_number_and_komponen_name_in_one_cell():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1. Tim Kerja\t\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
        )
    )
    assert (hasil.rows[0].komponen_nomor, hasil.rows[0].komponen) == ("1.", "Tim Kerja")
    assert hasil.warnings == []


def test_monthly_grid_with_roman_months_and_pj_on_the_area_row():
    header = "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tBULAN" + "\t" * 11 + "\tPJ"
    romans = (
        "\t\t\t\t\t"
        + "\t".join(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])
        + "\t"
    )
    area = "I\tManajemen Perubahan" + "\t" * 15 + "\tTim Manajemen Perubahan"
    hasil = parse_lampiran(
        "\n".join(
            [
                header,
                romans,
                area,
                monthly("1", "Tim", "Tim dibentuk", "Menyusun SK", "SK Tim", [2, 3]),
            ]
        )
    )
    assert hasil.format == "zi_bulanan"
    row = hasil.rows[0]
    assert (row.area, row.area_nama, row.bulan) == ("I", "Manajemen Perubahan", [2, 3])
    assert row.penanggung_jawab == "Tim Manajemen Perubahan"


def test_komponen_repeated_on_every_row_is_one_komponen():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim Kerja\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "\tTim Kerja\tTim bekerja\tRapat\tNotulen\tMaret 2023",
            "1\tTim Kerja\tTim dievaluasi\tEvaluasi\tLaporan\tJuni 2023",
            "2\tRencana Aksi\tRencana disusun\tMenyusun\tDokumen\tJuli 2023",
        )
    )
    assert hasil.counts()["komponen"] == 2
    assert hasil.counts()["indikator"] == 4
    assert hasil.warnings == []


def test_indikator_sub_numbers_are_not_komponen_numbers():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim Kerja\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "1.2\t\tTim bekerja\tRapat\tNotulen\tMaret 2023",
        )
    )
    assert hasil.counts()["komponen"] == 1
    assert hasil.counts()["indikator"] == 2
    assert hasil.warnings == []


def test_title_case_area_row_without_numeral_gets_the_next_numeral():
    hasil = parse_lampiran(
        table(
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim Kerja\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
            "\tArea Penataan Tatalaksana\t\t\t\t",
            "1\tSOP\tSOP disusun\tMenyusun SOP\tSOP\tFebruari 2023",
        )
    )
    assert [(r.area, r.area_nama) for r in hasil.rows] == [
        ("I", "MANAJEMEN PERUBAHAN"),
        ("II", "Area Penataan Tatalaksana"),
    ]
    assert messages(hasil) == [
        "7: Baris area 'Area Penataan Tatalaksana' tanpa nomor romawi; diberi nomor II."
    ]


def test_kegiatan_column_in_a_zi_table_is_the_langkah_aksi():
    text = "\n".join(
        [
            "NO\tKOMPONEN\tINDIKATOR\tKEGIATAN\tBUKTI DUKUNG\tWAKTU",
            "I\tMANAJEMEN PERUBAHAN",
            "1\tTim Kerja\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2023",
        ]
    )
    hasil = parse_lampiran(text)
    assert hasil.format == "zi"
    assert (hasil.rows[0].langkah_aksi, hasil.rows[0].bukti_fisik) == ("Menyusun SK", "SK Tim")


def test_rb_table_numbering_every_row_and_titling_sub_kegiatan_rencana_aksi():
    text = "\n".join(
        [
            "No\tArea Perubahan\tRencana Aksi\tIndikator Keberhasilan\tWaktu",
            "1\tManajemen Perubahan\tPembentukan tim\tSK tim ditetapkan\tJanuari 2024",
            "2\t\t\tRapat tim terlaksana\tMaret 2024",
            "3\tPenataan Organisasi\tEvaluasi kelembagaan\tLaporan evaluasi\tApril 2024",
        ]
    )
    hasil = parse_lampiran(text)
    assert hasil.format == "rb"
    assert [(r.area, r.langkah_aksi, r.indikator) for r in hasil.rows] == [
        ("I", "Pembentukan tim", "SK tim ditetapkan"),
        ("I", "Pembentukan tim", "Rapat tim terlaksana"),
        ("II", "Evaluasi kelembagaan", "Laporan evaluasi"),
    ]
    assert hasil.warnings == []
