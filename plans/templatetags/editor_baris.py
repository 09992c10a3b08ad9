"""The buttons of one row in the plan editor, rendered in Python.

A 1,200-row plan has ~2,300 rows in the editor; an ``{% include %}`` and four ``{% url %}``
per row were most of the page's time. Here the URL prefix is built once per page and each row's
buttons are one ``format_html`` call. The move buttons submit the page's single ``#form-pindah``
form (``formaction``), so no row carries its own form and CSRF token.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

_BUTTONS = (
    '<div class="btn-group btn-group-sm flex-shrink-0" role="group" aria-label="Tindakan baris">'
    '<button class="btn btn-outline-secondary btn-sm" form="form-pindah" formaction="{row}pindah/"'
    ' name="arah" value="naik" title="Naikkan" aria-label="Naikkan"><i class="bi bi-arrow-up">'
    "</i></button>"
    '<button class="btn btn-outline-secondary btn-sm" form="form-pindah" formaction="{row}pindah/"'
    ' name="arah" value="turun" title="Turunkan" aria-label="Turunkan"><i class="bi bi-arrow-down">'
    "</i></button>"
    '<a class="btn btn-outline-primary" href="{row}ubah/" title="Ubah"><i class="bi bi-pencil">'
    "</i> Ubah</a>{tambah}"
    '<a class="btn btn-outline-danger" href="{row}hapus/" title="Hapus" aria-label="Hapus">'
    '<i class="bi bi-trash"></i></a></div>'
)
_TAMBAH = (
    '<a class="btn btn-outline-success" href="{url}" title="Tambah {label}"><i class="bi bi-plus">'
    "</i> {label}</a>"
)


@register.simple_tag(takes_context=True)
def tombol_baris(context, tingkat: str, obj, anak: str = "", anak_label: str = "") -> str:
    """Move up/down, edit, add a child (``anak`` level, ``anak_label`` text) and delete buttons
    of ``obj`` at level ``tingkat`` of ``context["rencana"]``. Needs the page's ``#form-pindah``.
    """
    base = context.render_context.get("editor_base")
    if base is None:
        # "/rencana/5/x/0/ubah/" → "/rencana/5/": every row URL shares this prefix.
        sample = reverse("plans:baris_ubah", args=[context["rencana"].pk, "x", 0])
        base = sample.removesuffix("x/0/ubah/")
        context.render_context["editor_base"] = base
    row = f"{base}{tingkat}/{obj.pk}/"
    tambah = (
        format_html(_TAMBAH, url=f"{base}tambah/{anak}/{obj.pk}/", label=anak_label) if anak else ""
    )
    return format_html(_BUTTONS, row=row, tambah=tambah)
