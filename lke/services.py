"""Writes of the LKE app: start an LKE, save answers (unit, TPI), submit, return, finalise.

Every function is keyword-only, atomic, checks the capability on the LKE's satker
(``access.permissions``) and its workflow status, and uses optimistic locking
(``plans.services.guards.claim_version``) so two people answering at once are told, not overwritten.

Workflow: ``draf`` (the unit answers) → ``diajukan`` (locked for the unit; the TPI, i.e. the
Reviewer Provinsi, enters its answers) → ``final`` (locked for everyone). The TPI may return
a submitted LKE to ``draf``. Each submission increments ``Lke.pengajuan``; the history of every
answer is kept by django-simple-history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.models import Satker
from access.permissions import require
from evidence.models import Unggahan
from lke.models import JawabanLke, Lke
from lke.selectors import TPI, UNIT, master_terbaru, soal_engine
from lke.validation import JawabanTidakSah, format_jawaban, periksa_jawaban
from plans import tree
from plans.services.guards import claim_version


class LkeTerkunci(ValidationError):
    """The LKE's status forbids this change (Indonesian message)."""


@transaction.atomic
def lke_mulai(*, satker: Satker, tahun: int, user) -> Lke:
    """Create the satker's LKE for ``tahun`` on the newest master of that year, all unanswered.

    Returns the existing LKE if there is one. ``user`` None is the command line. Raises
    ``PermissionDenied`` without ``lke.isi`` and ``ValidationError`` when no master question
    set is loaded for ``tahun``.
    """
    if user is not None:
        require(user, "lke.isi", satker)
    existing = Lke.objects.filter(satker=satker, tahun=tahun).first()
    if existing is not None:
        return existing
    master = master_terbaru(tahun)
    if master is None:
        raise ValidationError(f"Master soal LKE tahun {tahun} belum dimuat.")
    lke = Lke.objects.create(satker=satker, tahun=tahun, master=master)
    JawabanLke.objects.bulk_create(JawabanLke(lke=lke, soal=s) for s in master.soal.all())
    return lke


def _pastikan_status(lke: Lke, status: str, pesan: str) -> None:
    if lke.status != status:
        raise LkeTerkunci(pesan, code="status")


def periksa(jawaban: JawabanLke, raw: object) -> str:
    """Check ``raw`` for the answer's question → the stored text; raises ``ValidationError``."""
    soal = soal_engine(jawaban.lke.master)[jawaban.soal.id_master]
    try:
        return format_jawaban(soal, periksa_jawaban(soal, raw))
    except JawabanTidakSah as exc:
        raise ValidationError(f"Soal {jawaban.soal.id_master}: {exc}", code="jawaban") from None


def bukti_sah(lke: Lke, ids: Iterable[int]) -> list[Unggahan]:
    ids = sorted({int(i) for i in ids})
    found = list(
        Unggahan.objects.filter(
            pk__in=ids,
            status=Unggahan.Status.DITERIMA,
            ditarik=False,
            **{tree.lookup("bukti", "satker", via="bukti_fisik"): lke.satker},
        )
    )
    if len(found) != len(ids):
        raise ValidationError(
            "Bukti dukung harus berkas yang sudah diterima milik satker ini.", code="bukti"
        )
    return found


@transaction.atomic
def jawaban_simpan(
    *,
    jawaban: JawabanLke,
    user,
    versi: int | None,
    jawaban_unit: object,
    catatan_unit: str = "",
    bukti_ids: Iterable[int] | None = None,
) -> JawabanLke:
    """Save the unit's answer, note and bukti dukung of one question.

    ``jawaban_unit`` is checked by the question's type (``lke.validation``); ``bukti_ids``
    (``None``: unchanged) must be accepted uploads of the satker. Raises
    ``PermissionDenied`` without ``lke.isi``, ``LkeTerkunci`` unless the LKE is a draft,
    ``VersionConflict`` on a stale version and ``ValidationError`` for a bad answer; nothing is
    saved then.
    """
    lke = jawaban.lke
    require(user, "lke.isi", lke.satker)
    _pastikan_status(lke, Lke.Status.DRAF, "LKE sudah diajukan; jawaban unit terkunci.")
    text = periksa(jawaban, jawaban_unit)
    bukti = None if bukti_ids is None else bukti_sah(lke, bukti_ids)
    claim_version(jawaban, versi)
    jawaban.jawaban_unit = text
    jawaban.catatan_unit = catatan_unit.strip()
    jawaban.save(update_fields=["jawaban_unit", "catatan_unit", "versi", "diubah"])
    if bukti is not None:
        jawaban.bukti.set(bukti)
    return jawaban


@transaction.atomic
def jawaban_tpi_simpan(
    *, jawaban: JawabanLke, user, versi: int | None, jawaban_tpi: object, catatan_tpi: str = ""
) -> JawabanLke:
    """Save the TPI's answer and note of one question (LKE submitted, ``lke.tinjau``).

    Raises as ``jawaban_simpan``.
    """
    lke = jawaban.lke
    require(user, "lke.tinjau", lke.satker)
    _pastikan_status(
        lke, Lke.Status.DIAJUKAN, "Jawaban TPI hanya dapat diisi saat LKE berstatus diajukan."
    )
    text = periksa(jawaban, jawaban_tpi)
    claim_version(jawaban, versi)
    jawaban.jawaban_tpi = text
    jawaban.catatan_tpi = catatan_tpi.strip()
    jawaban.save(update_fields=["jawaban_tpi", "catatan_tpi", "versi", "diubah"])
    return jawaban


def _pindah(*, lke: Lke, user, versi: int | None, hak: str, dari: str, ke: str, pesan: str):
    """Check the capability, the current status and the version, then set the new status."""
    require(user, hak, lke.satker)
    _pastikan_status(lke, dari, pesan)
    claim_version(lke, versi)
    lke.status = ke


@transaction.atomic
def lke_ajukan(*, lke: Lke, user, versi: int | None) -> Lke:
    """The Tim ZI submits the LKE to the TPI: locked for the unit, submission counted.

    Raises ``PermissionDenied`` without ``lke.ajukan``, ``LkeTerkunci`` unless a draft,
    ``VersionConflict`` on a stale version, ``ValidationError`` when no question is answered.
    """
    if not lke.jawaban.exclude(jawaban_unit="").exists():
        require(user, "lke.ajukan", lke.satker)
        raise ValidationError("Belum ada soal yang dijawab; LKE tidak dapat diajukan.")
    _pindah(
        lke=lke, user=user, versi=versi, hak="lke.ajukan", dari=Lke.Status.DRAF,
        ke=Lke.Status.DIAJUKAN, pesan="Hanya LKE berstatus draf yang dapat diajukan.",
    )  # fmt: skip
    lke.pengajuan += 1
    lke.diajukan_oleh, lke.diajukan_pada = user, timezone.now()
    lke.save()
    return lke


@transaction.atomic
def lke_kembalikan(*, lke: Lke, user, versi: int | None) -> Lke:
    """The TPI returns a submitted LKE to the unit as a draft (its TPI answers are kept)."""
    _pindah(
        lke=lke, user=user, versi=versi, hak="lke.tinjau", dari=Lke.Status.DIAJUKAN,
        ke=Lke.Status.DRAF, pesan="Hanya LKE yang diajukan dapat dikembalikan.",
    )  # fmt: skip
    lke.save()
    return lke


@transaction.atomic
def lke_finalkan(*, lke: Lke, user, versi: int | None) -> Lke:
    """The TPI finalises a submitted LKE: locked for everyone; its TPI scores count for PortalRB."""
    _pindah(
        lke=lke, user=user, versi=versi, hak="lke.tinjau", dari=Lke.Status.DIAJUKAN,
        ke=Lke.Status.FINAL, pesan="Hanya LKE yang diajukan dapat difinalkan.",
    )  # fmt: skip
    lke.difinalkan_oleh, lke.difinalkan_pada = user, timezone.now()
    lke.save()
    return lke


def kolom_penilai(penilai: str) -> str:
    """The answer field of ``penilai`` (``unit`` or ``tpi``); raises ``ValueError`` otherwise."""
    if penilai not in (UNIT, TPI):
        raise ValueError(f"Penilai harus 'unit' atau 'tpi', bukan {penilai!r}.")
    return "jawaban_unit" if penilai == UNIT else "jawaban_tpi"
