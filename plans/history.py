"""A plan's change history and the restore of deleted rows.

django-simple-history records every save and delete of the plan and its rows (``history =
HistoricalRecords()`` on each model; the request's user comes from its middleware). This module
reads those records per plan, pairs each record with the previous one of the same row to show
what changed ("who changed this indikator and what was it before"), and brings deleted rows
back from their last record.

Rows are found through the historical tables, level by level, so rows deleted long ago (whose
parents may be gone too) still show under their plan: six queries whatever the history's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from plans.editing.common import TINGKAT, pastikan_boleh_ubah
from plans.models import RencanaAksi

#: Fields never shown in a diff: bookkeeping, not content.
_SKIP = {"versi", "diubah", "dibuat"}
JENIS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
#: Change reason prefix of rows deleted by ``plans.editing.baris_hapus`` (one token per delete).
HAPUS_PREFIX = "hapus:"


@dataclass
class Perubahan:
    """One historical record of the plan or a row, with what changed against the previous one.

    ``tingkat`` is ``"rencana"`` or a key of ``TINGKAT``; ``perubahan`` lists
    ``(field verbose name, old value, new value)``; ``dapat_dipulihkan`` is True for the
    deletion record of a row that does not exist any more.
    """

    waktu: datetime
    oleh: str
    jenis: str  # "dibuat" | "diubah" | "dihapus"
    tingkat: str
    label: str
    obj_id: int
    history_id: int
    ringkasan: str
    perubahan: list[tuple[str, object, object]] = field(default_factory=list)
    dapat_dipulihkan: bool = False


def _records(rencana: RencanaAksi) -> list[tuple[str, str, list]]:
    """``(tingkat, label, records)`` for the plan and each level, oldest first within a level."""
    out = []
    plan_records = list(
        RencanaAksi.history.filter(id=rencana.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    out.append(("rencana", "rencana aksi", plan_records))
    parent_ids: set[int] = {rencana.pk}
    for kode, t in TINGKAT.items():
        records = list(
            t.model.history.filter(**{f"{t.parent_field}_id__in": parent_ids})
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        out.append((kode, t.label, records))
        parent_ids = {r.id for r in records}
    return out


def _user_label(record) -> str:
    user = record.history_user
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()


def riwayat_rencana(
    *, rencana: RencanaAksi, tingkat: str | None = None, obj_id: int | None = None
) -> list[Perubahan]:
    """Every recorded change of ``rencana`` and its rows, newest first.

    ``tingkat``/``obj_id`` narrow it to one row (``tingkat="indikator", obj_id=12``). Runs a
    fixed number of queries (plan, five levels, one existence check per level with deletions).
    """
    result: list[Perubahan] = []
    for kode, label, records in _records(rencana):
        if tingkat and kode != tingkat:
            continue
        previous: dict[int, object] = {}
        deleted_ids = {r.id for r in records if r.history_type == "-"}
        model = RencanaAksi if kode == "rencana" else TINGKAT[kode].model
        alive = (
            set(model.objects.filter(pk__in=deleted_ids).values_list("pk", flat=True))
            if deleted_ids
            else set()
        )
        last_record = {r.id: r.history_id for r in records}
        for record in records:
            if obj_id and record.id != obj_id:
                continue
            item = Perubahan(
                waktu=record.history_date,
                oleh=_user_label(record),
                jenis=JENIS.get(record.history_type, record.history_type),
                tingkat=kode,
                label=label,
                obj_id=record.id,
                history_id=record.history_id,
                ringkasan=_ringkasan(record),
            )
            before = previous.get(record.id)
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before, excluded_fields=_SKIP)
                item.perubahan = [
                    (model._meta.get_field(c.field).verbose_name, c.old, c.new)
                    for c in delta.changes
                ]
            item.dapat_dipulihkan = (
                kode != "rencana"
                and record.history_type == "-"
                and record.id not in alive
                and last_record[record.id] == record.history_id
            )
            previous[record.id] = record
            result.append(item)
    result.sort(key=lambda p: (p.waktu, p.history_id), reverse=True)
    return result


def _ringkasan(record) -> str:
    text = getattr(record, "nama", None) or getattr(record, "judul", None) or ""
    text = " ".join(str(text).split())
    return text if len(text) <= 120 else text[:117] + "…"


@transaction.atomic
def baris_pulihkan(*, rencana: RencanaAksi, user, tingkat: str, history_id: int) -> int:
    """Restore a deleted row of ``rencana`` from its deletion record, with its deleted subtree.

    ``history_id`` names the row's deletion record (a ``Perubahan`` with
    ``dapat_dipulihkan``). Rows deleted together with it (same ``hapus:`` change reason,
    written by ``plans.editing.baris_hapus``) come back too, parents before children, with
    their old primary keys, so links from evidence and the history stay valid.

    Returns the number of rows restored. Raises ``ValidationError`` (Indonesian) when the
    record is not a deletion of this plan's row, the row exists again, or its parent is itself
    deleted (restore the parent first); ``PermissionDenied``/``RencanaTerkunci`` as any edit.
    """
    pastikan_boleh_ubah(rencana=rencana, user=user)
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
    parent_model = RencanaAksi if t.parent_field == "rencana" else _parent_model(tingkat)
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


def _parent_model(tingkat: str):
    order = list(TINGKAT)
    return TINGKAT[order[order.index(tingkat) - 1]].model
