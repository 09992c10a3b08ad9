"""Evidence a replacing import would hide, and carrying it over to the matching new row.

A bukti fisik the new document no longer lists (its text, or the text of a row above it,
changed) is archived when records point at it with ``on_delete=PROTECT`` (the uploads of the
evidence app): it is never deleted with its evidence. So that the evidence does not vanish from
the evidence tab and the progress figures, each such row gets a proposal: the new row at the
same position in the tree with a similar text, or else the most similar new row of the same
area. Carrying over points the records at the proposed row; nothing else about them changes.

The plans app does not import the evidence app: the protecting records are found through the
model relations (``BuktiFisik._meta.related_objects``), so any app that protects a bukti fisik
is covered.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction

from plans.impor.tree import RencanaTulis, Simpul
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaArea

#: Similarity (``difflib`` ratio of the row texts, 0–1) needed for a proposal at the same
#: position, and for one at another position of the same area.
MIRIP_POSISI_SAMA = 0.5
MIRIP_POSISI_LAIN = 0.75


def protecting_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Relations whose records forbid deleting a ``model`` row (PROTECT/RESTRICT)."""
    return [
        rel
        for rel in model._meta.related_objects
        if getattr(rel, "on_delete", None) in (models.PROTECT, models.RESTRICT)
    ]


def protected_ids(model: type[models.Model], ids: list[int]) -> set[int]:
    """The ids among ``ids`` that some record protects (one query per relation)."""
    found: set[int] = set()
    if not ids:
        return found
    for rel in protecting_relations(model):
        manager = rel.related_model._base_manager
        found.update(
            manager.filter(**{f"{rel.field.name}__in": ids}).values_list(
                rel.field.attname, flat=True
            )
        )
    return found


@dataclass
class BuktiTerdampak:
    """An existing bukti fisik the new document drops, with the records that protect it.

    ``teks`` is the old row's place as people read it (``I › komponen › … › bukti fisik``);
    ``unggahan`` the protecting records (uploads), ``usulan`` the proposed new row (None when
    nothing is similar enough), ``kemiripan`` its similarity 0–1.
    """

    lama: BuktiFisik
    teks: str
    unggahan: list[models.Model] = field(default_factory=list)
    usulan: Simpul | None = None
    kemiripan: float = 0.0

    @property
    def usulan_teks(self) -> str:
        return _node_text(self.usulan) if self.usulan else ""

    @property
    def usulan_baris(self) -> int | None:
        """Document line of the proposed row (None without a proposal)."""
        return self.usulan.line if self.usulan else None


def _node_text(simpul: Simpul) -> str:
    parts = []
    while simpul is not None:
        obj = simpul.obj
        parts.append(obj.nomor if isinstance(obj, RencanaArea) else obj.nama)
        simpul = simpul.parent
    return " › ".join(p for p in reversed(parts) if p)


def _similar(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False)
    return matcher.ratio()


def bukti_terdampak(tulis: RencanaTulis) -> list[BuktiTerdampak]:
    """The left-over bukti fisik with protecting records, each with its proposed new row.

    A new row is proposed to at most one old row. Queries: one per protecting relation.
    """
    leftovers = tulis.leftovers[-1]
    ids = [b.pk for b in leftovers]
    refs: dict[int, list[models.Model]] = {}
    for rel in protecting_relations(BuktiFisik):
        rows = rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": ids})
        for obj in rows.order_by("pk"):
            refs.setdefault(getattr(obj, rel.field.attname), []).append(obj)
    candidates = [n for n in tulis.nodes[-1] if n.baru]
    texts = {id(n): _node_text(n) for n in candidates}
    taken: set[int] = set()
    result = []
    for old in leftovers:
        if old.pk not in refs:
            continue
        jalur, teks = _old_place(tulis, old)
        item = BuktiTerdampak(old, teks, refs[old.pk])
        best: tuple[float, Simpul | None] = (0.0, None)
        for node in candidates:
            if id(node) in taken or node.jalur[0] != jalur[0]:
                continue
            same_place = node.jalur == jalur
            threshold = MIRIP_POSISI_SAMA if same_place else MIRIP_POSISI_LAIN
            matcher = difflib.SequenceMatcher(None, teks.casefold(), texts[id(node)].casefold())
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            score = _similar(teks, texts[id(node)])
            # the same position counts as a tie-breaker worth a tenth of the similarity scale
            ranked = score + (0.1 if same_place else 0.0)
            if score >= threshold and ranked > best[0]:
                best = (ranked, node)
        if best[1] is not None:
            taken.add(id(best[1]))
            item.usulan = best[1]
            item.kemiripan = round(_similar(teks, texts[id(best[1])]), 2)
        result.append(item)
    return result


def _old_place(tulis: RencanaTulis, bukti: BuktiFisik) -> tuple[tuple, str]:
    """``(jalur, text)`` of an existing bukti fisik, as ``Simpul.jalur`` and ``_node_text``."""
    chain: list[models.Model] = [bukti]
    for model, attname in ((LangkahAksi, "langkah_aksi_id"), (Indikator, "indikator_id"),
                           (Komponen, "komponen_id"), (RencanaArea, "rencana_area_id")):  # fmt: skip
        chain.append(tulis.existing[(model, getattr(chain[-1], attname))])
    chain.reverse()
    area = chain[0]
    jalur = (area.nomor, *(obj.urutan for obj in chain[1:]))
    teks = " › ".join(p for p in [area.nomor, *(o.nama for o in chain[1:])] if p)
    return jalur, teks


def move_protecting_records(model: type[models.Model], old_id: int, new_id: int) -> int:
    """Point every record protecting row ``old_id`` of ``model`` at row ``new_id``.

    Each record is saved on its own (its history records the move). A record the new row
    cannot take (a uniqueness clash with a record already there) stays where it is. Returns
    the number moved.
    """
    moved = 0
    for rel in protecting_relations(model):
        records = rel.related_model._base_manager.filter(**{rel.field.attname: old_id})
        for record in records.order_by("pk"):
            setattr(record, rel.field.attname, new_id)
            try:
                with transaction.atomic():
                    record.save(update_fields=[rel.field.attname])
            except IntegrityError:
                continue
            moved += 1
    return moved


def carry_over(terdampak: list[BuktiTerdampak], pilihan: set[int] | bool) -> int:
    """Point the records of each chosen old row at its proposed (now saved) new row.

    ``pilihan`` is True for every proposal, or the ids of the old bukti fisik to carry over.
    Each record is saved on its own (its history records the move). Returns the number moved.
    """
    moved = 0
    for item in terdampak:
        if item.usulan is None or not (pilihan is True or item.lama.pk in pilihan):
            continue
        moved += move_protecting_records(BuktiFisik, item.lama.pk, item.usulan.obj.pk)
    return moved


def terdampak_json(terdampak: list[BuktiTerdampak]) -> list[dict]:
    """The affected evidence as plain data (for ``import_lampiran --json`` and the preview).

    ``[{"bukti_fisik_id", "teks", "unggahan": [{"id", "nama", "status", "diterima"}],
    "usulan": {"baris", "teks", "kemiripan"} | None}]``.
    """
    return [
        {
            "bukti_fisik_id": item.lama.pk,
            "teks": item.teks,
            "unggahan": [
                {
                    "id": record.pk,
                    "nama": str(record),
                    "status": getattr(record, "status", ""),
                    "diterima": getattr(record, "status", "") == "diterima",
                }
                for record in item.unggahan
            ],
            "usulan": (
                {"baris": item.usulan_baris, "teks": item.usulan_teks, "kemiripan": item.kemiripan}
                if item.usulan
                else None
            ),
        }
        for item in terdampak
    ]
