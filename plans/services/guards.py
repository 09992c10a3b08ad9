"""Shared rules of every edit: may this user change this plan now, and optimistic locking.

Rules (docs/architecture.md §4.1):
- editing needs ``rencana.ubah`` on the plan's satker (``PermissionDenied`` → 403);
- a plan that is ``terkunci`` (ditetapkan: the SK is signed) refuses every edit; a change needs
  a new revision (``rencana_revisi_baru``);
- a plan under review (diajukan) or approved (disetujui) refuses edits too: the province must
  approve what it saw; the satker pulls it back to draf first (``plans.services.workflow.rencana_tarik``);
- every row and the plan carry ``versi``: a save names the version the editor started from and is
  refused with ``VersionConflict`` when someone saved in between (nothing is overwritten).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

from access.permissions import require
from plans import tree
from plans.models import RencanaAksi
from plans.services.workflow import STATUS_BOLEH_UBAH


class VersionConflict(ValidationError):
    """Someone else saved the object after the editor opened it; nothing was written."""


class RencanaTerkunci(ValidationError):
    """The plan may not be edited in its current status; nothing was written."""


#: One level of the plan tree (``plans.tree.Level``): model, parent FK, children, label.
Tingkat = tree.Level
#: The levels by code ("area" … "bukti"), in tree order.
TINGKAT: dict[str, Tingkat] = {level.kode: level for level in tree.LEVELS}
#: The level below each level ("rencana" for the plan itself).
ANAK = dict(zip(["rencana", *TINGKAT], TINGKAT, strict=False))


def rencana_of(obj: models.Model) -> RencanaAksi:
    """The plan a row (any level) or the plan itself belongs to (one query at most)."""
    if isinstance(obj, RencanaAksi):
        return obj
    lookup = f"{tree.path_down(type(obj))}__pk"
    return RencanaAksi.objects.select_related("satker").get(**{lookup: obj.pk})


def ensure_can_edit(*, rencana: RencanaAksi, user) -> None:
    """Raise unless ``user`` may edit ``rencana`` now (see module doc for the rules).

    Raises ``PermissionDenied`` without ``rencana.ubah`` on its satker, ``RencanaTerkunci``
    (a ``ValidationError``, Indonesian message) when its status forbids edits.
    """
    require(user, "rencana.ubah", rencana.satker)
    if rencana.terkunci:
        raise RencanaTerkunci(
            f"Rencana aksi ini sudah ditetapkan (SK {rencana.sk_nomor or 'tanpa nomor'}) dan "
            "terkunci. Buat revisi baru untuk mengubahnya.",
            code="terkunci",
        )
    if rencana.status not in STATUS_BOLEH_UBAH:
        raise RencanaTerkunci(
            f"Rencana aksi ini berstatus {rencana.get_status_display().lower()}; tarik kembali "
            "ke draf untuk mengubahnya.",
            code="ditinjau",
        )


def alasan_terkunci(*, rencana: RencanaAksi, user) -> str:
    """Why ``user`` may not edit ``rencana`` now ('' when they may): pages hide the save and
    restore buttons a locked plan would refuse. Raises ``PermissionDenied`` like
    ``ensure_can_edit`` when the user lacks ``rencana.ubah``."""
    try:
        ensure_can_edit(rencana=rencana, user=user)
    except RencanaTerkunci as exc:
        return exc.messages[0]
    return ""


def claim_version(obj: Any, versi: int | None) -> None:
    """Compare-and-set the object's version: bump it in the database iff it is still ``versi``.

    ``obj``: a saved model instance with an integer ``versi`` field (a plan or a plan row).

    One conditional UPDATE, atomic on every database (no read-then-write race). Raises
    ``VersionConflict`` when the stored version differs (someone saved in between) or the object
    is gone. On success ``obj.versi`` is the new version; the caller then saves its fields
    (inside the same transaction, so a later failure rolls the bump back).
    """
    if versi is None:
        raise VersionConflict("Formulir tidak memuat versi data; muat ulang halaman.", code="versi")
    updated = type(obj)._default_manager.filter(pk=obj.pk, versi=versi).update(versi=versi + 1)
    if not updated:
        raise VersionConflict(
            f"{capfirst(type(obj)._meta.verbose_name)} ini telah diubah orang lain sejak "
            "Anda membukanya. Perubahan Anda tidak disimpan; muat ulang halaman untuk melihat "
            "versi terbaru, lalu ulangi perubahan Anda.",
            code="konflik",
        )
    obj.versi = versi + 1
