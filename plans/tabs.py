"""Pages about one plan that other apps contribute (evidence, monev), shown as tabs on it.

Data flows one way (docs/architecture.md §2, §5): ``plans`` knows nothing of ``evidence`` or ``monitoring``.
Those apps register their per-plan pages here from ``AppConfig.ready``; the plan page renders
whatever is registered, so a link never makes ``plans`` depend on them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RencanaTab:
    """A page about one plan: its label, icon, URL name (taking the plan pk as the only
    positional argument) and the capability (``access.permissions.CAPABILITIES`` key)
    a user needs on the plan's satker to see the tab."""

    key: str
    label: str
    url_name: str
    icon: str = ""
    capability: str = "rencana.lihat"
    order: int = 100


_TABS: dict[str, RencanaTab] = {}


def register_rencana_tab(tab: RencanaTab) -> None:
    """Add (or replace, by ``key``) a tab of the plan page. Called from ``AppConfig.ready``."""
    _TABS[tab.key] = tab


def rencana_tabs() -> list[RencanaTab]:
    """Registered tabs in display order (the plan page itself comes first, ``order`` 0)."""
    return sorted(_TABS.values(), key=lambda t: (t.order, t.key))


register_rencana_tab(
    RencanaTab(
        key="rencana",
        label="Rencana aksi",
        url_name="plans:rencana_detail",
        icon="bi-table",
        order=0,
    )
)
