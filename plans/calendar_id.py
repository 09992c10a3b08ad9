"""Indonesian month names and Roman numerals, defined once for every module (pure: no Django).

``NAMA_BULAN[m]`` / ``NAMA_BULAN_PENDEK[m]`` for month ``m`` in 1–12 (index 0 is ``""`` so the
month number indexes directly); ``to_roman`` for area, triwulan and semester numerals.
The short names are those the SK schedules and the editor print (``Agu``, ``Okt``, ``Des``).
"""

from __future__ import annotations

NAMA_BULAN = (
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember",
)  # fmt: skip
NAMA_BULAN_PENDEK = (
    "", "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def to_roman(number: int) -> str:
    """``6`` → ``"VI"`` for 1–3999; raises ``ValueError`` outside that range."""
    if not 0 < number < 4000:
        raise ValueError(f"Angka Romawi hanya untuk 1–3999, bukan {number}.")
    out = []
    for arabic, letters in _ROMAN:
        count, number = divmod(number, arabic)
        out.append(letters * count)
    return "".join(out)


#: ``ROMAWI[n]`` is the numeral of ``n`` for 1–12 (index 0 is ``""``): areas, triwulan, months.
ROMAWI = ("", *(to_roman(n) for n in range(1, 13)))
