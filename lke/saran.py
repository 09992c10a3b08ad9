"""What to do next: per failed threshold, the items whose improvement closes the gap soonest.

Pure Python (no Django). For every scored item (``scoring.Butir``) the engine rescoring the
whole tree with that item at its best answer gives the gain on every criterion at once; a
failed criterion lists the items with a positive gain on it, largest first, and marks the
shortest prefix whose gains add up to the gap. Gains of items in the same sub area are not
strictly additive (the sub area is a mean), so the mark is an estimate; each gain itself is
exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lke.scoring import (
    EPS,
    INDEKS,
    KEPATUHAN,
    PENURUNAN,
    PILIHAN,
    Butir,
    Hasil,
    Jawaban,
    Node,
    Putusan,
    butir_of,
    hitung,
    nama_polos,
)


def jawaban_terbaik(butir: Butir, jawaban: Mapping[int, Jawaban]) -> dict[int, Jawaban] | None:
    """The answers that give ``butir`` its full value, or ``None`` if that is not defined.

    Choice: the key with the highest multiplier; survey index: 4; counts: the realisasi equal
    to its reference (this year's violations 0 for a decrease). A ratio whose reference is
    unanswered or 0 cannot be improved by the unit alone and gets ``None``.
    """
    soals = butir.soals
    if butir.rumus == PILIHAN:
        best = max(soals[0].pilihan, key=lambda p: p.multiplier)
        return {soals[0].id: best.key}
    if butir.rumus == INDEKS:
        return {soals[0].id: 4.0}
    if butir.rumus == PENURUNAN:
        lalu = jawaban.get(soals[0].id)
        return {soals[0].id: float(lalu or 0), soals[1].id: 0.0}
    acuan_soals = soals[:-1] if butir.rumus == KEPATUHAN else soals[:1]
    acuan = [jawaban.get(s.id) for s in acuan_soals]
    if any(a is None for a in acuan) or sum(float(a) for a in acuan) == 0:
        return None
    return {soals[-1].id: sum(float(a) for a in acuan)}


@dataclass
class Perbaikan:
    """Improving one item: its questions, its area, the answers to aim at, gain per criterion."""

    butir: Butir
    area: str
    target: dict[int, Jawaban]
    kenaikan: dict[str, float]


@dataclass
class SaranKriteria:
    """A failed criterion with its gap and the improvements that raise it, largest first.

    ``penutup`` is how many leading entries are estimated to close the gap (``len(daftar)``
    when even all of them are not enough).
    """

    kriteria: str
    kunci: str
    selisih: float
    daftar: list[tuple[Perbaikan, float]] = field(default_factory=list)
    penutup: int = 0

    def per_area(self) -> list[tuple[str, list[tuple[Perbaikan, float, bool]]]]:
        """The list grouped by area in order of first appearance, each entry with its mark."""
        groups: dict[str, list[tuple[Perbaikan, float, bool]]] = {}
        for i, (p, gain) in enumerate(self.daftar):
            groups.setdefault(p.area, []).append((p, gain, i < self.penutup))
        return list(groups.items())


def _items_with_area(roots: Iterable[Node]) -> list[tuple[Butir, str]]:
    found: list[tuple[Butir, str]] = []

    def visit(node: Node, area: str) -> None:
        # The area perubahan names the group; HASIL has none, its sub komponen does.
        if node.level == "area_perubahan" or (node.level == "sub_komponen" and not area):
            area = nama_polos(node.nama)
        for b in butir_of(node):
            found.append((b, area or nama_polos(node.nama)))
        for c in node.children:
            visit(c, area)

    for r in roots:
        visit(r, "")
    return found


def perbaikan_semua(
    roots: list[Node], jawaban: Mapping[int, Jawaban], sekarang: Hasil
) -> list[Perbaikan]:
    """Every item that can still gain, with its gain on every criterion key (score points)."""
    keys = [k.kunci for k in sekarang.wbk.kriteria]
    result = []
    for butir, area in _items_with_area(roots):
        target = jawaban_terbaik(butir, jawaban)
        if target is None or all(jawaban.get(i) == v for i, v in target.items()):
            continue
        baru = hitung(roots, {**jawaban, **target})
        kenaikan = {
            k: baru.nilai_kriteria(k) - sekarang.nilai_kriteria(k)
            for k in keys
            if baru.nilai_kriteria(k) - sekarang.nilai_kriteria(k) > EPS
        }
        if kenaikan:
            result.append(Perbaikan(butir, area, target, kenaikan))
    return result


def saran(putusan: Putusan, perbaikan: list[Perbaikan]) -> list[SaranKriteria]:
    """For each failed criterion of ``putusan``: the improvements raising it, largest gain first."""
    out = []
    for k in putusan.gagal:
        daftar = sorted(
            ((p, p.kenaikan[k.kunci]) for p in perbaikan if k.kunci in p.kenaikan),
            key=lambda pg: (-pg[1], pg[0].butir.soals[0].id),
        )
        total, penutup = 0.0, len(daftar)
        for i, (_p, gain) in enumerate(daftar):
            total += gain
            if total + EPS >= k.selisih:
                penutup = i + 1
                break
        out.append(SaranKriteria(k.nama, k.kunci, k.selisih, daftar, penutup))
    return out
