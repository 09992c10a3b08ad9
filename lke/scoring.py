"""The LKE scoring engine: answers → question, sub area, area and total scores, WBK/WBBM verdicts.

Pure Python (no Django), so the rules can be tested in isolation. Source of the rules:
PermenPANRB 90/2021 (Pedoman Pembangunan dan Evaluasi Zona Integritas), the 2026 LKE question
set (``lke/data/lke-zi-2026-master-soal.json``) and its ``kriteria_nilai`` texts.

The tree (``Node``) is komponen → sub komponen → area perubahan → sub area (sub areas may nest,
e.g. LHKPN a./b. under "Penyampaian Laporan Harta Kekayaan"). A node's questions are scored as
*items* (``Butir``), each worth 0–1:

- a choice question (YA_TIDAK, ABC, ABCD, ABCDE) is one item worth its choice's multiplier;
- a survey index (``0-4``) is one item worth index / 4;
- count questions (``Jumlah``) that share one criterion are ONE item, the percentage the
  criterion describes (``rumus_jumlah``): a ratio realisasi / acuan capped at 1, a decrease
  (last year − this year) / last year capped to 0–1, or a reporting rate (reported / obliged).

A node's own value is the mean of its answered items × its weight; when every question of the
node carries its own weight (the HASIL survey and capaian kinerja questions) it is instead the
sum of item × question weight. A node's value is its own value plus its children's values; an
unanswered item counts for nothing and does not enter the mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

PILIHAN = "pilihan"
INDEKS = "indeks"
JUMLAH = "jumlah"

RASIO = "rasio"
PENURUNAN = "penurunan"
KEPATUHAN = "kepatuhan"

EPS = 1e-9

Jawaban = str | float | None


class MasterTidakDikenal(ValueError):
    """The question tree lacks a node the thresholds need (e.g. no HASIL komponen)."""


@dataclass(frozen=True)
class Pilihan:
    """One choice of a question: its key (``"Ya"``, ``"A"`` …), label and multiplier (0–1)."""

    key: str
    multiplier: float
    label: str = ""


@dataclass(frozen=True)
class Soal:
    """A question: master id, text, criterion, kind (``jenis_of``), own weight, choices."""

    id: int
    teks: str
    jenis: str
    bobot: float = 0.0
    pilihan: tuple[Pilihan, ...] = ()
    kriteria: str = ""


@dataclass(frozen=True)
class Node:
    """A node of the tree: id, name, level (``komponen`` … ``sub_area``), weight, children."""

    id: int
    nama: str
    level: str
    bobot: float
    children: tuple[Node, ...] = ()
    soals: tuple[Soal, ...] = ()


@dataclass(frozen=True)
class Butir:
    """A scored item of a node: its questions (one, or a group of counts) and its formula."""

    soals: tuple[Soal, ...]
    rumus: str

    @property
    def bobot(self) -> float:
        return sum(s.bobot for s in self.soals)


def jenis_of(jenis_jawaban: str) -> str:
    """The engine's kind of a master ``jenis_jawaban``: ``pilihan``, ``indeks`` or ``jumlah``.

    Raises ``ValueError`` for a kind the engine does not know (a new master must be checked).
    """
    raw = jenis_jawaban.strip()
    if raw.upper() in {"YA_TIDAK", "ABC", "ABCD", "ABCDE"}:
        return PILIHAN
    if raw == "0-4":
        return INDEKS
    if raw.casefold() == "jumlah":
        return JUMLAH
    raise ValueError(f"Jenis jawaban tidak dikenal: {jenis_jawaban!r}")


def rumus_jumlah(group: tuple[Soal, ...]) -> str:
    """The formula of a group of count questions sharing one criterion (in master order).

    - ``penurunan``: the first question asks for last year's count ("tahun sebelumnya"):
      (first − second) / first, capped to 0–1 (penurunan pelanggaran disiplin);
    - ``kepatuhan``: four or more counts: the last is those who reported, the others those
      obliged (LHKPN / non-LHKPN reporting rates): last / sum(others), capped at 1;
    - ``rasio``: otherwise realisasi / acuan = last / first, capped at 1 (capaian, perubahan
      per agen, pengaduan selesai, layanan dipermudah).
    """
    if len(group) >= 3 and "tahun sebelumnya" in group[0].teks.casefold():
        return PENURUNAN
    if len(group) >= 4:
        return KEPATUHAN
    return RASIO


def butir_of(node: Node) -> list[Butir]:
    """The node's own items, in master order (count questions grouped by their criterion)."""
    items: list[Butir] = []
    group: list[Soal] = []

    def flush() -> None:
        if group:
            items.append(Butir(tuple(group), rumus_jumlah(tuple(group))))
            group.clear()

    for soal in node.soals:
        if soal.jenis == JUMLAH:
            if group and group[-1].kriteria != soal.kriteria:
                flush()
            group.append(soal)
            continue
        flush()
        items.append(Butir((soal,), soal.jenis))
    flush()
    return items


def _cap(value: float) -> float:
    return min(1.0, max(0.0, value))


def nilai_butir(butir: Butir, jawaban: Mapping[int, Jawaban]) -> float | None:
    """An item's value in 0–1 from the answers (``{soal_id: value}``), ``None`` if unanswered.

    Values are already checked (``lke.validation.periksa_jawaban``): a choice key, or a number.
    A ratio whose reference is 0 has no value (nothing to measure against).
    """
    if butir.rumus == PILIHAN:
        soal = butir.soals[0]
        key = jawaban.get(soal.id)
        for p in soal.pilihan:
            if p.key == key:
                return _cap(p.multiplier)
        return None
    if butir.rumus == INDEKS:
        value = jawaban.get(butir.soals[0].id)
        return None if value is None else _cap(float(value) / 4)
    counts = [jawaban.get(s.id) for s in butir.soals]
    if butir.rumus == PENURUNAN:
        if counts[0] is None or counts[1] is None:
            return None
        lalu, ini = float(counts[0]), float(counts[1])
        if lalu == 0:
            return 1.0 if ini == 0 else 0.0
        return _cap((lalu - ini) / lalu)
    if any(c is None for c in counts):
        return None
    acuan = sum(float(c) for c in counts[:-1]) if butir.rumus == KEPATUHAN else float(counts[0])
    if acuan == 0:
        return None
    return _cap(float(counts[-1]) / acuan)


@dataclass
class NilaiNode:
    """The score of one node: its value (same unit as ``node.bobot``) and its parts."""

    node: Node
    nilai: float
    anak: list[NilaiNode]
    butir: list[tuple[Butir, float | None]]

    @property
    def persen(self) -> float:
        return 100 * self.nilai / self.node.bobot if self.node.bobot else 0.0


def nilai_node(node: Node, jawaban: Mapping[int, Jawaban]) -> NilaiNode:
    """Score ``node`` and its subtree (see module doc for the rule)."""
    items = [(b, nilai_butir(b, jawaban)) for b in butir_of(node)]
    own = 0.0
    if items and all(s.bobot > 0 for s in node.soals):
        own = sum((v or 0.0) * b.bobot for b, v in items)
    else:
        answered = [v for _b, v in items if v is not None]
        if answered:
            own = sum(answered) / len(answered) * node.bobot
    anak = [nilai_node(c, jawaban) for c in node.children]
    return NilaiNode(node, own + sum(a.nilai for a in anak), anak, items)


def walk(nilai: NilaiNode) -> Iterable[NilaiNode]:
    """Every scored node of the subtree, parents first, in master order."""
    yield nilai
    for a in nilai.anak:
        yield from walk(a)


_NUMBERING = re.compile(r"^\s*(?:[A-Z]|[IVX]+|\d+|[ivx]+|[a-z])\.\s*")


def nama_polos(nama: str) -> str:
    """A node name without its numbering: ``"1. MANAJEMEN PERUBAHAN"`` → ``"MANAJEMEN PERUBAHAN"``."""
    return _NUMBERING.sub("", nama).strip()


@dataclass
class NilaiArea:
    """An area perubahan summed over PEMENUHAN and REFORM: value, weight, percent of weight."""

    nama: str
    nilai: float = 0.0
    bobot: float = 0.0

    @property
    def persen(self) -> float:
        return 100 * self.nilai / self.bobot if self.bobot else 0.0


@dataclass(frozen=True)
class Ambang:
    """The thresholds of one predicate (PermenPANRB 90/2021, Bab IV: syarat WBK/WBBM)."""

    kategori: str
    total: float
    pengungkit: float
    area_persen: float
    birokrasi: float
    ipak: float
    capaian: float
    pelayanan: float


WBK = Ambang("WBK", 75, 40, 60, 18.25, 15.75, 2.50, 14.00)
WBBM = Ambang("WBBM", 85, 48, 75, 18.25, 15.75, 2.50, 15.75)


@dataclass
class Kriteria:
    """One threshold check: name, value reached, threshold, pass, gap (0 when passed)."""

    nama: str
    nilai: float
    batas: float
    kunci: str

    @property
    def lulus(self) -> bool:
        return self.nilai + EPS >= self.batas

    @property
    def selisih(self) -> float:
        return 0.0 if self.lulus else self.batas - self.nilai


@dataclass
class Putusan:
    """The verdict of one predicate: every criterion and whether all passed."""

    kategori: str
    kriteria: list[Kriteria]

    @property
    def lulus(self) -> bool:
        return all(k.lulus for k in self.kriteria)

    @property
    def gagal(self) -> list[Kriteria]:
        return [k for k in self.kriteria if not k.lulus]


@dataclass
class Hasil:
    """Everything the engine computes for one set of answers (values in score points).

    ``bobot`` holds the weights of the named parts: ``total``, ``pengungkit``, ``hasil``,
    ``birokrasi``, ``pelayanan`` (from the master, e.g. 100, 60, 40, 22.5, 17.5 in 2026).
    """

    pohon: list[NilaiNode]
    total: float
    pengungkit: float
    hasil: float
    area: dict[str, NilaiArea]
    birokrasi: float
    ipak: float
    capaian: float
    pelayanan: float
    bobot: dict[str, float] = field(default_factory=dict)
    wbk: Putusan = field(init=False)
    wbbm: Putusan = field(init=False)

    def __post_init__(self) -> None:
        self.wbk = self.putusan(WBK)
        self.wbbm = self.putusan(WBBM)

    def putusan(self, ambang: Ambang) -> Putusan:
        """Check every threshold of ``ambang`` against these scores."""
        kriteria = [
            Kriteria("Nilai total", self.total, ambang.total, "total"),
            Kriteria("Komponen pengungkit", self.pengungkit, ambang.pengungkit, "pengungkit"),
        ]
        for nama, area in self.area.items():
            kriteria.append(
                Kriteria(f"Area {nama}", area.nilai, area.bobot * ambang.area_persen / 100, nama)
            )
        kriteria += [
            Kriteria(
                "Birokrasi yang Bersih dan Akuntabel", self.birokrasi, ambang.birokrasi, "birokrasi"
            ),
            Kriteria("Survei Persepsi Anti Korupsi", self.ipak, ambang.ipak, "ipak"),
            Kriteria("Capaian kinerja", self.capaian, ambang.capaian, "capaian"),
            Kriteria("Pelayanan Publik yang Prima", self.pelayanan, ambang.pelayanan, "pelayanan"),
        ]
        return Putusan(ambang.kategori, kriteria)

    def nilai_kriteria(self, kunci: str) -> float:
        """The value a criterion key (``Kriteria.kunci``) looks at."""
        if kunci in self.area:
            return self.area[kunci].nilai
        return getattr(self, kunci)


def _find(nodes: Iterable[NilaiNode], kata: str, what: str) -> NilaiNode:
    for n in nodes:
        if kata in n.node.nama.casefold():
            return n
    raise MasterTidakDikenal(f"Master LKE tidak memuat {what}.")


def _soal_nilai(nilai: NilaiNode, jenis: str, what: str) -> float:
    for butir, value in nilai.butir:
        if butir.rumus == jenis:
            return (value or 0.0) * butir.bobot
    raise MasterTidakDikenal(f"Master LKE tidak memuat {what}.")


def hitung(roots: Iterable[Node], jawaban: Mapping[int, Jawaban]) -> Hasil:
    """Score the whole tree for ``jawaban`` (``{soal_id: checked value}``) → ``Hasil``.

    ``roots`` are the komponen nodes (PENGUNGKIT, HASIL). Raises ``MasterTidakDikenal`` when
    a node the thresholds name is missing: the HASIL survey of anti-corruption perception is
    its ``0-4`` question under "Birokrasi yang Bersih", capaian kinerja its choice question.
    """
    pohon = [nilai_node(r, jawaban) for r in roots]
    pengungkit = _find(pohon, "pengungkit", "komponen PENGUNGKIT")
    hasil = _find(pohon, "hasil", "komponen HASIL")
    birokrasi = _find(hasil.anak, "bersih", "sub komponen Birokrasi yang Bersih dan Akuntabel")
    pelayanan = _find(hasil.anak, "pelayanan", "sub komponen Pelayanan Publik yang Prima")
    area: dict[str, NilaiArea] = {}
    for n in walk(pengungkit):
        if n.node.level == "area_perubahan":
            a = area.setdefault(nama_polos(n.node.nama), NilaiArea(nama_polos(n.node.nama)))
            a.nilai += n.nilai
            a.bobot += n.node.bobot
    return Hasil(
        pohon=pohon,
        total=sum(n.nilai for n in pohon),
        pengungkit=pengungkit.nilai,
        hasil=hasil.nilai,
        area=area,
        birokrasi=birokrasi.nilai,
        ipak=_soal_nilai(birokrasi, INDEKS, "Survei Persepsi Anti Korupsi"),
        capaian=_soal_nilai(birokrasi, PILIHAN, "capaian kinerja"),
        pelayanan=pelayanan.nilai,
        bobot={
            "total": sum(n.node.bobot for n in pohon),
            "pengungkit": pengungkit.node.bobot,
            "hasil": hasil.node.bobot,
            "birokrasi": birokrasi.node.bobot,
            "pelayanan": pelayanan.node.bobot,
        },
    )


def bulat(value: float) -> float:
    """``value`` rounded half up to two decimals, as people round scores (5.585 → 5.59).

    Float sums carry binary noise (2.75 + 2.835 = 5.58499…), so the value is first fixed to
    nine decimals, then rounded half up.
    """
    exact = Decimal(f"{value:.9f}").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(exact)


def ringkasan(hasil: Hasil) -> dict:
    """The stable JSON summary (``skor_lke --json``): scores rounded half up to two decimals.

    ``{"total", "pengungkit", "hasil", "area": {name: {"nilai", "bobot", "persen"}},
    "wbk": {"lulus": bool, "gagal": [criterion name, …]}, "wbbm": {…}}``.
    """
    return {
        "total": bulat(hasil.total),
        "pengungkit": bulat(hasil.pengungkit),
        "hasil": bulat(hasil.hasil),
        "area": {
            nama: {
                "nilai": bulat(a.nilai),
                "bobot": bulat(a.bobot),
                "persen": bulat(a.persen),
            }
            for nama, a in hasil.area.items()
        },
        "wbk": {"lulus": hasil.wbk.lulus, "gagal": [k.nama for k in hasil.wbk.gagal]},
        "wbbm": {"lulus": hasil.wbbm.lulus, "gagal": [k.nama for k in hasil.wbbm.gagal]},
    }
