"""Template helpers of the monitoring pages: links to the items behind a number, status badges."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

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
    """URL of the item list of ``satker`` with the dashboard filter and ``filters``."""
    base = reverse("monitoring:butir_list", args=[satker.pk if hasattr(satker, "pk") else satker])
    return f"{base}?{saring.query(**filters)}"


@register.simple_tag
def dasbor_url(name: str, satker, saring) -> str:
    """URL of a dashboard (``satker`` or ``provinsi``) keeping the filter."""
    pk = satker.pk if hasattr(satker, "pk") else satker
    return f"{reverse(f'monitoring:dasbor_{name}', args=[pk])}?{saring.query()}"


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
