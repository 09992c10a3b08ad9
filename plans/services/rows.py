"""Edits of a plan's rows and of its SK text, each atomic, permission- and version-checked.

Levels are ``area`` → ``komponen`` → ``indikator`` → ``langkah`` → ``bukti`` (see
``plans.services.guards.TINGKAT``). Deleting a row deletes its subtree explicitly, deepest first,
and tags every historical record of that deletion with one ``history_change_reason``
(``hapus:<token>``) so that ``plans.services.restore.baris_pulihkan`` can bring the whole subtree back.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, ProtectedError

from plans import tree
from plans.models import BuktiFisik, RencanaAksi
from plans.services.guards import (
    ANAK,
    TINGKAT,
    Tingkat,
    claim_version,
    ensure_can_edit,
    rencana_of,
)
from plans.target_waktu import parse_target_waktu

#: Editable fields per level (the forms in ``plans.forms.editing`` use the same lists).
FIELDS: dict[str, tuple[str, ...]] = {
    "area": ("nomor", "judul", "area"),
    "komponen": ("nomor", "nama"),
    "indikator": ("nama",),
    "langkah": ("nama",),
    "bukti": ("nama", "target_waktu", "penanggung_jawab", "bulan", "jadwal", "tenggat"),
}
#: SK fields editable on the SK page (``rencana_sk_simpan``).
SK_FIELDS = (
    "judul",
    "judul_tabel",
    "format_lampiran",
    "sk_nomor",
    "sk_tanggal",
    "sk_tempat",
    "ketua_nama",
    "pejabat_salinan_nama",
    "pejabat_salinan_jabatan",
    "menimbang",
    "mengingat",
    "memperhatikan",
    "menetapkan",
    "diktum",
    "lampiran_nomor",
    "lampiran_tanggal",
    "lampiran_tentang",
)
#: The SK fields that are lists (JSON); forms edit them as paragraphs of text.
SK_LIST_FIELDS = ("menimbang", "mengingat", "memperhatikan", "diktum")


def turunan(obj: models.Model) -> list[tuple[Tingkat, models.QuerySet]]:
    """The querysets of every level below ``obj``, nearest level first."""
    tingkat = tree.level_of(obj)
    out = []
    kode = ANAK.get(tingkat.kode)
    while kode:
        t = TINGKAT[kode]
        out.append((t, t.model.objects.filter(**{tree.lookup(t, tingkat.kode): obj})))
        kode = ANAK.get(kode)
    return out


def hitung_turunan(obj: models.Model) -> dict[str, int]:
    """How many rows of each level go with ``obj`` when it is deleted: ``{"indikator": 4, …}``.

    Levels with no rows are left out; one COUNT query per level below ``obj``.
    """
    counts = {}
    for t, qs in turunan(obj):
        n = qs.count()
        if n:
            counts[t.label] = n
    return counts


def _apply_bukti(obj: BuktiFisik, data: dict[str, Any], rencana: RencanaAksi) -> None:
    """Derive months/weeks/year from the target waktu label (docs/architecture.md §1).

    In the monthly-schedule format the months are the ✓ cells the user ticked (``bulan`` in
    ``data``); elsewhere they are what ``parse_target_waktu`` reads from the label.
    """
    target = parse_target_waktu(obj.target_waktu, tahun_default=rencana.tahun)
    if rencana.format_lampiran != RencanaAksi.Format.ZI_BULANAN or "bulan" not in data:
        obj.bulan = list(target.bulan)
    else:
        obj.bulan = sorted({int(b) for b in data["bulan"]})
    obj.minggu = list(target.minggu)
    obj.tahun = target.tahun or rencana.tahun
    if obj.jadwal != "tanggal":  # a date is only kept for a "tanggal tertentu" schedule
        obj.tenggat = None


def _set_fields(obj, tingkat: str, data: dict[str, Any], rencana: RencanaAksi) -> list[str]:
    changed = []
    for name in FIELDS[tingkat]:
        if name in data and name != "bulan":
            setattr(obj, name, data[name])
            changed.append(name)
    if tingkat == "bukti":
        _apply_bukti(obj, data, rencana)
        changed += ["bulan", "minggu", "tahun"]
    return changed


@transaction.atomic
def baris_tambah(*, induk: models.Model, user, data: dict[str, Any]) -> models.Model:
    """Add a row under ``induk`` (the plan for an area, an area for a komponen, …) at the end.

    ``data`` holds the new row's fields (``FIELDS`` of the child level). Returns the saved row.
    Raises ``PermissionDenied``/``RencanaTerkunci`` (see ``ensure_can_edit``) and
    ``ValidationError`` from the model's ``full_clean``.
    """
    rencana = rencana_of(induk)
    ensure_can_edit(rencana=rencana, user=user)
    kode = ANAK["rencana" if isinstance(induk, RencanaAksi) else tree.level_of(induk).kode]
    t = TINGKAT[kode]
    siblings = t.model.objects.filter(**{t.parent_field: induk})
    last = siblings.aggregate(m=Max("urutan"))["m"]
    obj = t.model(**{t.parent_field: induk}, urutan=0 if last is None else last + 1)
    _set_fields(obj, kode, data, rencana)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def baris_simpan(
    *, obj: models.Model, user, data: dict[str, Any], versi: int | None
) -> models.Model:
    """Save the edited fields of a row, refusing a stale edit (``VersionConflict``).

    ``versi`` is the version the editor's form was rendered with. Only the level's ``FIELDS``
    present in ``data`` are written; ``urutan`` is left alone so a concurrent reorder survives.
    """
    rencana = rencana_of(obj)
    ensure_can_edit(rencana=rencana, user=user)
    kode = tree.level_of(obj).kode
    claim_version(obj, versi)
    changed = _set_fields(obj, kode, data, rencana)
    obj.full_clean()
    obj.save(update_fields=[*changed, "versi"])
    return obj


@transaction.atomic
def baris_hapus(*, obj: models.Model, user, versi: int | None) -> dict[str, int]:
    """Delete a row with everything under it; return what went (``hitung_turunan`` + itself).

    Refused (``ValidationError``, nothing deleted) when evidence was already uploaded for a
    bukti fisik in the subtree (the evidence app protects it): evidence is never destroyed.
    Every deleted row's history record carries the same change reason (``hapus:<hex>``), the
    key ``plans.services.restore.baris_pulihkan`` uses to restore the subtree.
    """
    rencana = rencana_of(obj)
    ensure_can_edit(rencana=rencana, user=user)
    claim_version(obj, versi)
    tingkat = tree.level_of(obj)
    counts = hitung_turunan(obj)
    reason = f"hapus:{uuid.uuid4().hex}"
    try:
        for _t, qs in reversed(turunan(obj)):
            for row in qs:
                row._change_reason = reason
                row.delete()
        # simple_history's way to give a deletion its reason (read by its pre_delete handler).
        obj._change_reason = reason  # type: ignore[attr-defined]
        obj.delete()
    except ProtectedError:
        raise ValidationError(
            f"{tingkat.label.capitalize()} ini tidak dapat dihapus karena bukti fisik di "
            "bawahnya sudah memiliki berkas unggahan. Bukti yang sudah diunggah tidak boleh hilang.",
            code="dilindungi",
        ) from None
    return {tingkat.label: 1, **counts}


@transaction.atomic
def baris_pindah(*, obj: models.Model, user, arah: str) -> None:
    """Move a row one place up (``arah="naik"``) or down (``"turun"``) among its siblings.

    Renumbers the siblings 0..n-1 (imports may leave gaps or ties) and saves only the rows whose
    ``urutan`` changed. Does not bump ``versi``: order and text are edited independently.
    Raises ``ValidationError`` for an unknown direction.
    """
    if arah not in {"naik", "turun"}:
        raise ValidationError("Arah pemindahan tidak dikenal.")
    rencana = rencana_of(obj)
    ensure_can_edit(rencana=rencana, user=user)
    t = tree.level_of(obj)
    siblings = list(
        t.model.objects.select_for_update()
        .filter(**{t.parent_field: getattr(obj, f"{t.parent_field}_id")}, diarsipkan=False)
        .order_by("urutan", "pk")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == obj.pk)
    other = index - 1 if arah == "naik" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, row in enumerate(siblings):
        if row.urutan != position:
            row.urutan = position
            row.save(update_fields=["urutan"])


@transaction.atomic
def rencana_sk_simpan(
    *, rencana: RencanaAksi, user, data: dict[str, Any], versi: int | None
) -> RencanaAksi:
    """Save the SK metadata and text of a plan (``SK_FIELDS`` present in ``data``).

    ``menimbang``/``mengingat``/``memperhatikan`` are lists of strings and ``diktum`` a list of
    ``{"label", "isi"}`` (see ``RencanaAksi``). Refused like any edit on a locked plan or a
    stale version.
    """
    ensure_can_edit(rencana=rencana, user=user)
    claim_version(rencana, versi)
    changed = [name for name in SK_FIELDS if name in data]
    for name in changed:
        setattr(rencana, name, data[name])
    rencana.full_clean()
    rencana.save(update_fields=[*changed, "versi", "diubah"])
    return rencana
