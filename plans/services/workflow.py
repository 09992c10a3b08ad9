"""The review workflow of a plan: draf → diajukan → disetujui | dikembalikan → ditetapkan.

Transitions, who may make them (``access.permissions.CAPABILITIES``) and what they need:

- ``rencana_ajukan``: draf | dikembalikan → diajukan; ``rencana.ajukan``; the plan has rows.
- ``rencana_tarik``: diajukan | disetujui → draf; ``rencana.ajukan`` (to edit it again).
- ``rencana_setujui``: diajukan → disetujui; ``rencana.tinjau`` (the province reviewer).
- ``rencana_kembalikan``: diajukan → dikembalikan; ``rencana.tinjau``; notes required.
- ``rencana_tetapkan``: disetujui → ditetapkan (locked); ``rencana.tetapkan``; SK number + date.

Every transition writes one ``RiwayatStatus`` (who, when, notes) in the same transaction, and is
refused with a ``ValidationError`` carrying an Indonesian message when the plan is not in a
status it may leave that way (``PermissionDenied`` when the user lacks the capability). The
plan row is locked (``select_for_update``) and re-read so two reviewers clicking at once make
one transition, not two.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from access.permissions import require
from plans import tree
from plans.models import BuktiFisik, RencanaAksi, RiwayatStatus
from plans.notify import notify_transition

Status = RencanaAksi.Status

#: Statuses in which the plan's content may be edited. Under review (diajukan) or approved
#: (disetujui) the reviewer must see what they approve: pull it back to draf first.
STATUS_BOLEH_UBAH = frozenset({Status.DRAF, Status.DIKEMBALIKAN})


def _lock(rencana: RencanaAksi) -> RencanaAksi:
    """Re-read the plan under a row lock; the caller's copy may be stale."""
    fresh = RencanaAksi.objects.select_for_update().select_related("satker").get(pk=rencana.pk)
    return fresh


def _transition(
    *, rencana: RencanaAksi, user, ke: str, dari: set[str], catatan: str, pesan: str, **fields
) -> RencanaAksi:
    locked = _lock(rencana)
    if locked.status not in dari:
        raise ValidationError(
            pesan.format(status=locked.get_status_display().lower()), code="status"
        )
    sebelumnya = locked.status
    locked.status = ke
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.versi += 1  # safe: the row is locked for this transaction
    locked.save(update_fields=["status", "versi", "diubah", *fields])
    RiwayatStatus.objects.create(
        rencana=locked, dari=sebelumnya, ke=ke, oleh=user, catatan=catatan.strip()
    )
    notify_transition(rencana=locked, ke=ke, oleh=user, catatan=catatan.strip())
    # Keep the caller's object in step (views render it right after).
    rencana.status = locked.status
    rencana.versi = locked.versi
    for name in fields:
        setattr(rencana, name, getattr(locked, name))
    return locked


@transaction.atomic
def rencana_ajukan(*, rencana: RencanaAksi, user, catatan: str = "") -> RencanaAksi:
    """Submit a draft (or a returned plan) to the province for review.

    Refused (``ValidationError``) when the plan is not draf/dikembalikan or has no bukti fisik
    row (an empty plan cannot be reviewed). ``PermissionDenied`` without ``rencana.ajukan``.
    """
    require(user, "rencana.ajukan", rencana.satker)
    has_rows = BuktiFisik.objects.filter(
        **{tree.lookup("bukti", "rencana"): rencana}, diarsipkan=False
    ).exists()
    if not has_rows:
        raise ValidationError(
            "Rencana aksi belum memiliki baris bukti fisik; lengkapi dulu sebelum diajukan.",
            code="kosong",
        )
    return _transition(
        rencana=rencana,
        user=user,
        ke=Status.DIAJUKAN,
        dari={Status.DRAF, Status.DIKEMBALIKAN},
        catatan=catatan,
        pesan="Hanya rencana berstatus draf atau dikembalikan yang dapat diajukan "
        "(status sekarang: {status}).",
    )


@transaction.atomic
def rencana_tarik(*, rencana: RencanaAksi, user, catatan: str = "") -> RencanaAksi:
    """Pull a submitted or approved plan back to draf so it can be edited again."""
    require(user, "rencana.ajukan", rencana.satker)
    return _transition(
        rencana=rencana,
        user=user,
        ke=Status.DRAF,
        dari={Status.DIAJUKAN, Status.DISETUJUI},
        catatan=catatan,
        pesan="Hanya rencana yang diajukan atau disetujui yang dapat ditarik kembali ke draf "
        "(status sekarang: {status}).",
    )


@transaction.atomic
def rencana_setujui(*, rencana: RencanaAksi, user, catatan: str = "") -> RencanaAksi:
    """The province approves a submitted plan (``rencana.tinjau``)."""
    require(user, "rencana.tinjau", rencana.satker)
    return _transition(
        rencana=rencana,
        user=user,
        ke=Status.DISETUJUI,
        dari={Status.DIAJUKAN},
        catatan=catatan,
        pesan="Hanya rencana yang sedang diajukan yang dapat disetujui (status sekarang: {status}).",
    )


@transaction.atomic
def rencana_kembalikan(*, rencana: RencanaAksi, user, catatan: str = "") -> RencanaAksi:
    """The province returns a submitted plan with notes; the notes are required."""
    require(user, "rencana.tinjau", rencana.satker)
    if not catatan.strip():
        raise ValidationError(
            "Tuliskan catatan perbaikan agar satker tahu apa yang harus diubah.", code="catatan"
        )
    return _transition(
        rencana=rencana,
        user=user,
        ke=Status.DIKEMBALIKAN,
        dari={Status.DIAJUKAN},
        catatan=catatan,
        pesan="Hanya rencana yang sedang diajukan yang dapat dikembalikan "
        "(status sekarang: {status}).",
    )


@transaction.atomic
def rencana_tetapkan(
    *,
    rencana: RencanaAksi,
    user,
    sk_nomor: str,
    sk_tanggal: datetime.date,
    catatan: str = "",
) -> RencanaAksi:
    """Record the signed SK (number and date) of an approved plan and lock it.

    After this the plan is ``terkunci``: edits are refused and a change needs a new revision
    (``plans.services.copying.rencana_revisi_baru``). Refused when the plan is not disetujui, the number
    is empty, or another plan of the same satker already carries that SK number. A revision
    that comes into force takes over the evidence of its unchanged rows from the revision it
    was copied from (``plans.services.copying.revisi_bawa_bukti``).
    """
    require(user, "rencana.tetapkan", rencana.satker)
    sk_nomor = (sk_nomor or "").strip()
    if not sk_nomor or not sk_tanggal:
        raise ValidationError("Nomor dan tanggal SK wajib diisi untuk menetapkan.", code="sk")
    duplicate = (
        RencanaAksi.objects.filter(satker_id=rencana.satker_id, sk_nomor=sk_nomor)
        .exclude(pk=rencana.pk)
        .first()
    )
    if duplicate:
        raise ValidationError(
            f"Nomor SK {sk_nomor} sudah dipakai oleh {duplicate}.", code="sk_nomor"
        )
    locked = _transition(
        rencana=rencana,
        user=user,
        ke=Status.DITETAPKAN,
        dari={Status.DISETUJUI},
        catatan=catatan,
        pesan="Hanya rencana yang sudah disetujui provinsi yang dapat ditetapkan "
        "(status sekarang: {status}).",
        sk_nomor=sk_nomor,
        sk_tanggal=sk_tanggal,
    )
    if locked.revisi > 1 and locked.disalin_dari_id:
        from plans.services.copying import revisi_bawa_bukti  # editing imports this module

        revisi_bawa_bukti(baru=locked)
    return locked
