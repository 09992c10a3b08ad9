"""The plan's content version (``RencanaAksi.versi_isi``): bumped by every write to its rows.

A printed SK depends on the plan's own fields (SK text, status, dates, which change
``RencanaAksi.diubah`` on every save) and on every row of its tree. Reading the whole tree to
decide whether a cached PDF is still valid costs a query per level and a pass over every row;
instead, every save or delete of a row bumps ``versi_isi`` with one UPDATE, so the print's
fingerprint (``plans.reports.sk.SkReport.get_fingerprint``) is the plan row alone.

The bump is a signal receiver so that every path is covered (row editor, history restore, XLSX
import, admin). Bulk writes send no signals: the importer wraps its writes in
``versi_isi_ditunda()`` (which also silences the per-row bumps of its deletes) and bumps once
with ``versi_isi_naik``. Another app whose data changes what a plan prints calls
``versi_isi_naik`` itself.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models import F
from django.db.models.signals import post_save, pre_delete

from plans import tree
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, RencanaArea

_state = threading.local()

#: Row model → lookup from ``RencanaAksi`` to that row's id.
_DARI_RENCANA = {
    model: tree.path_down(model)
    for model in (RencanaArea, Komponen, Indikator, LangkahAksi, BuktiFisik)
}


def versi_isi_naik(rencana_id: int) -> None:
    """Bump the content version of plan ``rencana_id`` (one UPDATE)."""
    RencanaAksi.objects.filter(pk=rencana_id).update(versi_isi=F("versi_isi") + 1)


@contextmanager
def versi_isi_ditunda():
    """Within the block, row writes do not bump the version (the caller bumps once after)."""
    depth = getattr(_state, "ditunda", 0)
    _state.ditunda = depth + 1
    try:
        yield
    finally:
        _state.ditunda = depth


def _bump_for_row(instance) -> None:
    if getattr(_state, "ditunda", 0):
        return
    model = type(instance)
    if model is RencanaArea:
        versi_isi_naik(instance.rencana_id)
        return
    ids = RencanaAksi.objects.filter(**{_DARI_RENCANA[model]: instance.pk}).values("pk")
    RencanaAksi.objects.filter(pk__in=ids).update(versi_isi=F("versi_isi") + 1)


def _row_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _bump_for_row(instance)


def _row_deleted(sender, instance, **kwargs) -> None:
    # pre_delete: before the delete, while the row still leads to its plan.
    _bump_for_row(instance)


def connect() -> None:
    """Connect the receivers (called once from ``PlansConfig.ready``)."""
    for model in _DARI_RENCANA:
        post_save.connect(_row_saved, sender=model, dispatch_uid=f"versi_isi_save_{model.__name__}")
        pre_delete.connect(
            _row_deleted, sender=model, dispatch_uid=f"versi_isi_del_{model.__name__}"
        )
