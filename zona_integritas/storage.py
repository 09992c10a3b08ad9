"""Private file storage shared by the apps: owner-only files under ``settings.DATA_DIR``, no URL.

Evidence (``evidence.storage.BuktiStorage``) and generated files (``zona_integritas.hasil.HasilStorage``)
are both private: never served by a public URL, only through a view after its permission
check (or nginx's ``X-Accel-Redirect`` from such a view).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


class PrivateStorage(FileSystemStorage):
    """``FileSystemStorage`` rooted at ``settings.DATA_DIR / FOLDER`` (read at use time).

    The location follows ``DATA_DIR`` when no ``location`` option is given, so a deployment (or
    a test) that moves ``DATA_DIR`` moves the files with it. Files are 0600, folders 0700;
    ``url()`` refuses: there is no public URL. Subclasses set ``FOLDER``.
    """

    FOLDER = "berkas"

    def __init__(self, location: str | os.PathLike | None = None, **kwargs) -> None:
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(self._location or Path(settings.DATA_DIR) / self.FOLDER)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Berkas ini tidak punya URL publik; unduh lewat aplikasi.")


def local_path(storage: Storage, name: str) -> str | None:
    """The file-system path of ``name`` when ``storage`` is on the local disk, else ``None``."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return None
