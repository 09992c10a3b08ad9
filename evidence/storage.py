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

from django.conf import settings
from django.core.files.storage import Storage, storages

from zona_integritas.storage import PrivateStorage, local_path

__all__ = ["STORAGE_ALIAS", "BuktiStorage", "bukti_storage", "local_path"]

STORAGE_ALIAS = "bukti"


class BuktiStorage(PrivateStorage):
    """Private storage of evidence under ``settings.DATA_DIR / "bukti"`` (see the module doc)."""

    FOLDER = "bukti"

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Bukti fisik tidak punya URL publik; unduh lewat aplikasi.")


def bukti_storage() -> Storage:
    """The configured evidence storage (``STORAGES["bukti"]``, or ``BuktiStorage()``)."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    return BuktiStorage()
