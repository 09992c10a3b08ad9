"""Links between LKE sub areas and plan rows, their name-based suggestions, and adding plan rows.

The plan's komponen mirror the LKE sub areas of the same area perubahan (``Tim Kerja`` ↔
``i. Penyusunan Tim Kerja``), so a suggestion pairs a sub area with the plan komponen whose
name is most similar (``difflib`` ratio on the normalised names, or one name contained in the
other), within the same area number when the plan's area is recognised.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from access.permissions import require
from lke.models import Lke, NodeLke, SoalLke, TautanLke
from lke.scoring import nama_polos
from lke.selectors import jalur, rencana_lke, sub_area_nodes
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi
from plans.services.rows import baris_tambah

MIN_RATIO = 0.6
_STOP = {"dan", "yang", "dengan", "di", "ke", "dari", "untuk", "sesuai", "penyusunan", "the"}


def _norm(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", nama_polos(text).casefold())
    return " ".join(w for w in words if w not in _STOP)


def kemiripan(a: str, b: str) -> float:
    """Similarity of two names in 0–1 (1.0 when one normalised name contains the other)."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return 0.0
    if na in nb or nb in na:
        return 1.0
    return difflib.SequenceMatcher(None, na, nb).ratio()


def _area_nomor(node: NodeLke) -> int | None:
    for n in jalur(node):
        if n.level == "area_perubahan":
            match = re.match(r"\s*(\d+)\.", n.nama)
            return int(match.group(1)) if match else None
    return None


@dataclass
class SaranTautan:
    """A suggested link: sub area, plan komponen, similarity (0–1)."""

    node: NodeLke
    komponen: Komponen
    skor: float


def saran_tautan(lke: Lke) -> list[SaranTautan]:
    """Suggested sub area ↔ komponen links not made yet, best first per sub area."""
    rencana = rencana_lke(lke)
    if rencana is None:
        return []
    komponen = list(
        Komponen.objects.filter(rencana_area__rencana=rencana, diarsipkan=False).select_related(
            "rencana_area", "rencana_area__area"
        )
    )
    made = set(
        TautanLke.objects.filter(komponen__in=komponen).values_list("node_id", "komponen_id")
    )
    result = []
    for node in sub_area_nodes(lke.master):
        nomor = _area_nomor(node)
        for k in komponen:
            area = k.rencana_area.area
            if area is not None and nomor is not None and area.nomor != nomor:
                continue
            score = kemiripan(node.nama, k.nama)
            if score >= MIN_RATIO and (node.pk, k.pk) not in made:
                result.append(SaranTautan(node, k, score))
    result.sort(key=lambda s: (s.node.urutan, -s.skor))
    return result


@transaction.atomic
def tautan_tambah(
    *, lke: Lke, node: NodeLke, komponen: Komponen, indikator: Indikator | None = None, user
) -> TautanLke:
    """Link a sub area of the LKE's master to a komponen (or one of its indikator) of its plan.

    Raises ``PermissionDenied`` without ``lke.isi`` and ``ValidationError`` when the rows do
    not belong to the LKE's master and plan. Linking twice returns the existing link.
    """
    require(user, "lke.isi", lke.satker)
    rencana = rencana_lke(lke)
    if node.master_id != lke.master_id or node.level != "sub_area":
        raise ValidationError("Sub area tidak termasuk master LKE ini.")
    if rencana is None or komponen.rencana_area.rencana_id != rencana.pk:
        raise ValidationError("Komponen tidak termasuk rencana aksi satker untuk LKE ini.")
    if indikator is not None and indikator.komponen_id != komponen.pk:
        raise ValidationError("Indikator tidak termasuk komponen yang dipilih.")
    tautan, _created = TautanLke.objects.get_or_create(
        node=node, komponen=komponen, indikator=indikator, defaults={"dibuat_oleh": user}
    )
    return tautan


@transaction.atomic
def tautan_hapus(*, lke: Lke, tautan: TautanLke, user) -> None:
    """Remove a link (the plan rows themselves are untouched)."""
    require(user, "lke.isi", lke.satker)
    tautan.delete()


@transaction.atomic
def rencana_tambah_dari_soal(
    *, lke: Lke, soal: SoalLke, indikator: Indikator, user
) -> tuple[LangkahAksi, BuktiFisik]:
    """Add a draft langkah aksi with one bukti fisik for ``soal`` under ``indikator``.

    The rows go through the plan's editing service (``plans.services.rows.baris_tambah``), so the
    plan's rules apply: ``rencana.ubah`` and an editable plan status, else
    ``PermissionDenied``/``RencanaTerkunci``. The texts are a starting point the Tim ZI edits;
    the sub area is linked to the indikator so the question shows the new rows.
    """
    require(user, "lke.isi", lke.satker)
    rencana = rencana_lke(lke)
    if rencana is None or indikator.komponen.rencana_area.rencana_id != rencana.pk:
        raise ValidationError("Indikator tidak termasuk rencana aksi satker untuk LKE ini.")
    langkah = baris_tambah(
        induk=indikator,
        user=user,
        data={"nama": f"Memenuhi kriteria LKE soal {soal.id_master}: {soal.teks}"},
    )
    bukti = baris_tambah(
        induk=langkah,
        user=user,
        data={
            "nama": f"Bukti dukung soal LKE {soal.id_master}",
            "target_waktu": f"Desember {rencana.tahun}",
        },
    )
    tautan_tambah(
        lke=lke, node=soal.node, komponen=indikator.komponen, indikator=indikator, user=user
    )
    return langkah, bukti
