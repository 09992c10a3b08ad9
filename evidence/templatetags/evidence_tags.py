"""Template tags of the evidence app: ``{% bukti_cell bukti_cells bukti %}`` for plan pages."""

from __future__ import annotations

from django import template

from evidence.selectors import KonteksBukti

register = template.Library()


@register.inclusion_tag("evidence/_bukti_cell_isi.html", takes_context=True)
def bukti_cell(context, bukti_cells: KonteksBukti | None, bukti) -> dict:
    """Render the files, status per period and upload button of one bukti fisik.

    ``bukti_cells`` comes from ``evidence.selectors.bukti_cell_context(rencana=…, user=…)``
    (two queries for the whole plan); ``bukti`` is a ``BuktiFisik`` of that plan (or
    ``None`` for a table line without bukti fisik, which renders nothing). Runs no query.
    """
    if bukti is None or bukti_cells is None:
        return {"cell": None}
    return {"cell": bukti_cells.untuk(bukti), "request": context.get("request")}
