"""Plan the write of a parsed lampiran under a plan, without writing: new, changed, left-over rows.

``plan_tree(rencana, rows, kerangka, fmt)`` walks the parsed rows (``BarisLampiran``) in document
order keeping the chain of open nodes (area → komponen → indikator → langkah aksi → bukti fisik);
a level opens a new node where its key changes, which also closes every level below. Each node
reuses an existing row of the plan when one with the same normalised text sits under the same
(reused) parent and is not yet taken, so primary keys, and the evidence attached to them, stay
stable across a replacing import. A reused row is written only when a value differs.

The same plan serves the dry run and the real save, so both agree: field values are validated
here (``clean_fields``), an empty required cell is kept empty as the document has it and reported
with its line and column, and any other invalid value is an ``ImporLampiranError`` naming line
and column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from plans.calendar_id import ROMAWI
from plans.lampiran import BarisLampiran, Peringatan
from plans.models import (
    AreaPerubahan,
    BuktiFisik,
    Indikator,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
)
from plans.target_waktu import parse_target_waktu
from plans.tree import level_of, path_to_rencana

#: Roman numeral → number, for the area rows of the SK ("III" → 3).
ANGKA_ROMAWI = {numeral: number for number, numeral in enumerate(ROMAWI) if numeral}

#: The column each level is read from, as the document's header names it (for messages).
KOLOM = {
    "zi": {RencanaArea: "AREA", Komponen: "KOMPONEN", Indikator: "INDIKATOR",
           LangkahAksi: "LANGKAH AKSI", BuktiFisik: "BUKTI FISIK"},
    "rb": {RencanaArea: "Area Perubahan", Komponen: "Komponen",
           Indikator: "Indikator Keberhasilan", LangkahAksi: "Sub Kegiatan",
           BuktiFisik: "Indikator Keberhasilan"},
}  # fmt: skip
KOLOM["zi_bulanan"] = KOLOM["zi"]


class ImporLampiranError(ValidationError):
    """The document cannot be imported as asked; nothing was written. Message in Indonesian."""


def norm(text: str) -> str:
    """Text as the importer compares it: whitespace collapsed, case folded."""
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def match_area(nomor: str, judul: str, refs: dict[int, AreaPerubahan]) -> AreaPerubahan | None:
    """The framework area of an SK area row: by name or synonym, else by its Roman numeral."""
    key = norm(judul)
    for area in refs.values():
        names = [norm(area.nama), *(norm(s) for s in area.sinonim)]
        if any(n and n in key for n in names):
            return area
    token = nomor.strip().upper().rstrip(".)")
    # RB decrees number their areas 1 … 8, ZI decrees I … VI: both are kept as written.
    return refs.get(int(token) if token.isdigit() else ANGKA_ROMAWI.get(token, 0))


@dataclass(frozen=True)
class Level:
    """One level of the plan tree as the importer writes it.

    ``kode`` names the level in ``plans.tree`` (which gives its model and parent FK);
    ``node_key`` tells which parsed rows share a node (``None``: every row is its own node, the
    leaf); ``match_text`` is what an existing row must equal to be reused; ``fields`` gives the
    values to write from the parsed row.
    """

    kode: str
    node_key: Callable[[BarisLampiran], object] | None
    match_text: Callable[[BarisLampiran], str]
    fields: Callable[[BarisLampiran, RencanaAksi, dict], dict]

    @property
    def model(self) -> Any:
        """The row model of this level (``plans.tree``)."""
        return level_of(self.kode).model

    @property
    def parent_field(self) -> str:
        """The FK to the level above (``"rencana"`` for an area)."""
        return level_of(self.kode).parent_field


def _bukti_fields(row: BarisLampiran, rencana: RencanaAksi, _refs: dict) -> dict:
    target = parse_target_waktu(row.target_waktu, tahun_default=rencana.tahun)
    return {
        "nama": row.bukti_fisik,
        "target_waktu": row.target_waktu[:300],
        "bulan": sorted(set(row.bulan)),
        "minggu": list(target.minggu),
        "tahun": target.tahun or rencana.tahun,
        "penanggung_jawab": row.penanggung_jawab[:300],
    }


LEVELS = [
    Level("area", lambda r: r.area, lambda r: r.area,
          lambda r, _rencana, refs: {"nomor": r.area[:10], "judul": r.area_nama[:300],
                                     "area": match_area(r.area, r.area_nama, refs)}),
    Level("komponen", lambda r: r.komponen_key, lambda r: r.komponen,
          lambda r, _rencana, _refs: {"nomor": r.komponen_nomor[:10], "nama": r.komponen}),
    Level("indikator", lambda r: r.indikator_key, lambda r: r.indikator,
          lambda r, _rencana, _refs: {"nama": r.indikator}),
    Level("langkah", lambda r: r.langkah_key, lambda r: r.langkah_aksi,
          lambda r, _rencana, _refs: {"nama": r.langkah_aksi}),
    Level("bukti", None, lambda r: r.bukti_fisik, _bukti_fields),
]  # fmt: skip


def key_text(obj: models.Model) -> str:
    """What an existing row is matched on: the area's numeral, every other row's name."""
    return obj.nomor if isinstance(obj, RencanaArea) else obj.nama


@dataclass(eq=False)
class Simpul:
    """One node of the tree to write.

    ``obj`` is the reused row (``baru`` False) or a new unsaved instance; ``berubah`` names the
    fields of a reused row that the document changes (empty: nothing to write); ``parent`` is
    the node above (None for an area, whose parent is the plan); ``line`` the 1-based line of
    the document where the node starts; ``jalur`` the node's position: the area numeral then
    the 0-based order at each level below.
    """

    depth: int
    obj: models.Model
    parent: Simpul | None
    line: int
    baru: bool
    jalur: tuple
    berubah: set[str] = field(default_factory=set)


@dataclass
class RencanaTulis:
    """What a save would do: nodes per level (top first), left-over existing rows per level.

    ``existing`` maps ``(model, pk)`` to every row the plan had, for the evidence report.
    """

    nodes: list[list[Simpul]]
    leftovers: list[list[Any]]
    existing: dict[tuple[type, int], models.Model]
    peringatan: list[Peringatan]

    @property
    def writes(self) -> int:
        """Rows created or changed (left-over rows not counted)."""
        return sum(1 for level in self.nodes for n in level if n.baru or n.berubah)


class _Existing:
    """The plan's current rows, by parent and normalised text, each reusable once."""

    def __init__(self, rencana: RencanaAksi):
        self.by_parent: dict[tuple[type, int], dict[str, list]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.all: dict[tuple[type, int], models.Model] = {}
        self.order: dict[type, list] = {}
        self.used: set[tuple[type, int]] = set()
        if not rencana.pk:
            return
        for level in LEVELS:
            rows = level.model.objects.filter(**{path_to_rencana(level.kode): rencana})
            rows = list(rows.order_by("urutan", "pk"))
            self.order[level.model] = rows
            for obj in rows:
                parent = getattr(obj, f"{level.parent_field}_id")
                self.by_parent[(level.model, parent)][norm(key_text(obj))].append(obj)
                self.all[(level.model, obj.pk)] = obj

    def take(self, model: type, parent_id: int | None, key: str):
        if parent_id is None:
            return None
        for obj in self.by_parent.get((model, parent_id), {}).get(key, ()):
            if (model, obj.pk) not in self.used:
                self.used.add((model, obj.pk))
                return obj
        return None

    def leftovers(self) -> list[list[Any]]:
        return [
            [o for o in self.order.get(level.model, []) if (level.model, o.pk) not in self.used]
            for level in LEVELS
        ]


def _assign(obj: models.Model, values: dict) -> set[str]:
    """Set ``values`` on ``obj``; return the names of the fields whose value changed."""
    changed = set()
    for name, value in values.items():
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            old = getattr(obj, model_field.attname)
            new = value.pk if value is not None else None
        else:
            old, new = getattr(obj, name), value
        if old != new or obj.pk is None:
            setattr(obj, name, value)
            if old != new:
                changed.add(name)
    return changed


def _required_empty(obj: models.Model) -> list[str]:
    return [
        f.name
        for f in obj._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.blank
        and getattr(obj, f.attname) in ("", None)
    ]


def plan_tree(
    rencana: RencanaAksi, rows: list[BarisLampiran], kerangka: Kerangka, fmt: str
) -> RencanaTulis:
    """Decide the write of ``rows`` under ``rencana`` (5 read queries, nothing written).

    Returns a ``RencanaTulis``. Raises ``ImporLampiranError`` listing every value that cannot be
    stored (``Baris N, kolom X: …``); an empty required cell is not an error: it is stored
    empty, as the document has it, with a ``Peringatan`` naming the line and the column.
    """
    existing = _Existing(rencana)
    refs = {a.nomor: a for a in AreaPerubahan.objects.filter(kerangka=kerangka)}
    kolom = KOLOM.get(fmt, KOLOM["zi"])
    nodes: list[list[Simpul]] = [[] for _ in LEVELS]
    open_keys: list[tuple] = []
    open_nodes: list[Simpul] = []
    counters: dict[tuple, int] = defaultdict(int)
    errors: list[str] = []
    peringatan: list[Peringatan] = []
    for index, row in enumerate(rows):
        key: tuple = ()
        for depth, level in enumerate(LEVELS):
            key = (*key, level.node_key(row) if level.node_key else index)
            if depth < len(open_keys) and open_keys[depth] == key:
                continue
            del open_keys[depth:], open_nodes[depth:]
            parent = open_nodes[depth - 1] if depth else None
            parent_id = parent.obj.pk if parent else rencana.pk
            obj = existing.take(level.model, parent_id, norm(level.match_text(row)))
            baru = obj is None
            if baru:
                obj = level.model()
            counter = (depth, id(parent))
            values = {**level.fields(row, rencana, refs), "urutan": counters[counter],
                      "diarsipkan": False}  # fmt: skip
            berubah = _assign(obj, values)
            jalur = (*parent.jalur, counters[counter]) if parent else (row.area,)
            counters[counter] += 1
            simpul = Simpul(depth, obj, parent, row.line, baru, jalur, set() if baru else berubah)
            if baru or berubah:
                _validate(simpul, level, kolom, errors, peringatan)
            nodes[depth].append(simpul)
            open_keys.append(key)
            open_nodes.append(simpul)
    if errors:
        raise ImporLampiranError(
            ["Dokumen tidak dapat disimpan; perbaiki sel berikut lalu impor lagi:", *errors]
        )
    return RencanaTulis(nodes, existing.leftovers(), existing.all, peringatan)


def _validate(simpul: Simpul, level: Level, kolom: dict, errors: list, peringatan: list) -> None:
    obj = simpul.obj
    empty = _required_empty(obj)
    name = kolom.get(level.model, level.model._meta.verbose_name)
    for field_name in empty:
        label = name if field_name in ("nama", "judul") else obj._meta.get_field(field_name).verbose_name  # fmt: skip
        peringatan.append(
            Peringatan(
                simpul.line,
                f"Sel {label} kosong; baris disimpan dengan sel ini kosong seperti di dokumen. "
                "Lengkapi di editor rencana.",
                str(label),
            )
        )
    try:
        obj.clean_fields(exclude=[level.parent_field, "area", *empty])
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            model_field = obj._meta.get_field(field_name)
            label = name if field_name in ("nama", "judul") else model_field.verbose_name
            for message in messages:
                errors.append(f"Baris {simpul.line}, kolom {label}: {message}")
