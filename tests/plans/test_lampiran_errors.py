"""Input that cannot be imported raises ``LampiranError`` with a clear Indonesian message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plans.lampiran import LampiranError, parse_lampiran

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "lampiran"
HEADER = "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU"


@pytest.mark.parametrize("text", ["", "   \n\n\t \n"])
def test_empty_text(text):
    with pytest.raises(LampiranError, match="Dokumen kosong") as error:
        parse_lampiran(text)
    assert error.value.line is None


def test_random_prose_has_no_table():
    prose = (
        "Pada suatu hari yang cerah, para pegawai berkumpul di aula untuk apel pagi.\n"
        "Kepala sekretariat menyampaikan arahan tentang kedisiplinan dan pelayanan.\n\n"
        "Setelah itu kegiatan dilanjutkan dengan senam bersama."
    )
    with pytest.raises(LampiranError, match="Tabel lampiran tidak ditemukan"):
        parse_lampiran(prose)


def test_tab_separated_text_that_is_not_the_lampiran_table():
    with pytest.raises(LampiranError, match="tidak ada baris judul kolom"):
        parse_lampiran("Nama\tAlamat\tTelepon\nBudi\tKudus\t0812")


def test_truncated_table_header_only():
    text = (SAMPLES / "kudus-2022-rencana-kerja-zi.txt").read_text(encoding="utf-8")
    cut = text[: text.index("I\tPEMBANGUNAN UNIT KERJA")]  # the SK, the header and "1 2 3 4 5 6"
    with pytest.raises(LampiranError, match="Tabel lampiran terpotong") as error:
        parse_lampiran(cut)
    assert error.value.line == 241  # the header row


def test_table_with_only_an_area_row_is_truncated():
    with pytest.raises(LampiranError, match="terpotong"):
        parse_lampiran(f"{HEADER}\n1\t2\t3\t4\t5\t6\nI\tMANAJEMEN PERUBAHAN\t\t\t\t\n")


def test_binary_garbage_with_nul_bytes():
    with pytest.raises(LampiranError, match="Berkas bukan teks"):
        parse_lampiran("\x00\x01\x02PK\x03\x04" + HEADER)


def test_random_bytes_decoded_as_latin1():
    garbage = os.urandom(4096).decode("latin-1")
    with pytest.raises(LampiranError, match="bukan teks"):
        parse_lampiran(garbage)


def test_bytes_that_are_not_utf8():
    with pytest.raises(LampiranError, match="bukan teks UTF-8"):
        parse_lampiran(b"\xff\xfe\x00\x00binary")


def test_raw_pdf_is_refused_with_advice():
    with pytest.raises(LampiranError, match="PDF mentah"):
        parse_lampiran("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>")


def test_utf8_bytes_are_accepted():
    text = (SAMPLES / "tegal-2022-rencana-aksi-zi.txt").read_bytes()
    assert parse_lampiran(text).counts()["komponen"] == 23


def test_non_text_argument_is_a_type_error():
    with pytest.raises(TypeError):
        parse_lampiran(None)
