"""The plan tree, declared once: RencanaAksi → area → komponen → indikator → langkah → bukti.

Every table of the five levels and every ORM lookup through the tree is derived from ``LEVELS``
(the editor's level table, the importer's levels, ``SATKER_PATH`` of the row models, the paths
to the plan and the selectors' prefetches), so a level is renamed or added in one place.

This module imports no model at import time: ``plans.models`` imports it to derive
``SATKER_PATH``. The levels name their model as a string and ``Level.model`` resolves it when
first asked (after the app registry is ready).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

#: The FK from the top level (an area) to the plan, and from the plan to its satker.
RENCANA_FIELD = "rencana"
SATKER_FIELD = "satker"


@dataclass(frozen=True)
class Level:
    """One level of the plan tree.

    ``kode`` is the level's name in URLs (the editor's ``tingkat`` kwarg) and in ``lookup``;
    ``parent_field`` the FK to the level above (``"rencana"`` for an area); ``children`` the
    related name of the level below (``None`` for the leaf); ``label`` the Indonesian noun
    for messages.
    """

    kode: str
    model_name: str
    parent_field: str
    children: str | None
    label: str

    @property
    def model(self) -> Any:
        """The model class (``plans.models.<model_name>``); needs the app registry ready.

        Typed ``Any``: the class comes from the app registry at run time, so a type checker
        cannot know its managers (``objects``, ``history``)."""
        from django.apps import apps

        return apps.get_model("plans", self.model_name)


LEVELS: tuple[Level, ...] = (
    Level("area", "RencanaArea", RENCANA_FIELD, "komponen", "area"),
    Level("komponen", "Komponen", "rencana_area", "indikator", "komponen"),
    Level("indikator", "Indikator", "komponen", "langkah_aksi", "indikator"),
    Level("langkah", "LangkahAksi", "indikator", "bukti_fisik", "langkah aksi"),
    Level("bukti", "BuktiFisik", "langkah_aksi", None, "bukti fisik"),
)
#: The related name of the plan's areas (the plan → first level step).
AREAS = "areas"

_BY_KODE = {level.kode: level for level in LEVELS}
_BY_NAME = {level.model_name: level for level in LEVELS}


def level_of(start) -> Level:
    """The ``Level`` of ``start``: a ``Level``, a level code (``"bukti"``), a model name
    (``"BuktiFisik"``), a row model class or a row object. Raises ``KeyError`` otherwise."""
    if isinstance(start, Level):
        return start
    if isinstance(start, str):
        return _BY_KODE.get(start) or _BY_NAME[start]
    model = start if isinstance(start, type) else type(start)
    return _BY_NAME[model.__name__]


def _index(target: str) -> int:
    """Depth of ``target``: -2 for the satker, -1 for the plan, 0..4 for the levels."""
    if target == SATKER_FIELD:
        return -2
    if target == RENCANA_FIELD:
        return -1
    return LEVELS.index(level_of(target))


def lookup(start, target: str, *fields: str, via: str | None = None) -> str:
    """The ORM lookup from ``start`` up the tree to ``target``, then on to ``fields``.

    ``start``: anything ``level_of`` accepts; ``target``: ``"satker"``, ``"rencana"`` or a level
    code/model name above or at ``start``; ``fields``: steps after the target (``"urutan"``);
    ``via``: a FK from another model to ``start`` put first (``"bukti_fisik"``).

    ``lookup("bukti", "rencana")`` → ``"langkah_aksi__indikator__komponen__rencana_area__rencana"``;
    ``lookup("bukti", "area", "urutan")`` → ``"langkah_aksi__…__rencana_area__urutan"``.
    Raises ``ValueError`` when ``target`` is below ``start`` and the result would be empty.
    """
    steps = _steps_up(level_of(start).kode, target)
    parts = [via] if via else []
    parts += [*steps, *fields]
    if not parts:
        raise ValueError(f"Lookup kosong: {start!r} → {target!r}.")
    return "__".join(parts)


@cache
def _steps_up(kode: str, target: str) -> tuple[str, ...]:
    start = LEVELS.index(_BY_KODE[kode])
    stop = _index(target)
    if stop > start:
        raise ValueError(f"{target!r} tidak berada di atas {kode!r} dalam pohon rencana.")
    steps = [LEVELS[i].parent_field for i in range(start, max(stop, -1), -1)]
    if stop == -2:
        steps.append(SATKER_FIELD)
    return tuple(steps)


def path_to_rencana(start) -> str:
    """ORM path from a row model (or level code/name) to its ``RencanaAksi``."""
    return lookup(start, RENCANA_FIELD)


def path_to_satker(start) -> str:
    """ORM path from a row model (or level code/name) to its ``Satker`` (its ``SATKER_PATH``)."""
    return lookup(start, SATKER_FIELD)


def path_down(target, start=None) -> str:
    """ORM path from a plan (or, given ``start``, from a row of that level) down to the rows of
    level ``target``: ``path_down("komponen")`` → ``"areas__komponen"``,
    ``path_down("bukti", start="komponen")`` → ``"indikator__langkah_aksi__bukti_fisik"``.

    ``target``/``start``: anything ``level_of`` accepts. Raises ``ValueError`` when ``target``
    is not below ``start`` (the path would be empty).
    """
    stop = LEVELS.index(level_of(target))
    if start is None:
        return "__".join([AREAS, *(LEVELS[i].children for i in range(stop))])
    begin = LEVELS.index(level_of(start))
    if stop <= begin:
        raise ValueError(f"{target!r} tidak berada di bawah {start!r} dalam pohon rencana.")
    return "__".join(LEVELS[i].children for i in range(begin, stop))
