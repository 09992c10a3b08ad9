"""Read queries of the plans app, scoped by user, with their joins decided here.

Templates and reports never trigger queries: the plan tree is fetched in a fixed number of
queries (one per level) whatever the plan's size, then laid out as the SK's lampiran table by
``lampiran_table``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from access.models import Satker
from access.permissions import can, satkers_where
from plans import tree
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, RencanaArea
from plans.services.workflow import STATUS_BOLEH_UBAH, Status


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


def rencana_tree(
    *,
    rencana: RencanaAksi,
    area_ids: list[int] | None = None,
    komponen_ids: list[int] | None = None,
) -> list[RencanaArea]:
    """The plan's areas with komponen → indikator → langkah aksi → bukti fisik prefetched.

    Five queries whatever the plan's size. Archived rows (kept because evidence points at them
    after a replacing import) are left out. ``area_ids`` and ``komponen_ids`` limit the tree
    to those areas and komponen (one page of a large plan, ``halaman_area``).
    """
    live = {"diarsipkan": False}
    bukti_qs = BuktiFisik.objects.filter(**live).order_by("urutan", "pk")
    langkah_qs = (
        LangkahAksi.objects.filter(**live)
        .order_by("urutan", "pk")
        .prefetch_related(Prefetch("bukti_fisik", queryset=bukti_qs))
    )
    indikator_qs = (
        Indikator.objects.filter(**live)
        .order_by("urutan", "pk")
        .prefetch_related(Prefetch("langkah_aksi", queryset=langkah_qs))
    )
    komponen_qs = Komponen.objects.filter(**live)
    if komponen_ids is not None:
        komponen_qs = komponen_qs.filter(pk__in=komponen_ids)
    komponen_qs = komponen_qs.order_by("urutan", "pk").prefetch_related(
        Prefetch("indikator", queryset=indikator_qs)
    )
    areas = RencanaArea.objects.filter(rencana=rencana, **live)
    if area_ids is not None:
        areas = areas.filter(pk__in=area_ids)
    return list(
        areas.select_related("area")
        .order_by("urutan", "pk")
        .prefetch_related(Prefetch("komponen", queryset=komponen_qs))
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


def _penanggung_jawab(b: BarisTabel) -> str:
    return b.bukti.penanggung_jawab if b.bukti is not None else ""


def _merge_penanggung_jawab(baris: list[BarisTabel]) -> None:
    start = 0
    while start < len(baris):
        pj = _penanggung_jawab(baris[start])
        end = start + 1
        while end < len(baris) and _penanggung_jawab(baris[end]) == pj:
            end += 1
        baris[start].penanggung_jawab = pj
        baris[start].penanggung_jawab_rowspan = end - start
        start = end


#: Above this many live bukti fisik, the plan pages (plan, row editor, evidence) show one area at
#: a time: a 1,200-row plan rendered whole is megabytes of HTML and seconds of rendering.
BATAS_SATU_HALAMAN = 300
#: A shown area larger than this many bukti fisik is cut into parts of whole komponen.
BUKTI_PER_BAGIAN = 100


@dataclass
class AreaRingkas:
    """One area in the area navigation: its numbers of live komponen and bukti fisik."""

    pk: int
    nomor: str
    judul: str
    jumlah_komponen: int
    jumlah_bukti: int


@dataclass
class HalamanArea:
    """Which areas a plan page shows: all (``terpilih`` is ``None``) or one area of a plan
    larger than ``BATAS_SATU_HALAMAN`` bukti fisik, with the navigation between areas."""

    areas: list[AreaRingkas]
    terpilih: int | None
    bagian: list[list[int]] = field(default_factory=list)  # komponen ids per part of the area
    bagian_ke: int = 1

    @property
    def area_ids(self) -> list[int] | None:
        return None if self.terpilih is None else [self.terpilih]

    @property
    def komponen_ids(self) -> list[int] | None:
        """The komponen of the part shown, ``None`` when the area is shown whole."""
        return self.bagian[self.bagian_ke - 1] if len(self.bagian) > 1 else None

    def bagian_dengan(self, komponen_id: int) -> int:
        """The part (1-based) of the shown area that holds ``komponen_id`` (1 if none)."""
        return next((i for i, ids in enumerate(self.bagian, 1) if komponen_id in ids), 1)

    @property
    def jumlah_bukti(self) -> int:
        return sum(a.jumlah_bukti for a in self.areas)

    @property
    def jumlah_komponen(self) -> int:
        return sum(a.jumlah_komponen for a in self.areas)


def halaman_area(
    *,
    rencana: RencanaAksi,
    area: str | int | None,
    bagian: str | int | None = None,
    batas: int = BATAS_SATU_HALAMAN,
) -> HalamanArea:
    """The areas of ``rencana`` with their counts (one query) and the one to show: ``area``
    (a ``RencanaArea`` pk from ``?area=``) when valid, else the first; ``None`` (all) for a
    plan of at most ``batas`` bukti fisik. An area of more than ``BUKTI_PER_BAGIAN`` bukti
    fisik is cut into parts of whole komponen (one more query); ``bagian`` (1-based, from
    ``?bagian=``) picks the part."""
    rows = (
        RencanaArea.objects.filter(rencana=rencana, diarsipkan=False)
        .order_by("urutan", "pk")
        .annotate(
            n_komponen=Count("komponen", filter=Q(komponen__diarsipkan=False), distinct=True),
            n_bukti=_count_live_bukti(tree.path_down("bukti", start="area")),
        )
        .values_list("pk", "nomor", "judul", "n_komponen", "n_bukti")
    )
    areas = [AreaRingkas(*row) for row in rows]
    if sum(a.jumlah_bukti for a in areas) <= batas or not areas:
        return HalamanArea(areas, None)
    try:
        wanted = int(area) if area not in (None, "") else None
    except (TypeError, ValueError):
        wanted = None
    ids = [a.pk for a in areas]
    chosen = wanted if wanted in ids else ids[0]
    parts = _bagian_area(chosen)
    try:
        ke = min(max(int(bagian or 1), 1), len(parts))
    except (TypeError, ValueError):
        ke = 1
    return HalamanArea(areas, chosen, parts, ke)


def _count_live_bukti(path: str) -> Count:
    """Count of the live bukti fisik at ``path`` (a ``tree.path_down("bukti", start=…)``):
    every level on the way not archived."""
    parts = path.split("__")
    live = Q(**{"__".join(parts[: i + 1]) + "__diarsipkan": False for i in range(len(parts))})
    return Count(path, filter=live, distinct=True)


def _bagian_area(area_id: int) -> list[list[int]]:
    """The area's live komponen ids in order, cut into parts of at most ``BUKTI_PER_BAGIAN``
    bukti fisik (a larger komponen is a part of its own). One query."""
    rows = (
        Komponen.objects.filter(rencana_area_id=area_id, diarsipkan=False)
        .order_by("urutan", "pk")
        .annotate(n=_count_live_bukti(tree.path_down("bukti", start="komponen")))
        .values_list("pk", "n")
    )
    parts: list[list[int]] = [[]]
    size = 0
    for pk, n in rows:
        if parts[-1] and size + n > BUKTI_PER_BAGIAN:
            parts.append([])
            size = 0
        parts[-1].append(pk)
        size += n
    return parts


# --- the plan in force, workflow buttons, copy sources ------------------------------------

#: Order that puts first, within one satker/year/framework, the plan *in force*: the newest
#: ditetapkan revision, else (nothing signed yet) the newest revision. A new revision is a
#: draft until it is itself enacted; until then dashboards, reminders and the monev keep
#: reading the signed one.
URUTAN_BERLAKU = (
    Case(
        When(status=Status.DITETAPKAN, then=Value(0)), default=Value(1), output_field=IntegerField()
    ),
    "-revisi",
)


def rencana_berlaku(qs: QuerySet[RencanaAksi], *group: str) -> list[RencanaAksi]:
    """The plan in force of every ``group`` (e.g. ``"satker_id", "kerangka_id"``) in ``qs``.

    One query; returns the plans in the order of their group's first appearance.
    """
    chosen: dict[tuple, RencanaAksi] = {}
    for rencana in qs.order_by(*group, *URUTAN_BERLAKU):
        chosen.setdefault(tuple(getattr(rencana, g) for g in group), rencana)
    return list(chosen.values())


def transisi_tersedia(*, rencana: RencanaAksi, user) -> list[str]:
    """Names of the transitions ``user`` may start on ``rencana`` now (for the action buttons).

    Returns a subset of ``["ajukan", "tarik", "setujui", "kembalikan", "tetapkan"]``.
    """
    satker = rencana.satker
    out = []
    if rencana.status in STATUS_BOLEH_UBAH and can(user, "rencana.ajukan", satker):
        out.append("ajukan")
    if rencana.status in {Status.DIAJUKAN, Status.DISETUJUI} and can(
        user, "rencana.ajukan", satker
    ):
        out.append("tarik")
    if rencana.status == Status.DIAJUKAN and can(user, "rencana.tinjau", satker):
        out += ["setujui", "kembalikan"]
    if rencana.status == Status.DISETUJUI and can(user, "rencana.tetapkan", satker):
        out.append("tetapkan")
    return out


def sumber_salinan(*, user) -> QuerySet[RencanaAksi]:
    """Plans ``user`` may copy from: every plan they can see, plus the province templates.

    A province template is a plan of the province satker (``jenis=provinsi``) that is the
    ``induk`` of a satker where the user may edit plans: the province publishes it for its
    kabupaten/kota to start from, so a member of a child satker may copy it without being able
    to browse the province's pages.
    """
    editable = satkers_where(user, "rencana.ubah")
    provinces = editable.exclude(induk__isnull=True).values("induk_id")
    visible = RencanaAksi.objects.for_user(user).values("pk")
    return (
        RencanaAksi.objects.filter(Q(pk__in=visible) | Q(satker_id__in=provinces))
        .select_related("satker", "kerangka")
        .order_by("-tahun", "satker__kode", "kerangka__kode", "-revisi")
    )


# --- history ---------------------------------------------------------------------------------

#: Fields never shown in a diff: bookkeeping, not content.
_SKIP = {"versi", "diubah", "dibuat"}
JENIS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


@dataclass
class Perubahan:
    """One historical record of the plan or a row, with what changed against the previous one.

    ``tingkat`` is ``"rencana"`` or a level code of ``plans.tree.LEVELS``; ``perubahan`` lists
    ``(field verbose name, old value, new value)``; ``dapat_dipulihkan`` is True for the
    deletion record of a row that does not exist any more.
    """

    waktu: datetime
    oleh: str
    jenis: str  # "dibuat" | "diubah" | "dihapus"
    tingkat: str
    label: str
    obj_id: int
    history_id: int
    ringkasan: str
    perubahan: list[tuple[str, object, object]] = field(default_factory=list)
    dapat_dipulihkan: bool = False


def _records(rencana: RencanaAksi) -> list[tuple[str, str, list]]:
    """``(tingkat, label, records)`` for the plan and each level, oldest first within a level."""
    out = []
    plan_records = list(
        RencanaAksi.history.filter(id=rencana.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    out.append(("rencana", "rencana aksi", plan_records))
    parent_ids: set[int] = {rencana.pk}
    for level in tree.LEVELS:
        records = list(
            level.model.history.filter(**{f"{level.parent_field}_id__in": parent_ids})
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        out.append((level.kode, level.label, records))
        parent_ids = {r.id for r in records}
    return out


def _user_label(record) -> str:
    user = record.history_user
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()


def riwayat_rencana(
    *, rencana: RencanaAksi, tingkat: str | None = None, obj_id: int | None = None
) -> list[Perubahan]:
    """Every recorded change of ``rencana`` and its rows, newest first.

    ``tingkat``/``obj_id`` narrow it to one row (``tingkat="indikator", obj_id=12``). Runs a
    fixed number of queries (plan, five levels, one existence check per level with deletions).
    """
    result: list[Perubahan] = []
    for kode, label, records in _records(rencana):
        if tingkat and kode != tingkat:
            continue
        previous: dict[int, object] = {}
        deleted_ids = {r.id for r in records if r.history_type == "-"}
        model: Any = RencanaAksi if kode == "rencana" else tree.level_of(kode).model
        alive = (
            set(model.objects.filter(pk__in=deleted_ids).values_list("pk", flat=True))
            if deleted_ids
            else set()
        )
        last_record = {r.id: r.history_id for r in records}
        for record in records:
            if obj_id and record.id != obj_id:
                continue
            item = Perubahan(
                waktu=record.history_date,
                oleh=_user_label(record),
                jenis=JENIS.get(record.history_type, record.history_type),
                tingkat=kode,
                label=label,
                obj_id=record.id,
                history_id=record.history_id,
                ringkasan=_ringkasan(record),
            )
            before = previous.get(record.id)
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before, excluded_fields=_SKIP)
                item.perubahan = [
                    (
                        str(getattr(model._meta.get_field(c.field), "verbose_name", c.field)),
                        c.old,
                        c.new,
                    )
                    for c in delta.changes
                ]
            item.dapat_dipulihkan = (
                kode != "rencana"
                and record.history_type == "-"
                and record.id not in alive
                and last_record[record.id] == record.history_id
            )
            previous[record.id] = record
            result.append(item)
    result.sort(key=lambda p: (p.waktu, p.history_id), reverse=True)
    return result


def _ringkasan(record) -> str:
    text = getattr(record, "nama", None) or getattr(record, "judul", None) or ""
    text = " ".join(str(text).split())
    return text if len(text) <= 120 else text[:117] + "…"
