"""Seed a load-test database: plans for N satkers of Jawa Tengah and their accounts.

Run by ``loadtest/run.py`` (``python -m loadtest.seed --satker N --manifest PATH``) with the
same environment as the server (``DATABASE_URL``, ``ZI_DATA_DIR``). Imports the Kudus sample
SK for each of the first N kabupaten/kota of province 33 (through the normal import service),
creates ``lt-<kode>-operator``, ``-kasubbag``, ``-tim_zi`` and ``lt-33-reviewer``, and writes
a JSON manifest of what the virtual users work on: per satker its plan, the langkah aksi ids
(for edits) and the bukti fisik ids with a valid upload period.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "beban-uji-zi-2026"  # noqa: S105 - accounts of a throwaway load-test database
ROLES = ("operator", "kasubbag", "tim_zi")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--satker", type=int, default=10, help="number of satkers (default 10)")
    parser.add_argument("--manifest", type=Path, required=True)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from access.models import Keanggotaan, Peran, Satker
    from plans import tree
    from plans.models import BuktiFisik, LangkahAksi, RencanaAksi
    from plans.services.importing import decode_lampiran, lampiran_import

    text = decode_lampiran(
        (ROOT / "fixtures/lampiran/kudus-2022-rencana-kerja-zi.txt").read_bytes()
    )
    satkers = list(Satker.objects.filter(induk__kode="33").order_by("kode")[: args.satker])
    User = get_user_model()
    hashed = make_password(PASSWORD)
    manifest = {"password": PASSWORD, "satker": [], "reviewer": "lt-33-reviewer"}
    reviewer, _ = User.objects.get_or_create(
        username="lt-33-reviewer", defaults={"password": hashed}
    )
    Keanggotaan.objects.get_or_create(
        user=reviewer, satker=Satker.objects.get(kode="33"), peran=Peran.REVIEWER_PROVINSI
    )
    manifest["provinsi_kode"] = "33"
    for satker in satkers:
        rencana = RencanaAksi.objects.filter(satker=satker, tahun=2022).first()
        if rencana is None:
            rencana, _hasil = lampiran_import(text=text, satker=satker, tahun=2022, sumber="beban")
        users = {}
        for peran in ROLES:
            name = f"lt-{satker.kode}-{peran}"
            user, _ = User.objects.get_or_create(username=name, defaults={"password": hashed})
            Keanggotaan.objects.get_or_create(user=user, satker=satker, peran=peran)
            users[peran] = name
        langkah = list(
            LangkahAksi.objects.filter(**{tree.lookup("langkah", "rencana"): rencana})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        bukti = [
            {"id": pk, "periode": (bulan or [None])[0]}
            for pk, bulan in BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana})
            .order_by("pk")
            .values_list("pk", "bulan")
        ]
        manifest["satker"].append(
            {
                "id": satker.pk,
                "kode": satker.kode,
                "rencana_id": rencana.pk,
                "users": users,
                "langkah": langkah,
                "bukti": bukti,
            }
        )
    args.manifest.write_text(json.dumps(manifest, indent=1))
    rows = sum(len(s["bukti"]) for s in manifest["satker"])
    print(f"seed: {len(satkers)} satker, {rows} bukti fisik, manifest {args.manifest}")


if __name__ == "__main__":
    main()
