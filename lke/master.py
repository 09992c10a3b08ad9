"""Reading the LKE master question set (PortalRB master-question JSON), pure (no Django).

The file is ``{"tahun", "total_soal", "generated_at", "data": [komponen, …]}``; each node has
``id``, ``nama``, ``level``, ``bobot_maksimal``, ``order_index``, ``children`` and ``soals``;
each question has ``id``, ``teks_pertanyaan``, ``kriteria_nilai``, ``jenis_jawaban``,
``bobot_maksimal``, ``skema_penilaian`` (``[{key, label, multiplier}]``) and its workbook
cell: ``excel_sheet``, ``excel_baris`` and the columns ``excel_kolom_jawaban_unit``,
``excel_kolom_catatan_unit``, ``excel_kolom_bukti_dukung_unit``, ``excel_kolom_jawaban_tpi``,
``excel_kolom_catatan_tpi``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lke.scoring import Node, Pilihan, Soal, jenis_of

KOLOM = (
    "excel_kolom_jawaban_unit",
    "excel_kolom_catatan_unit",
    "excel_kolom_bukti_dukung_unit",
    "excel_kolom_jawaban_tpi",
    "excel_kolom_catatan_tpi",
)


class MasterTidakSah(ValueError):
    """The file is not a master question set the app can read (Indonesian message)."""


def _ordered(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda n: (n.get("order_index", 0), n["id"]))


def soal_of(raw: dict) -> Soal:
    """One master question as the engine's ``Soal``."""
    return Soal(
        id=int(raw["id"]),
        teks=raw["teks_pertanyaan"],
        jenis=jenis_of(raw["jenis_jawaban"]),
        bobot=float(raw.get("bobot_maksimal") or 0),
        pilihan=tuple(
            Pilihan(p["key"], float(p["multiplier"]), p.get("label", ""))
            for p in raw.get("skema_penilaian") or []
        ),
        kriteria=raw.get("kriteria_nilai", ""),
    )


def node_of(raw: dict) -> Node:
    """One master node (and its subtree) as the engine's ``Node``."""
    return Node(
        id=int(raw["id"]),
        nama=raw["nama"],
        level=raw["level"],
        bobot=float(raw["bobot_maksimal"]),
        children=tuple(node_of(c) for c in _ordered(raw.get("children") or [])),
        soals=tuple(soal_of(s) for s in raw.get("soals") or []),
    )


def pohon(data: dict) -> list[Node]:
    """The komponen nodes of a master file (its whole tree), in master order."""
    return [node_of(n) for n in _ordered(data["data"])]


def iter_nodes(data: dict) -> Iterator[tuple[dict, dict | None]]:
    """``(node, parent or None)`` for every node of the master, parents first, in order."""

    def visit(node: dict, parent: dict | None):
        yield node, parent
        for child in _ordered(node.get("children") or []):
            yield from visit(child, node)

    for root in _ordered(data["data"]):
        yield from visit(root, None)


def iter_soal(data: dict) -> Iterator[tuple[dict, dict]]:
    """``(question, its node)`` for every question, in master (= workbook) order."""
    for node, _parent in iter_nodes(data):
        for soal in node.get("soals") or []:
            yield soal, node


def periksa_master(data: object) -> dict:
    """Check the shape of a master file → the same dict; raises ``MasterTidakSah``.

    Checks: the top-level keys, a year, ``total_soal`` equal to the questions found, unique
    question ids, known answer kinds, a workbook cell for every question, unique cells.
    """
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise MasterTidakSah("Berkas bukan master soal LKE (kunci 'data' tidak ada).")
    if not isinstance(data.get("tahun"), int):
        raise MasterTidakSah("Master soal LKE tidak menyebut tahun.")
    try:
        soals = list(iter_soal(data))
        ids = [int(s["id"]) for s, _n in soals]
        for s, _n in soals:
            jenis_of(s["jenis_jawaban"])
            int(s["excel_baris"])
            for kolom in KOLOM:
                if not str(s[kolom]).isalpha():
                    raise MasterTidakSah(f"Soal {s['id']}: kolom {kolom} tidak sah.")
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, MasterTidakSah):
            raise
        raise MasterTidakSah(f"Master soal LKE tidak lengkap: {exc}") from None
    if len(set(ids)) != len(ids):
        raise MasterTidakSah("Master soal LKE memuat id soal ganda.")
    if data.get("total_soal") not in (None, len(ids)):
        raise MasterTidakSah(
            f"Master menyebut {data['total_soal']} soal tetapi memuat {len(ids)} soal."
        )
    cells = [(s["excel_sheet"], int(s["excel_baris"])) for s, _n in soals]
    if len(set(cells)) != len(cells):
        raise MasterTidakSah("Dua soal menunjuk baris lembar kerja yang sama.")
    return data
