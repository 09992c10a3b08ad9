"""The restore of deleted rows of a plan from their history.

django-simple-history records every save and delete of the plan and its rows (``history =
HistoricalRecords()`` on each model; the request's user comes from its middleware). Reading a
plan's history ("who changed this indikator and what was it before") is
``plans.selectors.riwayat_rencana``; this module brings deleted rows back from their last
record.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from plans.models import RencanaAksi
from plans.selectors import riwayat_rencana
from plans.services.guards import TINGKAT, ensure_can_edit

#: Change reason prefix of rows deleted by ``plans.services.rows.baris_hapus`` (one token per delete).
HAPUS_PREFIX = "hapus:"


@transaction.atomic
def baris_pulihkan(*, rencana: RencanaAksi, user, tingkat: str, history_id: int) -> int:
    """Restore a deleted row of ``rencana`` from its deletion record, with its deleted subtree.

    ``history_id`` names the row's deletion record (a ``Perubahan`` with
    ``dapat_dipulihkan``). Rows deleted together with it (same ``hapus:`` change reason,
    written by ``plans.services.rows.baris_hapus``) come back too, parents before children, with
    their old primary keys, so links from evidence and the history stay valid.

    Returns the number of rows restored. Raises ``ValidationError`` (Indonesian) when the
    record is not a deletion of this plan's row, the row exists again, or its parent is itself
    deleted (restore the parent first); ``PermissionDenied``/``RencanaTerkunci`` as any edit.
    """
    ensure_can_edit(rencana=rencana, user=user)
    if tingkat not in TINGKAT:
        raise ValidationError("Tingkat baris tidak dikenal.")
    t = TINGKAT[tingkat]
    try:
        record = t.model.history.get(history_id=history_id, history_type="-")
    except t.model.history.model.DoesNotExist:
        raise ValidationError("Catatan penghapusan tidak ditemukan.") from None
    if not any(
        p.history_id == history_id and p.dapat_dipulihkan
        for p in riwayat_rencana(rencana=rencana, tingkat=tingkat, obj_id=record.id)
    ):
        raise ValidationError(
            f"{t.label.capitalize()} ini bukan baris terhapus dari rencana ini, atau sudah "
            "dipulihkan."
        )
    parent_model: Any = RencanaAksi if t.parent_field == "rencana" else _parent_model(tingkat)
    parent_id = getattr(record, f"{t.parent_field}_id")
    if not parent_model.objects.filter(pk=parent_id).exists():
        raise ValidationError(
            f"Induk {t.label} ini juga sudah terhapus; pulihkan induknya lebih dahulu."
        )
    to_restore = [(t, record)]
    reason = record.history_change_reason or ""
    if reason.startswith(HAPUS_PREFIX):
        order = list(TINGKAT)
        for kode in order[order.index(tingkat) + 1 :]:
            child = TINGKAT[kode]
            for r in child.model.history.filter(
                history_type="-", history_change_reason=reason
            ).order_by("urutan", "id"):
                to_restore.append((child, r))
    restored = 0
    for level, r in to_restore:
        if level.model.objects.filter(pk=r.id).exists():
            continue
        instance = r.instance
        instance._change_reason = f"pulihkan:{history_id}"
        instance.save(force_insert=True)
        restored += 1
    return restored


def _parent_model(tingkat: str) -> Any:
    order = list(TINGKAT)
    return TINGKAT[order[order.index(tingkat) - 1]].model
