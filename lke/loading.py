"""Loading a master question set into the database (idempotent, versioned per year).

Used by the ``muat_master_lke`` command and by the data migration that loads the shipped 2026
file, so a fresh database has the question set without any extra step.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.apps import apps as global_apps
from django.db import transaction

from lke.master import KOLOM, iter_nodes, iter_soal, periksa_master

DATA_DIR = Path(__file__).resolve().parent / "data"


def digest(data: dict) -> str:
    """SHA-256 of the master's content (key order and whitespace do not matter)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def master_muat(*, data: object, sumber: str = "", apps=global_apps):
    """Store a master file → ``(MasterLke, created)``.

    The same content for a year already loaded is a no-op (``created`` False); different
    content for that year becomes the next version; nothing already stored is changed, so
    answers given on an earlier version keep their questions. ``apps`` is the app registry
    (a migration passes its historical one). Raises ``lke.master.MasterTidakSah``.
    """
    data = periksa_master(data)
    MasterLke = apps.get_model("lke", "MasterLke")
    NodeLke = apps.get_model("lke", "NodeLke")
    SoalLke = apps.get_model("lke", "SoalLke")
    sha = digest(data)
    existing = MasterLke.objects.filter(tahun=data["tahun"], sha256=sha).first()
    if existing is not None:
        return existing, False
    last = MasterLke.objects.filter(tahun=data["tahun"]).order_by("-versi").first()
    master = MasterLke.objects.create(
        tahun=data["tahun"],
        versi=(last.versi + 1) if last else 1,
        sha256=sha,
        generated_at=str(data.get("generated_at") or "")[:40],
        sumber=sumber[:255],
        data=data,
    )
    by_id = {}
    for urutan, (node, parent) in enumerate(iter_nodes(data), start=1):
        by_id[node["id"]] = NodeLke.objects.create(
            master=master,
            induk=by_id[parent["id"]] if parent else None,
            id_master=node["id"],
            nama=node["nama"][:300],
            level=node["level"],
            bobot=node["bobot_maksimal"],
            urutan=urutan,
        )
    SoalLke.objects.bulk_create(
        SoalLke(
            master=master,
            node=by_id[node["id"]],
            id_master=soal["id"],
            urutan=urutan,
            teks=soal["teks_pertanyaan"],
            kriteria=soal.get("kriteria_nilai", ""),
            jenis_jawaban=soal["jenis_jawaban"],
            bobot=soal.get("bobot_maksimal") or 0,
            skema=soal.get("skema_penilaian") or [],
            excel_sheet=soal["excel_sheet"],
            excel_baris=soal["excel_baris"],
            **{k.replace("excel_", ""): soal[k] for k in KOLOM},
        )
        for urutan, (soal, node) in enumerate(iter_soal(data), start=1)
    )
    return master, True


def master_muat_berkas(path: Path | str, *, apps=global_apps):
    """Read a master JSON file and store it (see ``master_muat``)."""
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    return master_muat(data=data, sumber=path.name, apps=apps)
