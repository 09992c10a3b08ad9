"""Template tags of the evidence app: ``{% bukti_cell bukti_cells bukti %}`` for plan pages.

The cell is rendered in Python (``format_html``), with the URL prefixes reversed once per page:
an evidence tab shows hundreds of bukti fisik, and a template render plus several ``{% url %}``
per cell were most of its time. The HTML is the one ``evidence/_bukti_cell_isi.html`` describes.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from evidence.selectors import DITERIMA, DITOLAK, MENUNGGU, KonteksBukti, RingkasanBukti

register = template.Library()

_STATUS_ICON = {
    DITERIMA: mark_safe(' <i class="bi bi-check-lg"></i>'),
    DITOLAK: mark_safe(' <i class="bi bi-arrow-repeat"></i>'),
    MENUNGGU: mark_safe(' <i class="bi bi-hourglass-split"></i>'),
}
_FILE_ICON = {"pdf": "-pdf", "png": "-image", "jpeg": "-image", "mp4": "-play"}


def _prefixes(bukti_cells: KonteksBukti) -> dict[str, str]:
    """``{"unduh": "/bukti/berkas/", "fisik": "/bukti/fisik/"}``, reversed once per page: kept
    on the page's ``KonteksBukti`` (each cell is rendered inside its own include, so the
    template's render context does not outlive a cell)."""
    cached = getattr(bukti_cells, "_url_prefix", None)
    if cached is None:
        cached = {
            "unduh": reverse("evidence:unduh", args=[0]).removesuffix("0/unduh/"),
            "fisik": reverse("evidence:bukti_detail", args=[0]).removesuffix("0/"),
        }
        bukti_cells._url_prefix = cached
    return cached


def render_cell(cell: RingkasanBukti, urls: dict[str, str]) -> str:
    """The evidence cell of one bukti fisik as HTML (no query)."""
    fisik = f"{urls['fisik']}{cell.bukti.pk}/"
    lines = []
    for p in cell.periode:
        files = []
        for u in p.unggahan:
            state = ""
            if u.status == "ditolak":
                state = format_html(
                    ' <span class="text-danger" title="{}">(ditolak)</span>', u.catatan_verifikasi
                )
            elif u.status == "menunggu":
                state = mark_safe(' <span class="text-body-secondary">(menunggu)</span>')
            files.append(
                format_html(
                    '<a class="text-decoration-none" href="{}{}/unduh/" title="{} · revisi {} · {}">'
                    '<i class="bi bi-file-earmark{}"></i>{}</a>{}',
                    urls["unduh"],
                    u.pk,
                    u.get_status_display(),
                    u.revisi,
                    filesizeformat(u.berkas.ukuran),
                    _FILE_ICON.get(u.berkas.jenis, ""),
                    Truncator(u.nama_berkas).chars(28),
                    state,
                )
            )
        upload = ""
        if cell.boleh_unggah and p.status != DITERIMA:
            query = f"?periode={p.bulan}" if p.bulan else ""
            upload = format_html(
                '<a class="btn btn-link btn-sm p-0 ms-1" href="{}unggah/{}" title="Unggah bukti {}">'
                '<i class="bi bi-upload"></i></a>',
                fisik, query, p.label,
            )  # fmt: skip
        lines.append(
            format_html(
                '<div class="mb-1"><span class="badge text-bg-{}" title="{}">{}{}</span> {}{}</div>',
                p.warna,
                p.status_label,
                p.label,
                _STATUS_ICON.get(p.status, ""),
                format_html_join(", ", "{}", ((f,) for f in files)),
                upload,
            )
        )
    button = (
        format_html('<i class="bi bi-cloud-upload"></i> Kelola ({})', cell.jumlah_berkas)
        if cell.boleh_unggah
        else format_html('<i class="bi bi-folder2-open"></i> Lihat ({})', cell.jumlah_berkas)
    )
    return format_html(
        '<div class="bukti-cell small">{}<a class="btn btn-outline-secondary btn-sm py-0" '
        'href="{}">{}</a></div>',
        format_html_join("", "{}", ((line,) for line in lines)), fisik, button,
    )  # fmt: skip


@register.simple_tag
def bukti_cell(bukti_cells: KonteksBukti | None, bukti) -> str:
    """Render the files, status per period and upload button of one bukti fisik.

    ``bukti_cells`` comes from ``evidence.selectors.bukti_cell_context(rencana=…, user=…)``
    (two queries for the whole plan); ``bukti`` is a ``BuktiFisik`` of that plan (or
    ``None`` for a table line without bukti fisik, which renders nothing). Runs no query.
    """
    if bukti is None or bukti_cells is None:
        return ""
    return render_cell(bukti_cells.untuk(bukti), _prefixes(bukti_cells))
