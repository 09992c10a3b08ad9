"""Private storage of evidence files, through Django's storage API (``STORAGES["bukti"]``).

Default: ``BuktiStorage``, a ``FileSystemStorage`` under ``settings.DATA_DIR / "bukti"`` with
owner-only permissions and no URL (evidence is never served by a public URL; downloads go
through ``evidence.views.files`` after the permission check). Files are stored under generated
names (``<satker kode>/<sha256[:2]>/<sha256><ext>``) and never overwritten: Django's
``FileSystemStorage`` opens with ``O_EXCL`` and picks another name if one exists.

Another backend (S3-compatible object storage via django-storages) is configured in
``settings.STORAGES["bukti"]``; see ``evidence/README.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages

STORAGE_ALIAS = "bukti"


class BuktiStorage(FileSystemStorage):
    """``FileSystemStorage`` rooted at ``settings.DATA_DIR / "bukti"`` (read at use time).

    The location follows ``DATA_DIR`` when no ``location`` option is given, so a deployment
    (or a test) that moves ``DATA_DIR`` moves the evidence with it. ``url()`` refuses: there
    is no public URL for evidence.
    """

    def __init__(self, location: str | os.PathLike | None = None, **kwargs) -> None:
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(self._location or Path(settings.DATA_DIR) / "bukti")

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Bukti fisik tidak punya URL publik; unduh lewat aplikasi.")


def bukti_storage() -> Storage:
    """The configured evidence storage (``STORAGES["bukti"]``, or ``BuktiStorage()``)."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    return BuktiStorage()


def local_path(storage: Storage, name: str) -> str | None:
    """The file-system path of ``name`` when ``storage`` is on the local disk, else ``None``."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return None
