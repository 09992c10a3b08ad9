"""Read queries of the LKE app: the scoring tree, answers as engine values, scores, plan rows.

Queries are decided here so templates never trigger any. The engine's tree is built from the
master's stored JSON (``lke.master.pohon``) and memoised per master version.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Prefetch, QuerySet

from access.models import Satker
from evidence.models import Unggahan
from evidence.selectors import ringkas
from lke import master as master_json
from lke.models import JawabanLke, Lke, MasterLke, NodeLke, SoalLke, TautanLke
from lke.scoring import Hasil, Jawaban, Node, Soal, hitung
from lke.validation import JawabanTidakSah, periksa_jawaban
from plans import tree
from plans.models import BuktiFisik, RencanaAksi

# A sub area is at most four levels below its komponen (LHKPN a./b. under a sub area): join
# them all so a node's path (``jalur``) costs no query.
_INDUK = "__induk" * 4

UNIT = "unit"
TPI = "tpi"
PENILAI = (UNIT, TPI)


@lru_cache(maxsize=16)
def _pohon(master_pk: int, sha256: str) -> tuple[list[Node], dict[int, Soal]]:
    data = MasterLke.objects.values_list("data", flat=True).get(pk=master_pk)
    roots = master_json.pohon(data)
    soals = {
        master_json.soal_of(s).id: master_json.soal_of(s) for s, _n in master_json.iter_soal(data)
    }
    return roots, soals


def pohon(master: MasterLke) -> list[Node]:
    """The engine's komponen nodes of ``master`` (memoised per master version)."""
    return _pohon(master.pk, master.sha256)[0]


def soal_engine(master: MasterLke) -> dict[int, Soal]:
    """``{master question id: scoring.Soal}`` of ``master`` (memoised)."""
    return _pohon(master.pk, master.sha256)[1]


def master_terbaru(tahun: int) -> MasterLke | None:
    """The newest loaded master version for ``tahun``, or ``None``."""
    return MasterLke.objects.filter(tahun=tahun).order_by("-versi").first()


def lke_for_user(*, user) -> QuerySet[Lke]:
    """LKEs ``user`` may see (another satker's are absent: a 404 in views)."""
    return Lke.objects.for_user(user).select_related("satker", "master")


def lke_of(satker: Satker, tahun: int) -> Lke | None:
    """The satker's LKE for ``tahun`` (not scoped: the caller checked the satker)."""
    return Lke.objects.select_related("satker", "master").filter(satker=satker, tahun=tahun).first()


def jawaban_rows(lke: Lke) -> list[JawabanLke]:
    """Every answer row of ``lke`` in master order, with question, node and evidence joined."""
    return list(
        JawabanLke.objects.filter(lke=lke)
        .select_related(f"soal__node{_INDUK}")
        .prefetch_related(
            Prefetch(
                "bukti",
                queryset=Unggahan.objects.select_related("bukti_fisik").order_by("pk"),
            )
        )
        .order_by("soal__urutan")
    )


def jawaban_dict(
    lke: Lke, penilai: str, rows: list[JawabanLke] | None = None
) -> dict[int, Jawaban]:
    """``{master question id: engine value}`` of the unit's or the TPI's answers.

    Stored answers were checked when saved; one that no longer fits (a master corrected in a
    new version) is left out rather than guessed.
    """
    soals = soal_engine(lke.master)
    field_name = "jawaban_unit" if penilai == UNIT else "jawaban_tpi"
    pairs: Iterable[tuple[int, str]]
    if rows is None:
        pairs = JawabanLke.objects.filter(lke=lke).values_list("soal__id_master", field_name)
    else:
        pairs = [(r.soal.id_master, getattr(r, field_name)) for r in rows]
    result: dict[int, Jawaban] = {}
    for soal_id, text in pairs:
        try:
            value = periksa_jawaban(soals[soal_id], text)
        except (JawabanTidakSah, KeyError):
            continue
        if value is not None:
            result[soal_id] = value
    return result


def skor(lke: Lke, penilai: str = UNIT, rows: list[JawabanLke] | None = None) -> Hasil:
    """The engine's ``Hasil`` for the unit's or the TPI's answers of ``lke``."""
    return hitung(pohon(lke.master), jawaban_dict(lke, penilai, rows))


def rencana_lke(lke: Lke) -> RencanaAksi | None:
    """The plan the LKE leans on: the satker's newest ZI plan of the LKE's year or before."""
    return (
        RencanaAksi.objects.filter(satker=lke.satker, tahun__lte=lke.tahun, kerangka__kode="zi")
        .order_by("-tahun", "-revisi")
        .first()
    )


@dataclass
class StatusBaris:
    """A plan row's evidence and deadline status as the LKE pages show it."""

    label: str
    warna: str
    tenggat: datetime.date | None


def tenggat_bukti(bukti: BuktiFisik, tahun_rencana: int) -> datetime.date | None:
    """The last deadline of a bukti fisik: the end of its last scheduled month, or ``None``."""
    months = [int(b) for b in bukti.bulan or [] if 1 <= int(b) <= 12]
    if not months:
        return None
    tahun = bukti.tahun or tahun_rencana
    last = max(months)
    return datetime.date(tahun, last, calendar.monthrange(tahun, last)[1])


def status_bukti(
    bukti: BuktiFisik, uploads: list[Unggahan], tahun_rencana: int, hari_ini: datetime.date
) -> StatusBaris:
    """Selesai (every period accepted), Terlambat (last deadline passed), or Berjalan."""
    tenggat = tenggat_bukti(bukti, tahun_rencana)
    if ringkas(bukti, uploads).lengkap:
        return StatusBaris("Selesai", "success", tenggat)
    if tenggat is None:
        return StatusBaris("Tanpa jadwal", "secondary", None)
    if tenggat < hari_ini:
        return StatusBaris("Terlambat", "danger", tenggat)
    return StatusBaris("Berjalan", "warning", tenggat)


@dataclass
class BarisTautan:
    """A plan row linked to a sub area, with its bukti fisik and their status."""

    tautan: TautanLke
    bukti: list[tuple[BuktiFisik, StatusBaris]] = field(default_factory=list)


def tautan_per_node(
    lke: Lke, hari_ini: datetime.date | None = None
) -> dict[int, list[BarisTautan]]:
    """``{NodeLke pk: [BarisTautan]}`` for the LKE's plan (three queries).

    Only links to rows of ``rencana_lke(lke)``; the sub area's own links and those of its
    parent sub area apply to its questions (see ``tautan_soal``).
    """
    rencana = rencana_lke(lke)
    if rencana is None:
        return {}
    hari_ini = hari_ini or datetime.date.today()
    links = list(
        TautanLke.objects.filter(
            node__master=lke.master, **{tree.lookup("indikator", "rencana"): rencana}
        ).select_related("node", "komponen", "indikator")
    )
    komponen_ids = {t.komponen_id for t in links}
    buktis = list(
        BuktiFisik.objects.filter(
            **{tree.lookup("bukti", "komponen", "id", "in"): komponen_ids}, diarsipkan=False
        )
        .select_related("langkah_aksi", "langkah_aksi__indikator")
        .order_by(tree.lookup("bukti", "indikator", "urutan"), "langkah_aksi__urutan", "urutan")
    )
    uploads: dict[int, list[Unggahan]] = defaultdict(list)
    for u in Unggahan.objects.filter(bukti_fisik__in=buktis, ditarik=False):
        uploads[u.bukti_fisik_id].append(u)
    result: dict[int, list[BarisTautan]] = defaultdict(list)
    for t in links:
        row = BarisTautan(t)
        for b in buktis:
            indikator = b.langkah_aksi.indikator
            if indikator.komponen_id == t.komponen_id and t.indikator_id in (None, indikator.pk):
                row.bukti.append((b, status_bukti(b, uploads[b.pk], rencana.tahun, hari_ini)))
        result[t.node_id].append(row)
    return dict(result)


def tautan_soal(soal: SoalLke, per_node: dict[int, list[BarisTautan]]) -> list[BarisTautan]:
    """The plan rows serving a question: links of its sub area and of the sub area above it."""
    node = soal.node
    rows = list(per_node.get(node.pk, []))
    parent = node.induk
    if parent is not None and parent.level == "sub_area":
        rows += per_node.get(parent.pk, [])
    return rows


def bukti_pilihan(lke: Lke) -> list[Unggahan]:
    """The satker's accepted, non-withdrawn uploads of plans up to the LKE's year, newest first."""
    return list(
        Unggahan.objects.filter(
            **{tree.lookup("bukti", "satker", via="bukti_fisik"): lke.satker},
            **{tree.lookup("bukti", "rencana", "tahun", "lte", via="bukti_fisik"): lke.tahun},
            status=Unggahan.Status.DITERIMA,
            ditarik=False,
        )
        .select_related("bukti_fisik", "berkas")
        .order_by("-diunggah_pada", "-pk")
    )


def sub_area_nodes(master: MasterLke) -> list[NodeLke]:
    """The master's sub areas in order, with their parents joined (for link forms)."""
    return list(
        NodeLke.objects.filter(master=master, level="sub_area")
        .select_related(_INDUK[2:])
        .order_by("urutan")
    )


def jalur(node: NodeLke) -> list[NodeLke]:
    """The node's ancestors and itself, root first (uses joined parents; no query if joined)."""
    path = []
    current: NodeLke | None = node
    while current is not None:
        path.append(current)
        current = current.induk
    return list(reversed(path))
