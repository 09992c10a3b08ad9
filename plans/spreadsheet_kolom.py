"""Columns of the plan-rows spreadsheet and what the import preview shows of a line.

``H`` maps each column key to its header (the lampiran's column names); ``Perubahan`` is one line
of the preview with its fields before and after. Used by ``plans.services.spreadsheet``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.resources import FORMULA_PREFIXES

#: Column key → header in the sheet (the lampiran's column names).
H = {
    "id": "ID",
    "area": "NO AREA",
    "area_judul": "AREA PERUBAHAN",
    "komponen_nomor": "NO KOMPONEN",
    "komponen": "KOMPONEN",
    "indikator": "INDIKATOR",
    "langkah_aksi": "LANGKAH AKSI",
    "bukti_fisik": "BUKTI FISIK",
    "target_waktu": "TARGET WAKTU",
    "bulan": "PELAKSANAAN BULAN",
    "penanggung_jawab": "PENANGGUNG JAWAB",
    "versi": "VERSI",
}
KOLOM = tuple(H.values())
#: Headers of sheets exported before the lampiran names were used: the snake_case keys of ``H``.
HEADER_LAMA = H


def unsafe_cell(value) -> str:
    """Undo ``safe_cell``: ``'=SUM(…)`` back to ``=SUM(…)``; ``None`` → ``""``."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def row_text(row, key: str) -> str:
    """The text of column ``key`` (a key of ``H``) in an imported line, formula guard removed."""
    return unsafe_cell(row.get(H[key])).strip()


@dataclass(frozen=True)
class Perubahan:
    """One line of the import preview: ``jenis`` ``baru``/``ubah``/``konflik``, the line's number
    in the sheet, the bukti fisik id (None for a new one), its name, and the fields
    ``(label, before, after)`` the file sets (new lines: ``before`` is '')."""

    jenis: str
    baris: int
    id: int | None
    nama: str
    kolom: list[tuple[str, str, str]]


# The bukti fisik's own fields the sheet writes, with their headers.
_OWN = (("nama", "bukti_fisik"), ("target_waktu", "target_waktu"),
        ("penanggung_jawab", "penanggung_jawab"), ("bulan", "bulan"))  # fmt: skip


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value or "")


def changed_fields(original, instance) -> list[tuple[str, str, str]]:
    out = []
    for attr, key in _OWN:
        before, after = getattr(original, attr), getattr(instance, attr)
        if before != after:
            out.append((H[key].capitalize(), _shown(before), _shown(after)))
    return out


def new_fields(row) -> list[tuple[str, str, str]]:
    keys = ("area", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu",
            "penanggung_jawab")  # fmt: skip
    return [(H[k].capitalize(), "", row_text(row, k)) for k in keys if row_text(row, k)]


def stale(instance, row) -> bool:
    """Was the row saved (in the browser) after the sheet was exported? Compares the sheet's
    ``VERSI`` with the stored version; a sheet without it cannot tell (never stale)."""
    raw = row.get(H["versi"])
    if not instance.pk or raw in (None, ""):
        return False
    try:
        return int(raw) < instance.versi
    except (TypeError, ValueError):
        return False
