"""Writes of the evidence app: upload, link, verify, withdraw, restore, purge.

Every function is keyword-only and atomic on the database. Files are written to the storage
before the database transaction and removed again if it fails, so a refused or failed upload
leaves neither rows nor files behind. Stored content is never overwritten or deleted, except
by ``unggahan_purge`` (system admin only, logged).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from access.models import Satker
from access.permissions import satker_of
from evidence.models import Berkas, Unggahan, nama_bulan
from evidence.names import sanitize_filename
from evidence.storage import bukti_storage
from evidence.upload_handlers import batas_ukuran
from evidence.validation import BerkasDitolak, JenisBerkas, clamav, detect_type
from notifications.models import Notifikasi
from notifications.services import notifikasi_create
from plans.models import BuktiFisik

logger = logging.getLogger("evidence")

HASH_CHUNK = 1024 * 1024


@dataclass
class BerkasMasuk:
    """One checked incoming file: the open file, names, size (bytes), SHA-256 and type."""

    file: IO[bytes]
    nama_asli: str
    nama_berkas: str
    ukuran: int
    sha256: str
    jenis: JenisBerkas


def periode_pilihan(bukti_fisik: BuktiFisik) -> list[int | None]:
    """The periods an upload for ``bukti_fisik`` may be filed under.

    The months of its target waktu (``BuktiFisik.bulan``, parsed from the SK) in order, then
    ``None`` ("tanpa periode": one document for the whole item, e.g. an annual report for a
    monthly activity). A bukti fisik without a readable schedule has only ``None``.
    """
    months = sorted({int(b) for b in (bukti_fisik.bulan or []) if 1 <= int(b) <= 12})
    return [*months, None]


def _sha256(f: IO[bytes]) -> str:
    f.seek(0)
    digest = hashlib.sha256()
    while chunk := f.read(HASH_CHUNK):
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def check_file(f: IO[bytes], *, nama: str, ukuran: int) -> BerkasMasuk:
    """Check one incoming file and return it with its hash, type and sanitised name.

    ``f`` is a seekable binary file of ``ukuran`` bytes; ``nama`` the name as sent. Raises
    ``ValidationError`` with an Indonesian message naming the file when it is empty, larger
    than ``settings.ZI_UPLOAD_MAX_BYTES`` or refused by ``evidence.validation.detect_type``.
    """
    tampil = (nama or "berkas")[:120]
    if ukuran > batas_ukuran():
        from django.template.defaultfilters import filesizeformat

        raise ValidationError(
            f"“{tampil}” ditolak: ukurannya melebihi batas {filesizeformat(batas_ukuran())}."
        )
    try:
        jenis = detect_type(f, size=ukuran)
        clamav.periksa(f)  # a no-op unless settings.ZI_CLAMAV is set
    except BerkasDitolak as exc:
        raise ValidationError(f"“{tampil}” ditolak: {exc}") from exc
    return BerkasMasuk(
        file=f,
        nama_asli=(nama or "")[:255],
        nama_berkas=sanitize_filename(nama, extensions=jenis.extensions),
        ukuran=ukuran,
        sha256=_sha256(f),
        jenis=jenis,
    )


def _kunci(nama_berkas: str) -> str:
    return nama_berkas.casefold()[:200]


def _next_revisi(bukti_fisik: BuktiFisik, periode_bulan: int | None, kunci: str) -> int:
    latest = Unggahan.objects.filter(
        bukti_fisik=bukti_fisik, periode_bulan=periode_bulan, kunci_revisi=kunci
    ).aggregate(m=Max("revisi"))["m"]
    return (latest or 0) + 1


def _store(satker: Satker, masuk: BerkasMasuk, written: list[str]) -> Berkas:
    """The ``Berkas`` holding ``masuk``'s content, storing it if the satker lacks it."""
    existing = Berkas.objects.filter(satker=satker, sha256=masuk.sha256).first()
    if existing:
        return existing
    storage = bukti_storage()
    ext = masuk.jenis.extensions[0]
    masuk.file.seek(0)
    # An UploadedFile spooled to disk is moved into place by FileSystemStorage, not copied.
    content = masuk.file if isinstance(masuk.file, File) else File(masuk.file)
    name = storage.save(f"{satker.kode}/{masuk.sha256[:2]}/{masuk.sha256}{ext}", content)
    written.append(name)
    try:
        with transaction.atomic():
            return Berkas.objects.create(
                satker=satker,
                sha256=masuk.sha256,
                ukuran=masuk.ukuran,
                jenis=masuk.jenis.kode,
                content_type=masuk.jenis.content_type,
                nama_penyimpanan=name,
            )
    except IntegrityError:
        # Another request stored the same content meanwhile: keep theirs, drop our copy.
        storage.delete(name)
        written.remove(name)
        return Berkas.objects.get(satker=satker, sha256=masuk.sha256)


def _check_periode(bukti_fisik: BuktiFisik, periode_bulan: int | None) -> None:
    if periode_bulan not in periode_pilihan(bukti_fisik):
        raise ValidationError(
            f"Periode {nama_bulan(periode_bulan)} bukan jadwal bukti fisik ini "
            f"(target waktu: {bukti_fisik.target_waktu or 'tanpa jadwal'})."
        )


def _check_open(bukti_fisik: BuktiFisik) -> None:
    if bukti_fisik.diarsipkan:
        raise ValidationError(
            "Bukti fisik ini sudah diarsipkan (tidak ada lagi di rencana aksi); "
            "unggahan baru tidak diterima."
        )


def _check_not_there(bukti_fisik: BuktiFisik, periode_bulan: int | None, sha256s) -> None:
    """Raise ``ValidationError`` naming each upload of the same bukti fisik and period that
    already has one of the contents ``sha256s`` (withdrawn uploads do not count)."""
    same = Unggahan.objects.filter(
        bukti_fisik=bukti_fisik,
        periode_bulan=periode_bulan,
        ditarik=False,
        berkas__sha256__in=sha256s,
    ).values_list("nama_berkas", "revisi")
    errors = [
        f"“{nama}” (revisi {revisi}) dengan isi yang sama persis sudah ada untuk periode ini."
        for nama, revisi in same
    ]
    if errors:
        raise ValidationError(errors)


def _periode_revisi(
    bukti_fisik: BuktiFisik,
    files: Sequence[tuple[IO[bytes], str, int]],
    periode_bulan: int | None,
    revisi_dari: Unggahan | None,
) -> int | None:
    """The period the upload is filed under: ``periode_bulan``, or ``revisi_dari``'s own.

    Raises ``ValidationError`` (Indonesian) when nothing was chosen, or when a revision
    brings more than one file or revises an upload of another bukti fisik.
    """
    if not files:
        raise ValidationError("Pilih minimal satu berkas untuk diunggah.")
    if revisi_dari is None:
        return periode_bulan
    if len(files) != 1:
        raise ValidationError("Revisi sebuah berkas diunggah satu berkas saja.")
    if revisi_dari.bukti_fisik_id != bukti_fisik.pk:
        raise ValidationError("Berkas yang direvisi bukan milik bukti fisik ini.")
    return revisi_dari.periode_bulan


def _check_files(files: Sequence[tuple[IO[bytes], str, int]]) -> list[BerkasMasuk]:
    """Run ``check_file`` on every ``(file, name, size)``; the checked files, in order.

    Raises one ``ValidationError`` gathering every refused file's messages and every file
    chosen twice (same content), so the user sees all problems at once.
    """
    errors: list[str] = []
    checked: list[BerkasMasuk] = []
    for f, nama, ukuran in files:
        try:
            checked.append(check_file(f, nama=nama, ukuran=ukuran))
        except ValidationError as exc:
            errors.extend(exc.messages)
    seen: set[str] = set()
    for masuk in checked:
        if masuk.sha256 in seen:
            errors.append(f"“{masuk.nama_berkas}” dipilih dua kali (isinya sama).")
        seen.add(masuk.sha256)
    if errors:
        raise ValidationError(errors)
    return checked


def unggahan_create(
    *,
    bukti_fisik: BuktiFisik,
    files: Sequence[tuple[IO[bytes], str, int]],
    user,
    periode_bulan: int | None = None,
    catatan: str = "",
    revisi_dari: Unggahan | None = None,
) -> list[Unggahan]:
    """Upload ``files`` for ``bukti_fisik`` and period; all or nothing.

    ``files`` are ``(seekable binary file, name as sent, size in bytes)``. Each becomes an
    ``Unggahan`` with status *menunggu*; its content is stored once per satker (dedup by
    SHA-256). A name already uploaded for the same bukti fisik and period makes the next
    revision; ``revisi_dari`` (one file only) files it as the next revision of that upload
    whatever its name. Permission checks are the caller's (``bukti.unggah``).

    Raises ``ValidationError`` with one Indonesian message per refused file (empty, too big,
    type not allowed, macros, zip bomb, …), for a period outside the schedule, an archived
    bukti fisik, or a file identical to one already there; nothing is written then.
    """
    _check_open(bukti_fisik)
    _check_periode(bukti_fisik, periode_bulan)
    periode_bulan = _periode_revisi(bukti_fisik, files, periode_bulan, revisi_dari)
    checked = _check_files(files)

    satker = satker_of(bukti_fisik)
    written: list[str] = []
    try:
        with transaction.atomic():
            # Serialise concurrent uploads for the same bukti fisik so revision numbers are
            # assigned once each (a row lock on PostgreSQL; SQLite serialises writers anyway).
            BuktiFisik.objects.select_for_update().filter(pk=bukti_fisik.pk).first()
            # The identical-content check runs under the lock: checked before it, two
            # identical uploads arriving together would both pass and make two revisions.
            _check_not_there(bukti_fisik, periode_bulan, {m.sha256 for m in checked})
            created = []
            for masuk in checked:
                kunci = revisi_dari.kunci_revisi if revisi_dari else _kunci(masuk.nama_berkas)
                unggahan = Unggahan(
                    bukti_fisik=bukti_fisik,
                    berkas=_store(satker, masuk, written),
                    periode_bulan=periode_bulan,
                    nama_berkas=masuk.nama_berkas,
                    nama_asli=masuk.nama_asli,
                    kunci_revisi=kunci,
                    revisi=_next_revisi(bukti_fisik, periode_bulan, kunci),
                    catatan=catatan.strip(),
                    diunggah_oleh=user,
                )
                unggahan._history_user = user
                unggahan.save()
                created.append(unggahan)
    except BaseException:
        storage = bukti_storage()
        for name in written:
            storage.delete(name)
        raise
    logger.info(
        "Bukti diunggah: bukti_fisik=%s periode=%s berkas=%s oleh=%s",
        bukti_fisik.pk,
        periode_bulan,
        [u.berkas.sha256[:12] for u in created],
        getattr(user, "pk", None),
    )
    return created


@transaction.atomic
def unggahan_link(
    *,
    unggahan: Unggahan,
    bukti_fisik: BuktiFisik,
    user,
    periode_bulan: int | None = None,
    catatan: str = "",
) -> Unggahan:
    """File the content of ``unggahan`` also under ``bukti_fisik`` (no new stored copy).

    One document often proves several items (an SK Tim ZI for every area). The link is a new
    ``Unggahan`` sharing the same ``Berkas``, with its own status (*menunggu*). Raises
    ``ValidationError`` if the target is of another satker, archived, the period is outside
    its schedule, or the same content is already there.
    """
    _check_open(bukti_fisik)
    _check_periode(bukti_fisik, periode_bulan)
    if satker_of(bukti_fisik).pk != unggahan.berkas.satker_id:
        raise ValidationError("Berkas hanya dapat ditautkan ke bukti fisik satker yang sama.")
    if Unggahan.objects.filter(
        bukti_fisik=bukti_fisik,
        periode_bulan=periode_bulan,
        berkas=unggahan.berkas,
        ditarik=False,
    ).exists():
        raise ValidationError("Berkas ini sudah ada pada bukti fisik dan periode tersebut.")
    BuktiFisik.objects.select_for_update().filter(pk=bukti_fisik.pk).first()
    kunci = unggahan.kunci_revisi
    link = Unggahan(
        bukti_fisik=bukti_fisik,
        berkas=unggahan.berkas,
        periode_bulan=periode_bulan,
        nama_berkas=unggahan.nama_berkas,
        nama_asli=unggahan.nama_asli,
        kunci_revisi=kunci,
        revisi=_next_revisi(bukti_fisik, periode_bulan, kunci),
        catatan=catatan.strip() or f"Ditautkan dari unggahan #{unggahan.pk}.",
        diunggah_oleh=user,
    )
    link._history_user = user
    link.save()
    return link


@transaction.atomic
def unggahan_verify(*, unggahan: Unggahan, user, status: str, catatan: str = "") -> Unggahan:
    """Mark ``unggahan`` *diterima* or *ditolak* (``Unggahan.Status``) with a note.

    A rejection needs a note (the uploader must know what to fix). A decision can be changed
    later; every change stays in the history. Raises ``ValidationError`` for a withdrawn
    upload, an unknown status or a rejection without note. Permission (``bukti.verifikasi``)
    is the caller's.
    """
    if unggahan.ditarik:
        raise ValidationError("Berkas yang sudah ditarik tidak dapat diverifikasi.")
    if status not in (Unggahan.Status.DITERIMA, Unggahan.Status.DITOLAK):
        raise ValidationError("Pilih keputusan: diterima atau ditolak.")
    if status == Unggahan.Status.DITOLAK and not catatan.strip():
        raise ValidationError(
            "Tuliskan alasan penolakan agar pengunggah tahu yang harus diperbaiki."
        )
    unggahan.status = status
    unggahan.catatan_verifikasi = catatan.strip()
    unggahan.diverifikasi_oleh = user
    unggahan.diverifikasi_pada = timezone.now()
    unggahan._history_user = user
    unggahan.save(
        update_fields=["status", "catatan_verifikasi", "diverifikasi_oleh", "diverifikasi_pada"]
    )
    if status == Unggahan.Status.DITOLAK and unggahan.diunggah_oleh_id != user.pk:
        notifikasi_create(
            users=[unggahan.diunggah_oleh],
            jenis=Notifikasi.Jenis.BUKTI,
            judul=f"Bukti fisik ditolak: {unggahan.nama_berkas}",
            isi=f"Alasan: {unggahan.catatan_verifikasi}\nSilakan unggah revisinya.",
            tautan=reverse("evidence:bukti_detail", args=[unggahan.bukti_fisik_id]),
        )
    return unggahan


@transaction.atomic
def unggahan_withdraw(*, unggahan: Unggahan, user, alasan: str) -> Unggahan:
    """Withdraw ``unggahan``: hidden from lists, packs and progress, but kept (and restorable).

    Raises ``ValidationError`` without a reason or when already withdrawn.
    """
    if unggahan.ditarik:
        raise ValidationError("Berkas ini sudah ditarik.")
    if not alasan.strip():
        raise ValidationError("Tuliskan alasan penarikan.")
    unggahan.ditarik = True
    unggahan.ditarik_oleh = user
    unggahan.ditarik_pada = timezone.now()
    unggahan.alasan_tarik = alasan.strip()
    unggahan._history_user = user
    unggahan.save(update_fields=["ditarik", "ditarik_oleh", "ditarik_pada", "alasan_tarik"])
    return unggahan


@transaction.atomic
def unggahan_restore(*, unggahan: Unggahan, user) -> Unggahan:
    """Undo a withdrawal; the verification decision is kept as it was."""
    if not unggahan.ditarik:
        raise ValidationError("Berkas ini tidak sedang ditarik.")
    unggahan.ditarik = False
    unggahan._history_user = user
    unggahan.save(update_fields=["ditarik"])
    return unggahan


def unggahan_purge(*, unggahan: Unggahan, user, alasan: str) -> bool:
    """Delete a withdrawn upload for good (system admin only); return whether bytes were erased.

    The row goes (its history keeps who purged it, when and why); the stored content is
    deleted too when no other upload uses it, after the transaction commits. Logged at
    WARNING on the ``evidence`` logger. Raises ``PermissionDenied`` for anyone but a
    superuser, ``ValidationError`` for an upload not withdrawn first or without a reason.
    """
    if not (getattr(user, "is_superuser", False) and user.is_active):
        raise PermissionDenied("Hanya admin sistem yang dapat memusnahkan berkas.")
    if not unggahan.ditarik:
        raise ValidationError("Tarik berkas ini terlebih dahulu sebelum dimusnahkan.")
    if not alasan.strip():
        raise ValidationError("Tuliskan alasan pemusnahan.")
    with transaction.atomic():
        berkas = Berkas.objects.select_for_update().get(pk=unggahan.berkas_id)
        unggahan._history_user = user
        unggahan._change_reason = f"Dimusnahkan: {alasan.strip()}"[:100]
        info = (unggahan.pk, unggahan.nama_berkas, berkas.sha256, unggahan.bukti_fisik_id)
        unggahan.delete()
        erase = not berkas.unggahan.exists()
        if erase:
            name = berkas.nama_penyimpanan
            berkas._history_user = user
            berkas._change_reason = unggahan._change_reason
            berkas.delete()
            transaction.on_commit(lambda: bukti_storage().delete(name))
    logger.warning(
        "Bukti DIMUSNAHKAN oleh %s: unggahan=%s nama=%r sha256=%s bukti_fisik=%s "
        "isi_dihapus=%s alasan=%r",
        user.get_username(),
        *info,
        erase,
        alasan.strip(),
    )
    return erase
