"""Stored evidence objects that no ``Berkas`` row points at (orphans), and their removal.

An upload stores the file first and commits its row afterwards; a worker that dies in between
(killed, out of memory, power cut) leaves the stored object without a row. Nothing refers to it
and nobody can download it, but it fills the storage. ``berkas_yatim`` lists such objects that
are older than a grace period (an upload still in flight has its file but not yet its row), and
``hapus_yatim`` deletes them. Works through the storage API, so on local disk and S3 alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.storage import Storage
from django.utils import timezone

from evidence.models import Berkas
from evidence.storage import bukti_storage

#: An object younger than this may belong to an upload whose transaction is still open.
UMUR_MINIMUM = timedelta(hours=1)


@dataclass(frozen=True)
class Yatim:
    """One orphan: its storage name, size in bytes and last modification time (aware)."""

    nama: str
    ukuran: int
    diubah: datetime


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    dirs, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in dirs:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def berkas_yatim(
    *, storage: Storage | None = None, umur: timedelta = UMUR_MINIMUM, sekarang=None
) -> list[Yatim]:
    """Every stored object with no ``Berkas`` row, last modified more than ``umur`` ago.

    ``storage`` defaults to the evidence storage; ``sekarang`` (an aware datetime) to now.
    Returns them sorted by name; a missing storage root is an empty list.
    """
    storage = storage or bukti_storage()
    batas = (sekarang or timezone.now()) - umur
    try:
        names = sorted(_walk(storage))
    except FileNotFoundError:
        return []
    known = set(
        Berkas.objects.filter(nama_penyimpanan__in=names).values_list("nama_penyimpanan", flat=True)
    )
    found = []
    for name in names:
        if name in known:
            continue
        diubah = storage.get_modified_time(name)
        if timezone.is_naive(diubah):
            diubah = timezone.make_aware(diubah)
        if diubah < batas:
            found.append(Yatim(name, storage.size(name), diubah))
    return found


def hapus_yatim(yatim: list[Yatim], *, storage: Storage | None = None) -> int:
    """Delete the listed orphans, re-checking each has still no row; return how many went."""
    storage = storage or bukti_storage()
    removed = 0
    for item in yatim:
        # A row may have been committed since the listing (a very slow upload): keep it then.
        if Berkas.objects.filter(nama_penyimpanan=item.nama).exists():
            continue
        storage.delete(item.nama)
        removed += 1
    return removed
