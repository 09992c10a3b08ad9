"""Helpers of the document import tests: fixture files and the plan content to compare."""

from __future__ import annotations

import re
from pathlib import Path

DOCUMENTS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"

#: The row fields that carry the plan's content (RB has no komponen, bukti fisik or PJ).
FIELDS = {
    "zi": ("area", "area_nama", "komponen_nomor", "komponen", "indikator", "langkah_aksi",
           "bukti_fisik", "target_waktu"),
    "zi_bulanan": ("area", "area_nama", "komponen_nomor", "komponen", "indikator",
                   "langkah_aksi", "bukti_fisik", "penanggung_jawab"),
    "rb": ("area", "indikator", "langkah_aksi", "target_waktu"),
}  # fmt: skip


def pdf_text(text: str) -> str:
    """A cell text as a PDF can give it back.

    A line may break after a slash, and a PDF does not say whether a space followed it, so
    ``Identifikasi/ pemetaan`` broken at the slash reads ``Identifikasi/pemetaan``; both sides
    of a comparison drop the space after a slash. Nothing else is normalised.
    """
    return re.sub(r"/ +", "/", text)


def plan_content(hasil, *, from_pdf: bool = False) -> list[tuple]:
    """Per row, in order: the content fields of its format and its months."""
    fields = FIELDS[hasil.format]
    clean = pdf_text if from_pdf else str
    return [
        (*tuple(clean(getattr(row, f)) for f in fields), tuple(row.bulan)) for row in hasil.rows
    ]
