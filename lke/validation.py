"""Checking one LKE answer against its question's type (pure, no Django).

An answer arrives as text (form, workbook cell, command) or a number (workbook cell) and is
returned as the value the scoring engine takes: a choice key exactly as the master spells it
(``"Ya"``, ``"B"``), or a float for counts and survey indices. ``format_jawaban`` turns it
back into the text stored in the database and written to the workbook.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from lke.scoring import INDEKS, JUMLAH, PILIHAN, Jawaban, Soal


class JawabanTidakSah(ValueError):
    """An answer outside its question's type; the message is Indonesian and names the value."""


def _angka(raw: object) -> Decimal:
    text = str(raw).strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise JawabanTidakSah(f"“{raw}” bukan angka.") from None
    if not value.is_finite():
        raise JawabanTidakSah(f"“{raw}” bukan angka.")
    return value


def periksa_jawaban(soal: Soal, raw: object) -> Jawaban:
    """Check ``raw`` for ``soal`` → a choice key, a float, or ``None`` when empty.

    - choice questions: one of the master's keys, case-insensitive (``ya`` → ``Ya``,
      ``b`` → ``B``); a letter beyond the scheme is refused;
    - counts (``Jumlah``): a whole number ≥ 0;
    - survey indices (``0-4``): a number from 0 to 4 (decimal comma accepted).

    Raises ``JawabanTidakSah`` with an Indonesian message otherwise.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if soal.jenis == PILIHAN:
        text = str(raw).strip().casefold()
        for p in soal.pilihan:
            if p.key.casefold() == text:
                return p.key
        keys = ", ".join(p.key for p in soal.pilihan)
        raise JawabanTidakSah(f"Jawaban “{raw}” tidak termasuk pilihan soal ini ({keys}).")
    value = _angka(raw)
    if soal.jenis == JUMLAH:
        if value < 0:
            raise JawabanTidakSah(f"Jumlah tidak boleh negatif (“{raw}”).")
        if value != value.to_integral_value():
            raise JawabanTidakSah(f"Jumlah harus bilangan bulat (“{raw}”).")
        return float(value)
    if soal.jenis == INDEKS:
        if not Decimal(0) <= value <= Decimal(4):
            raise JawabanTidakSah(f"Nilai indeks survei harus antara 0 dan 4 (“{raw}”).")
        return float(value)
    raise JawabanTidakSah(f"Jenis jawaban tidak dikenal: {soal.jenis}.")


def format_jawaban(soal: Soal, value: Jawaban) -> str:
    """The stored text of a checked answer: the key, an integer count, or the index as given."""
    if value is None:
        return ""
    if soal.jenis == PILIHAN:
        return str(value)
    if soal.jenis == JUMLAH:
        return str(int(value))
    return f"{float(value):g}"
