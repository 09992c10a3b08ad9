"""Template helpers of the monitoring pages: links to the items behind a number, status badges."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

register = template.Library()

# Bootstrap classes and icons per status: colour is never alone, the word and icon say it too.
_BADGES = {
    "tepat waktu": ("success", "bi-check-circle"),
    "terlambat": ("warning", "bi-clock-history"),
    "tertunggak": ("danger", "bi-exclamation-octagon"),
    "belum jatuh tempo": ("secondary", "bi-hourglass-split"),
    "tanpa jadwal": ("light", "bi-question-circle"),
}


@register.simple_tag
def butir_url(satker, saring, **filters) -> str:
    """URL of the item list of ``satker`` (a ``Satker``) with the dashboard filter and
    ``filters``."""
    base = reverse("monitoring:butir_list", kwargs={"kode": satker.kode})
    return f"{base}?{saring.query(**filters)}"


@register.simple_tag
def dasbor_url(name: str, satker, saring) -> str:
    """URL of a dashboard (``satker`` or ``provinsi``) of ``satker`` (a ``Satker``) keeping the
    filter."""
    return f"{reverse(f'monitoring:dasbor_{name}', kwargs={'kode': satker.kode})}?{saring.query()}"


@register.filter
def status_badge(status) -> str:
    """A badge with icon and word for a deadline status."""
    value = str(status)
    color, icon = _BADGES.get(value, ("secondary", "bi-dot"))
    text_class = "text-dark" if color in ("warning", "light") else ""
    return format_html(
        '<span class="badge text-bg-{} {}"><i class="bi {}" aria-hidden="true"></i> {}</span>',
        color,
        text_class,
        icon,
        value,
    )


@register.filter
def persen(value) -> str:
    """``87%`` or ``—`` when nothing is due."""
    return "—" if value is None else f"{value}%"


@register.filter
def index(sequence, i):
    return sequence[i]


@register.filter
def index_dict(mapping, key):
    """``mapping[key]`` or ``None`` (a dict lookup with a variable key)."""
    return mapping.get(key) if mapping else None


@register.filter
def persen1(value) -> str:
    """A one-decimal percentage the Indonesian way (``66,7%``), ``—`` when nothing is due."""
    if value is None:
        return "—"
    return f"{value}%".replace(".", ",")


@register.simple_tag
def isian(bound_field, jenis: str = "textarea") -> str:
    """A monev row's field as HTML without the widget template engine: a page of the monev
    form has ~300 fields and Django's template-based widget rendering was most of its time.

    ``jenis``: ``textarea``, ``select`` (the field's choices), ``number`` (0–100), ``text``,
    ``date`` or ``hidden``.
    Same names, ids and values as the form's widgets; ``is-invalid`` when the field has errors.
    """
    value = bound_field.value()
    name, auto_id = bound_field.html_name, bound_field.auto_id
    invalid = " is-invalid" if bound_field.errors else ""
    if jenis in ("text", "date"):
        if jenis == "date" and hasattr(value, "isoformat"):
            value = value.isoformat()  # the only format a browser's date input accepts
        return format_html(
            '<input type="{}" name="{}" value="{}" class="form-control{}" id="{}">',
            jenis, name, "" if value is None else value, invalid, auto_id,
        )  # fmt: skip
    if jenis == "hidden":
        return format_html('<input type="hidden" name="{}" value="{}" id="{}">', name,
                           "" if value is None else value, auto_id)  # fmt: skip
    if jenis == "number":
        return format_html(
            '<input type="number" name="{}" value="{}" min="0" max="100" step="1" '
            'inputmode="numeric" class="form-control{}" id="{}">',
            name, "" if value is None else value, invalid, auto_id,
        )  # fmt: skip
    if jenis == "select":
        current = "" if value is None else str(value)
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) == current else "", label)
             for v, label in bound_field.field.choices),
        )  # fmt: skip
        return format_html(
            '<select name="{}" class="form-select form-select-sm monev-status{}" id="{}">{}</select>',
            name, invalid, auto_id, options,
        )  # fmt: skip
    return format_html(
        '<textarea name="{}" rows="2" class="form-control form-control-sm{}" id="{}">\n{}'
        "</textarea>",
        name, invalid, auto_id, "" if value is None else value,
    )  # fmt: skip
