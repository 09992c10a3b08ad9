"""Template filters of the print templates (``{% load cetak %}``), shared by every report."""

from __future__ import annotations

import datetime

from django import template

from zona_integritas.printing import format_tanggal

register = template.Library()

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


@register.filter
def tanggal_indonesia(value: datetime.date | datetime.datetime | None) -> str:
    """``{{ rencana.sk_tanggal|tanggal_indonesia }}`` → ``8 Februari 2022`` (``""`` for none)."""
    return format_tanggal(value)


@register.filter
def romawi(value: int | str) -> str:
    """An integer 1–3999 as a Roman numeral (``6`` → ``VI``); other values are returned as text.

    Area rows of the lampiran are numbered I, II, … (the seed SKs).
    """
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    if not 0 < number < 4000:
        return str(number)
    out = []
    for arabic, letters in _ROMAN:
        count, number = divmod(number, arabic)
        out.append(letters * count)
    return "".join(out)
