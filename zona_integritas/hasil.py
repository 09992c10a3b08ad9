"""The ``hasil`` storage: generated files (cached PDFs, evidence packs), and its size/age cap.

Glue, below every app: the PDF machinery (``zona_integritas.printing``) caches into it and
``jobs`` serves from it (docs/architecture.md §2).

Default ``HasilStorage``: the local disk under ``settings.DATA_DIR / "hasil"``, owner-only, no
URL. A file appears complete or not at all: it is written to a temporary name in the same
directory and hard-linked into place, so a reader in another process never sees half a PDF or
half a ZIP, and an existing name is never overwritten. ``settings.STORAGES["hasil"]`` may
instead name django-storages' ``S3Storage`` (an upload is atomic there too).

Everything here can be rendered again from the database and the evidence storage, so
``pangkas_hasil`` deletes what is older than ``ZI_HASIL_MAX_AGE_DAYS`` and then the oldest files
until the total is below ``ZI_HASIL_MAX_MB``.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.move import file_move_safe
from django.core.files.storage import Storage, storages
from django.utils import timezone

from zona_integritas.storage import PrivateStorage, local_path

__all__ = ["HasilStorage", "hasil_storage", "local_path", "pangkas", "pangkas_sesekali"]

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "hasil"
#: Folders of the storage that the cap looks at.
FOLDERS = ("cetak", "paket")


class HasilStorage(PrivateStorage):
    """Private local storage (like the evidence one) rooted at ``settings.DATA_DIR / "hasil"``,
    with atomic saves."""

    FOLDER = "hasil"

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Berkas hasil tidak punya URL publik; unduh lewat aplikasi.")

    def _save(self, name: str, content) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, mode=0o700, exist_ok=True)
        if hasattr(content, "temporary_file_path"):
            tmp = content.temporary_file_path()
        else:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    for chunk in content.chunks():
                        handle.write(chunk)
            except BaseException:
                os.unlink(tmp)
                raise
        try:
            while True:
                try:
                    # link() fails if the name exists: never overwrite, pick another name.
                    os.link(tmp, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                except OSError:
                    # No hard links across file systems (a temporary file elsewhere): move.
                    file_move_safe(tmp, full_path, allow_overwrite=False)
                    break
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")


def hasil_storage() -> Storage:
    """The configured storage of generated files (``STORAGES["hasil"]``, or ``HasilStorage()``)."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    return HasilStorage()


def temp_dir() -> Path:
    """A directory for files being built, on the same disk as the local ``hasil`` storage."""
    path = Path(settings.DATA_DIR) / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class HasilPangkas:
    """What ``pangkas`` did: files kept and deleted, bytes kept and freed."""

    disimpan: int = 0
    dihapus: int = 0
    bait_disimpan: int = 0
    bait_dibebaskan: int = 0


def pangkas(
    *,
    storage: Storage | None = None,
    max_age: datetime.timedelta | None = None,
    max_bytes: int | None = None,
    now: datetime.datetime | None = None,
) -> HasilPangkas:
    """Delete generated files older than ``max_age``, then the oldest beyond ``max_bytes`` total.

    Defaults: ``settings.ZI_HASIL_MAX_AGE_DAYS`` days and ``ZI_HASIL_MAX_MB`` megabytes. Looks
    at the folders ``cetak/`` and ``paket/`` of the ``hasil`` storage (local or S3). A file that
    disappears meanwhile (another process pruned it) is skipped. Returns a ``HasilPangkas``.
    """
    storage = storage or hasil_storage()
    if max_age is None:
        max_age = datetime.timedelta(days=settings.ZI_HASIL_MAX_AGE_DAYS)
    if max_bytes is None:
        max_bytes = settings.ZI_HASIL_MAX_MB * 1024 * 1024
    now = now or timezone.now()
    files: list[tuple[datetime.datetime, int, str]] = []
    for folder in FOLDERS:
        try:
            _dirs, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for filename in names:
            if filename.startswith(".tmp-"):
                continue
            name = f"{folder}/{filename}"
            try:
                files.append((storage.get_modified_time(name), storage.size(name), name))
            except FileNotFoundError:
                continue
    files.sort()
    hasil = HasilPangkas()
    total = sum(size for _m, size, _n in files)
    for modified, size, name in files:
        if now - modified > max_age or total > max_bytes:
            storage.delete(name)
            total -= size
            hasil.dihapus += 1
            hasil.bait_dibebaskan += size
        else:
            hasil.disimpan += 1
            hasil.bait_disimpan += size
    if hasil.dihapus:
        logger.info("hasil: %d berkas lama dihapus (%d bait)", hasil.dihapus, hasil.bait_dibebaskan)
    return hasil


def pangkas_sesekali(*, every_seconds: int = 600) -> HasilPangkas | None:
    """Run ``pangkas`` at most once per ``every_seconds`` across processes (a cache lock)."""
    if not cache.add("jobs:pangkas-hasil", 1, timeout=every_seconds):
        return None
    return pangkas()
