"""Month names and Roman numerals, defined once (``plans.calendar_id``)."""

from __future__ import annotations

import pytest

from plans.calendar_id import NAMA_BULAN, NAMA_BULAN_PENDEK, ROMAWI, to_roman


def test_month_names_are_indexed_by_month_number():
    assert (NAMA_BULAN[1], NAMA_BULAN[8], NAMA_BULAN[12]) == ("Januari", "Agustus", "Desember")
    assert (NAMA_BULAN_PENDEK[8], NAMA_BULAN_PENDEK[10]) == ("Agu", "Okt")
    assert len(NAMA_BULAN) == len(NAMA_BULAN_PENDEK) == 13


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (12, "XII"),
        (40, "XL"),
        (1994, "MCMXCIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_roman(number, numeral):
    assert to_roman(number) == numeral


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_to_roman_refuses_out_of_range(number):
    with pytest.raises(ValueError, match="1–3999"):
        to_roman(number)


def test_romawi_table():
    assert ROMAWI[:5] == ("", "I", "II", "III", "IV")
    assert ROMAWI[12] == "XII"
