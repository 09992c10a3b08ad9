"""``{% rencana_tabs rencana "key" %}``: the tabs of a plan's pages (see ``plans.tabs``)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from access.permissions import can
from plans.tabs import rencana_tabs as registered_tabs

register = template.Library()


@register.inclusion_tag("plans/_rencana_tabs.html", takes_context=True)
def rencana_tabs(context, rencana, active: str) -> dict:
    """The tabs ``context["user"]`` may open for ``rencana``, ``active`` marked current."""
    user = context["user"]
    tabs = [
        {
            "label": tab.label,
            "icon": tab.icon,
            "url": reverse(tab.url_name, args=[rencana.pk]),
            "active": tab.key == active,
        }
        for tab in registered_tabs()
        if can(user, tab.capability, rencana.satker)
    ]
    return {"tabs": tabs}
