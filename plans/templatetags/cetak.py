"""Template filters of the print templates (``{% load cetak %}``), shared by every report."""

from __future__ import annotations

import datetime

from django import template

from plans.calendar_id import to_roman
from zona_integritas.printing import format_tanggal

register = template.Library()


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
    return to_roman(number)
