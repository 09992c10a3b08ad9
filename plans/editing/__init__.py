"""Editing plans in the browser: services behind the editing views.

- ``common``: who may edit now (``pastikan_boleh_ubah``), optimistic locking (``klaim_versi``,
  ``KonflikVersi``), the tree levels (``TINGKAT``);
- ``rows``: add/edit/delete/reorder rows, edit the SK text;
- ``salin``: create a plan (empty or copied) and new revisions.

Workflow transitions live in ``plans.workflow``, history and restore in ``plans.history``.
"""

from __future__ import annotations

from plans.editing.common import (
    TINGKAT,
    KonflikVersi,
    RencanaTerkunci,
    alasan_terkunci,
    klaim_versi,
    pastikan_boleh_ubah,
    rencana_of,
)
from plans.editing.rows import (
    FIELDS,
    SK_FIELDS,
    baris_hapus,
    baris_pindah,
    baris_simpan,
    baris_tambah,
    hitung_turunan,
    rencana_sk_simpan,
)
from plans.editing.salin import rencana_buat, rencana_revisi_baru, sumber_salinan

__all__ = [
    "FIELDS",
    "SK_FIELDS",
    "TINGKAT",
    "KonflikVersi",
    "RencanaTerkunci",
    "alasan_terkunci",
    "baris_hapus",
    "baris_pindah",
    "baris_simpan",
    "baris_tambah",
    "hitung_turunan",
    "klaim_versi",
    "pastikan_boleh_ubah",
    "rencana_buat",
    "rencana_of",
    "rencana_revisi_baru",
    "rencana_sk_simpan",
    "sumber_salinan",
]
