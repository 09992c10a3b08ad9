"""Read queries of the plans app, scoped by user, with their joins decided here.

Templates and reports never trigger queries: the plan tree is fetched in a fixed number of
queries (one per level) whatever the plan's size, then laid out as the SK's lampiran table by
``lampiran_table``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from plans import tree
from plans.models import (
    BuktiFisik,
    Indikator,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
    Satker,
)


def rencana_for_user(*, user) -> QuerySet[RencanaAksi]:
    """Plans ``user`` may see, with satker and kerangka joined."""
    return RencanaAksi.objects.for_user(user).select_related("satker", "satker__induk", "kerangka")


# Words people put before a region name ("KPU Kabupaten Kudus", "Kab. Tegal").
_JENIS_WORDS = {
    "kabupaten": Satker.Jenis.KABUPATEN,
    "kab": Satker.Jenis.KABUPATEN,
    "kota": Satker.Jenis.KOTA,
    "provinsi": Satker.Jenis.PROVINSI,
    "prov": Satker.Jenis.PROVINSI,
}


def satker_matching(text: str, *, prefix: str = "") -> Q:
    """A filter for the satker a user typed: its code (``3319``) or its name.

    A name may carry ``KPU`` and the kind (``KPU Kabupaten Kudus``, ``Kota Tegal``, ``kab.
    tegal``); the rest is matched case-insensitively inside ``Satker.wilayah``, so ``Tegal``
    finds both the kabupaten and the kota. ``prefix`` points the lookups through a relation
    (``"satker__"`` for plans). Returns a ``Q`` object.
    """
    words = text.replace(".", " ").split()
    if words and words[0].lower() == "kpu":
        words = words[1:]
    jenis = _JENIS_WORDS.get(words[0].lower()) if words else None
    if jenis:
        words = words[1:]
    name = " ".join(words)
    if name.isdigit():
        return Q(**{f"{prefix}kode": name})
    condition = Q(**{f"{prefix}wilayah__icontains": name})
    if jenis:
        condition &= Q(**{f"{prefix}jenis": jenis})
    return condition


def rencana_list(*, user, tahun: int | None = None, satker_kode: str | None = None, q: str = ""):
    """The plan list: visible plans with their row counts (one query).

    ``satker_kode`` is what the user typed in the satker filter: a code or a name
    (``satker_matching``).

    ``jumlah_bukti`` counts the live (not archived) bukti fisik of each plan.
    """
    qs = rencana_for_user(user=user).annotate(
        jumlah_bukti=Count(
            tree.path_down("bukti"),
            filter=Q(**{f"{tree.path_down('bukti')}__diarsipkan": False}),
        )
    )
    if tahun:
        qs = qs.filter(tahun=tahun)
    if satker_kode:
        qs = qs.filter(satker_matching(satker_kode, prefix="satker__"))
    if q:
        qs = qs.filter(
            Q(judul__icontains=q) | Q(satker__wilayah__icontains=q) | Q(sk_nomor__icontains=q)
        )
    return qs.order_by("-tahun", "satker__kode", "kerangka__kode", "-revisi")


def rencana_tree(*, rencana: RencanaAksi) -> list[RencanaArea]:
    """The plan's areas with komponen → indikator → langkah aksi → bukti fisik prefetched.

    Five queries whatever the plan's size. Archived rows (kept because evidence points at them
    after a replacing import) are left out.
    """
    live = {"diarsipkan": False}
    below = None  # each level's rows, with the level below prefetched (built leaf first)
    for level in reversed(tree.LEVELS[1:]):
        qs = level.model.objects.filter(**live).order_by("urutan", "pk")
        if below is not None:
            qs = qs.prefetch_related(Prefetch(level.children, queryset=below))
        below = qs
    return list(
        RencanaArea.objects.filter(rencana=rencana, **live)
        .select_related("area")
        .order_by("urutan", "pk")
        .prefetch_related(Prefetch(tree.LEVELS[0].children, queryset=below))
    )


@dataclass
class BarisTabel:
    """One line of the lampiran table: a bukti fisik with the cells it opens.

    ``komponen``/``indikator``/``langkah`` are set only on the first line of that node, with the
    number of lines the cell spans (``*_rowspan``), so a template prints spanning cells as the SK
    does. A node without any bukti fisik still gets one line (``bukti`` is ``None``).
    """

    bukti: BuktiFisik | None
    komponen: Komponen | None = None
    komponen_rowspan: int = 1
    indikator: Indikator | None = None
    indikator_rowspan: int = 1
    langkah: LangkahAksi | None = None
    langkah_rowspan: int = 1
    penanggung_jawab: str | None = None
    penanggung_jawab_rowspan: int = 1

    @property
    def bulan_set(self) -> set[int]:
        return set(self.bukti.bulan) if self.bukti else set()


@dataclass
class AreaTabel:
    """An area row of the lampiran table and the lines under it."""

    area: RencanaArea
    baris: list[BarisTabel] = field(default_factory=list)


def lampiran_table(areas: list[RencanaArea]) -> list[AreaTabel]:
    """Lay out a prefetched plan tree (``rencana_tree``) as the SK's lampiran table.

    Returns one ``AreaTabel`` per area with its lines in document order. Penanggung jawab cells
    merge consecutive lines that name the same person or team (the monthly format gives the PJ
    once per area). Runs no query when the tree was prefetched.
    """
    result: list[AreaTabel] = []
    for area in areas:
        tabel = AreaTabel(area=area)
        for komponen in area.komponen.all():
            first_komponen_line = len(tabel.baris)
            for indikator in komponen.indikator.all():
                first_indikator_line = len(tabel.baris)
                for langkah in indikator.langkah_aksi.all():
                    first_langkah_line = len(tabel.baris)
                    for bukti in langkah.bukti_fisik.all() or [None]:
                        tabel.baris.append(BarisTabel(bukti=bukti))
                    _open(tabel.baris, first_langkah_line, "langkah", langkah)
                if len(tabel.baris) == first_indikator_line:
                    tabel.baris.append(BarisTabel(bukti=None))
                _open(tabel.baris, first_indikator_line, "indikator", indikator)
            if len(tabel.baris) == first_komponen_line:
                tabel.baris.append(BarisTabel(bukti=None))
            _open(tabel.baris, first_komponen_line, "komponen", komponen)
        _merge_penanggung_jawab(tabel.baris)
        result.append(tabel)
    return result


def _open(baris: list[BarisTabel], start: int, name: str, node) -> None:
    setattr(baris[start], name, node)
    setattr(baris[start], f"{name}_rowspan", len(baris) - start)


def _merge_penanggung_jawab(baris: list[BarisTabel]) -> None:
    start = 0
    while start < len(baris):
        pj = baris[start].bukti.penanggung_jawab if baris[start].bukti else ""
        end = start + 1
        while (
            end < len(baris)
            and (baris[end].bukti.penanggung_jawab if baris[end].bukti else "") == pj
        ):
            end += 1
        baris[start].penanggung_jawab = pj
        baris[start].penanggung_jawab_rowspan = end - start
        start = end
