"""SK metadata rules on small synthetic decrees (no database)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from plans.lampiran import parse_lampiran
from plans.lampiran.signature import parse_tanggal, unreadable

SEED_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "lampiran"

TABLE = "\n".join(
    [
        "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU",
        "1\t2\t3\t4\t5\t6",
        "I\tMANAJEMEN PERUBAHAN",
        "1\tTim Kerja\tTim dibentuk\tMenyusun SK\tSK Tim\tJanuari 2024",
    ]
)


def decree(signature: str, heading: str = "KOMISI PEMILIHAN UMUM\nPROVINSI JAWA TENGAH") -> str:
    return f"""SALINAN

{heading}

KEPUTUSAN KOMISI PEMILIHAN UMUM PROVINSI JAWA TENGAH
Nomor : 45/PL.02-Kpt/33/Prov/I/2024

T E N T A N G

RENCANA AKSI ZONA INTEGRITAS
TAHUN 2024

KETUA KOMISI PEMILIHAN UMUM PROVINSI JAWA TENGAH,

Menimbang : a. bahwa rencana aksi perlu ditetapkan;

Menimbang...

b. bahwa perlu menetapkan Keputusan;
Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017;
2. Peraturan Presiden Nomor 81 Tahun 2010;
Memperhatikan : Berita Acara Rapat Pleno tanggal 2 Januari 2024;
MEMUTUSKAN:
Menetapkan : KEPUTUSAN TENTANG RENCANA AKSI ZONA INTEGRITAS TAHUN 2024.
KESATU : Menetapkan rencana aksi.
KEDUA : Keputusan ini berlaku sejak tanggal
ditetapkan.

{signature}

LAMPIRAN
KEPUTUSAN KOMISI PEMILIHAN UMUM PROVINSI JAWA TENGAH

{TABLE}
"""


def messages(hasil) -> list[str]:
    return [w.message for w in hasil.warnings]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("pada tanggal 08 Februari 2022", datetime.date(2022, 2, 8)),
        ("Pada Tanggal 1 Pebruari 2023", datetime.date(2023, 2, 1)),
        ("tanggal : 17-08-2023", datetime.date(2023, 8, 17)),
        ("pada tanggal 31 Februari 2022", None),
        ("pada tanggal 3 Bulan 2022", None),
        ("Ditetapkan di Kudus", None),
    ],
)
def test_parse_tanggal(text, date):
    assert parse_tanggal(text) == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ayu Ngabekti", False),
        ("TRI MUR PUJIASTANTO", False),
        ("Dewi Lestari, S.Kom.", False),
        ("(cid:36)(cid:92)(cid:88)", True),
        ("\ue001\ue002\ue003", True),
        ("Ƒƌƕǆ ƞƉƚƎƛɑ", True),
        ("#$%&' ()*+,", True),
        ("", True),
    ],
)
def test_unreadable(text, expected):
    assert unreadable(text) is expected


def test_province_decree_with_spaced_tentang_teaser_and_wrapped_diktum():
    hasil = parse_lampiran(
        decree(
            "Ditetapkan di Semarang\npada tanggal 5 Januari 2024\n\nKETUA KOMISI PEMILIHAN UMUM\n"
            "PROVINSI JAWA TENGAH,\n\nttd.\n\nHANDI TRI UJIONO\n\nSalinan sesuai dengan aslinya\n"
            "SEKRETARIAT KOMISI PEMILIHAN UMUM\nPROVINSI JAWA TENGAH\n"
            "Kepala Bagian Hukum dan\nSumber Daya Manusia,\n\n\nRINA WIJAYANTI, S.H."
        )
    )
    sk = hasil.sk
    assert (sk.satker_jenis, sk.satker_wilayah) == ("provinsi", "Jawa Tengah")
    assert sk.nomor == "45/PL.02-Kpt/33/Prov/I/2024"
    assert sk.tentang == "RENCANA AKSI ZONA INTEGRITAS TAHUN 2024"
    assert sk.tahun == 2024
    assert sk.menimbang == [
        "bahwa rencana aksi perlu ditetapkan;",
        "bahwa perlu menetapkan Keputusan;",
    ]
    assert sk.mengingat == [
        "Undang-Undang Nomor 7 Tahun 2017;",
        "Peraturan Presiden Nomor 81 Tahun 2010;",
    ]
    assert sk.memperhatikan == ["Berita Acara Rapat Pleno tanggal 2 Januari 2024;"]
    assert sk.diktum[1] == {
        "label": "KEDUA",
        "isi": "Keputusan ini berlaku sejak tanggal ditetapkan.",
    }
    assert (sk.tempat, sk.tanggal) == ("Semarang", datetime.date(2024, 1, 5))
    assert sk.ketua == "HANDI TRI UJIONO"
    assert sk.pejabat_salinan == "RINA WIJAYANTI, S.H."
    assert sk.pejabat_salinan_jabatan == "Kepala Bagian Hukum dan Sumber Daya Manusia"
    assert hasil.warnings == []


def test_chairman_without_ttd_line():
    hasil = parse_lampiran(
        decree(
            "Ditetapkan di Semarang\npada tanggal 5 Januari 2024\n\nKETUA KOMISI PEMILIHAN UMUM\nPROVINSI JAWA TENGAH,\n\n\nHANDI TRI UJIONO"
        )
    )
    assert hasil.sk.ketua == "HANDI TRI UJIONO"
    assert hasil.sk.pejabat_salinan is None
    assert hasil.sk.pejabat_salinan_jabatan is None


def test_missing_certifying_official_is_none_and_reported():
    hasil = parse_lampiran(
        decree(
            "Ditetapkan di Semarang\npada tanggal 5 Januari 2024\n\nKETUA,\nttd\nHANDI TRI UJIONO\n\n"
            "Salinan sesuai dengan aslinya\nSEKRETARIAT KOMISI PEMILIHAN UMUM\n"
            "Kepala Bagian Hukum dan SDM,\n\n\n"
        )
    )
    assert hasil.sk.pejabat_salinan is None
    assert hasil.sk.pejabat_salinan_jabatan == "Kepala Bagian Hukum dan SDM"
    assert (
        "Nama pejabat pada blok 'Salinan sesuai dengan aslinya' kosong atau tidak terbaca; tidak diisi."
        in messages(hasil)
    )


def test_signature_in_a_broken_font_is_reported_never_guessed():
    hasil = parse_lampiran(
        decree(
            "Ditetapkan di Semarang\npada tanggal 5 Januari 2024\n\nKETUA KOMISI PEMILIHAN UMUM\n"
            "PROVINSI JAWA TENGAH,\nttd\n(cid:43)(cid:36)(cid:49)(cid:39)(cid:44)\n\n"
            "Salinan sesuai dengan aslinya\nSEKRETARIAT KOMISI PEMILIHAN UMUM\n"
            "Kepala Bagian Hukum dan SDM,\n\n\uf052\uf049\uf04e\uf041\n\n#$%&'()*+,-./"
        )
    )
    assert hasil.sk.ketua is None
    assert hasil.sk.pejabat_salinan is None
    text = messages(hasil)
    assert any(m.startswith("Nama ketua penanda tangan tidak terbaca ('(cid:43)") for m in text)
    assert any(
        m.startswith("Nama pejabat salinan tidak terbaca (encoding huruf rusak") for m in text
    )
    assert any(
        m.startswith("Baris blok tanda tangan tidak terbaca (encoding huruf rusak: '#$%")
        for m in text
    )


def test_dates_that_disagree_are_reported():
    text = decree(
        "Ditetapkan di Semarang\npada tanggal 5 Januari 2024\n\nKETUA,\nttd\nHANDI TRI UJIONO"
    )
    text += "\nDitetapkan di Semarang\npada tanggal 6 Januari 2024\n"
    hasil = parse_lampiran(text)
    assert hasil.sk.tanggal == datetime.date(2024, 1, 5)
    assert any("berbeda dari bagian SK (05-01-2024)" in m for m in messages(hasil))


def test_a_pasted_table_alone_has_empty_metadata_and_no_sk_warnings():
    hasil = parse_lampiran(TABLE)
    assert hasil.sk.nomor is None
    assert hasil.sk.tahun is None
    assert hasil.sk.menimbang == []
    assert hasil.warnings == []
    assert hasil.rows[0].bulan == [1]


def test_narrative_list_items_after_a_blank_line_stay_separate_items():
    """Kudus chapter 6: "3) Keterbukaan Informasi Publik", blank line, "c. Penataan Sistem
    Manajemen SDM" — a lower-case list label is a new item, not a page-break continuation."""
    hasil = parse_lampiran(
        (SEED_DIR / "kudus-2022-rencana-kerja-zi.txt").read_text(encoding="utf-8")
    )
    bab6 = next(b for b in hasil.sk.bab_lampiran if b["judul"].startswith("6."))
    lines = bab6["isi"].splitlines()
    assert "3) Keterbukaan Informasi Publik" in lines
    assert "c. Penataan Sistem Manajemen SDM" in lines


def test_lampiran_heading_keeps_its_own_nomor_tanggal_and_tentang(sample_text):
    text = sample_text("tegal").replace(
        " NOMOR: 5/2022  \n TENTANG  \n",
        " NOMOR: 5/2022  \n TANGGAL : 13 April 2022\n T E N T A N G  \n",
        1,
    )
    assert "TANGGAL : 13 April 2022" in text
    sk = parse_lampiran(text).sk
    assert (sk.lampiran_nomor, sk.lampiran_tanggal) == ("5/2022", "13 April 2022")
    assert sk.lampiran_tentang == (
        "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS DI LINGKUNGAN KOMISI PEMILIHAN UMUM KOTA TEGAL"
    )
    # The SK part is read as before: the lampiran's block does not replace it.
    assert sk.nomor == "5/2022"
    assert sk.tanggal == datetime.date(2022, 4, 13)


def test_lampiran_heading_inline_tentang_and_no_tanggal():
    text = (Path(__file__).parent / "data" / "lampiran" / "zi-kota-magelang-2023.txt").read_text(
        encoding="utf-8"
    )
    sk = parse_lampiran(text).sk
    assert (sk.lampiran_nomor, sk.lampiran_tanggal) == ("7/PL.01-Kpt/3371/2023", None)
    assert sk.lampiran_tentang == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"
