"""Optimistic locking of the monev: find what another person saved since a form was loaded.

A monev row (``BarisMonev``) and the monev's report fields carry a ``versi`` bumped by every
save. A form posts the ``versi`` it was loaded with; when it is older than the stored one, the
values at that version (from the history, ``django-simple-history``) tell which fields the user
changed and which the other person changed. A stale form the user did not touch is harmless;
a stale form the user did change is refused (``MonevKonflik``) so nothing is silently replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from monitoring.models import BarisMonev, Monev

#: Fields of a monev row the Tim ZI edits.
BARIS_FIELDS = ("realisasi_status", "realisasi_persen", "kendala", "tindak_lanjut", "catatan")
#: Report fields of the monev itself (``MonevUmumForm``).
MONEV_UMUM_FIELDS = (
    "kesimpulan", "nomor_laporan", "tanggal_laporan", "mengetahui_nama", "mengetahui_nip",
    "mengetahui_jabatan",
)  # fmt: skip


@dataclass
class PerubahanLain:
    """One row (or the report fields) changed by someone else: ``label`` names it, ``fields``
    lists ``(field label, value when loaded, value now, value the user posted)``."""

    label: str
    fields: list[tuple[str, Any, Any, Any]] = field(default_factory=list)
    baris_id: int | None = None


class MonevKonflik(ValidationError):
    """Raised when a save would replace someone else's newer changes; ``perubahan`` says which."""

    def __init__(self, perubahan: list[PerubahanLain]):
        self.perubahan = perubahan
        names = "; ".join(p.label[:80] for p in perubahan)
        super().__init__(
            f"Monev telah diubah orang lain sejak halaman ini dibuka ({names}). "
            "Tidak ada yang disimpan; periksa perubahan mereka lalu simpan lagi."
        )


def _at_version(model, ids: list[int], versions: set[int]) -> dict[tuple[int, int], Any]:
    """Historical records ``(id, versi) → record`` (the latest record of each pair)."""
    if not ids:
        return {}
    records = model.history.filter(id__in=ids, versi__in=versions).order_by("history_date")
    return {(r.id, r.versi): r for r in records}


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def konflik_baris(baris: dict[int, dict], current: dict[int, BarisMonev]) -> list[PerubahanLain]:
    """Rows whose posted ``versi`` is stale and whose values the user changed (one history
    query). ``baris``: row id → the posted values (``BARIS_FIELDS`` and ``versi``); ``current``:
    the rows locked for update."""
    stale = {pk: posted for pk, posted in baris.items() if posted.get("versi") != current[pk].versi}
    if not stale:
        return []
    loaded = _at_version(
        BarisMonev, list(stale), {posted.get("versi") for posted in stale.values()}
    )
    result = []
    for pk, posted in stale.items():
        row = current[pk]
        old = loaded.get((row.pk, posted.get("versi")))
        if old is not None and all(posted[f] == getattr(old, f) for f in BARIS_FIELDS):
            continue
        changed_by_other = [
            f for f in BARIS_FIELDS if old is None or getattr(old, f) != getattr(row, f)
        ]
        result.append(
            PerubahanLain(
                row.langkah_aksi_teks,
                [
                    (_label(BarisMonev, f), getattr(old, f, None), getattr(row, f), posted[f])
                    for f in changed_by_other
                ],
                row.pk,
            )
        )
    return result


def umum_changes(
    monev: Monev, data: dict, versi: int | None
) -> tuple[list[str], list[PerubahanLain]]:
    """The report fields the user changed, and the conflict if ``versi`` is stale and the user
    changed a field (empty list otherwise). ``monev`` is the row locked for update."""
    if versi == monev.versi:
        return [f for f in MONEV_UMUM_FIELDS if data[f] != getattr(monev, f)], []
    old = _at_version(Monev, [monev.pk], {versi}).get((monev.pk, versi))
    mine = [f for f in MONEV_UMUM_FIELDS if old is None or data[f] != getattr(old, f)]
    if not mine:
        return [], []
    theirs = [f for f in MONEV_UMUM_FIELDS if old is None or getattr(old, f) != getattr(monev, f)]
    rows = [(_label(Monev, f), getattr(old, f, None), getattr(monev, f), data[f]) for f in theirs]
    return [], [PerubahanLain("Data laporan", rows)]
