"""Reads of the monev form: how a monev is split into parts that are edited one at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitoring.models import BarisMonev, Monev

#: Rows per part of the monev form. About 7 fields per row: a part posts ~190 fields, well
#: under ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (1,000), and renders in a fraction of a second.
BARIS_PER_BAGIAN = 25


@dataclass
class Bagian:
    """One part of the monev form: ``nomor`` (1-based), its area, which slice of the area
    (``ke`` of ``dari``) and the ``BarisMonev`` ids it edits, in report order."""

    nomor: int
    area: str
    ke: int
    dari: int
    baris_ids: list[int] = field(default_factory=list)

    @property
    def judul(self) -> str:
        return self.area if self.dari == 1 else f"{self.area} ({self.ke}/{self.dari})"


def bagian_monev(monev: Monev, *, per_bagian: int = BARIS_PER_BAGIAN) -> list[Bagian]:
    """The parts of ``monev``: one per area, a large area cut into slices of ``per_bagian`` rows
    (one query over two columns, whatever the plan's size)."""
    per_area: dict[str, list[int]] = {}
    rows = BarisMonev.objects.filter(monev=monev).order_by("urutan", "pk")
    for pk, area in rows.values_list("pk", "area_teks"):
        per_area.setdefault(area, []).append(pk)
    parts: list[Bagian] = []
    for area, ids in per_area.items():
        slices = [ids[i : i + per_bagian] for i in range(0, len(ids), per_bagian)]
        for k, chunk in enumerate(slices, start=1):
            parts.append(Bagian(len(parts) + 1, area, k, len(slices), chunk))
    return parts
