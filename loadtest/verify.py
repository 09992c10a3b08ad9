"""After a load or fault run: was anything acknowledged lost, is anything half-written?

``python -m loadtest.verify --ack-log PATH`` with the server's environment (``DATABASE_URL``,
``ZI_DATA_DIR``). Checks, and prints as JSON (exit status 1 when a check fails):

- every acknowledged upload has its ``Unggahan`` on that bukti fisik with a ``Berkas`` of the
  same SHA-256, and the stored file has that SHA-256;
- every langkah aksi edited with an acknowledgement holds the last acknowledged name, or a
  name attempted later whose answer was lost (a request cut by a fault may still commit);
- no half-written rows: every ``Berkas`` row's file exists with its recorded size and SHA-256;
- orphans: stored evidence files no ``Berkas`` row points at (left by an upload killed between
  writing the file and committing), counted and listed, not deleted; the project's cleanup
  command is the one that removes them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sha256_of(storage, name: str) -> str | None:
    try:
        with storage.open(name, "rb") as handle:
            digest = hashlib.sha256()
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
            return digest.hexdigest()
    except FileNotFoundError:
        return None


def check_uploads(entries: list[dict], storage) -> dict:
    """Upload figures from the ack log ``entries``: each acknowledged upload must have its
    ``Unggahan`` on that bukti fisik with a ``Berkas`` of the same SHA-256, whose stored file
    has that SHA-256 (``acknowledged_missing`` / ``acknowledged_wrong_file`` count failures)."""
    from evidence.models import Unggahan

    uploads = [e for e in entries if e["kind"] == "upload"]
    acked = [e for e in uploads if e["ack"]]
    found = {
        (b, s): name
        for b, s, name in Unggahan.objects.filter(
            berkas__sha256__in=[e["sha256"] for e in uploads]
        ).values_list("bukti_fisik_id", "berkas__sha256", "berkas__nama_penyimpanan")
    }
    lost, bad_file = [], []
    for e in acked:
        name = found.get((e["bukti"], e["sha256"]))
        if name is None:
            lost.append(e)
        elif sha256_of(storage, name) != e["sha256"]:
            bad_file.append(e)
    unacked_committed = sum(
        1 for e in uploads if not e["ack"] and (e["bukti"], e["sha256"]) in found
    )
    return {
        "attempted": len(uploads),
        "acknowledged": len(acked),
        "acknowledged_missing": len(lost),
        "acknowledged_wrong_file": len(bad_file),
        "unacknowledged_but_committed": unacked_committed,
    }


def check_edits(entries: list[dict]) -> dict:
    """Edit figures from the ack log ``entries``: each langkah aksi edited with an
    acknowledgement must hold the last acknowledged name or a later unacknowledged attempt
    (a request cut by a fault may still commit); ``acknowledged_lost`` counts failures."""
    from plans.models import LangkahAksi

    edits = sorted((e for e in entries if e["kind"] == "edit"), key=lambda e: e["t"])
    per_row: dict[int, list[dict]] = defaultdict(list)
    for e in edits:
        per_row[e["langkah"]].append(e)
    current = dict(LangkahAksi.objects.filter(pk__in=per_row).values_list("pk", "nama"))
    edit_lost = []
    for row, attempts in per_row.items():
        acked_idx = [i for i, e in enumerate(attempts) if e["ack"]]
        if not acked_idx:
            continue
        allowed = {attempts[acked_idx[-1]]["nama"]} | {
            e["nama"] for e in attempts[acked_idx[-1] + 1 :] if not e["ack"]
        }
        if current.get(row) not in allowed:
            edit_lost.append({"langkah": row, "db": current.get(row), "expected": sorted(allowed)})
    return {
        "attempted": len(edits),
        "acknowledged": sum(1 for e in edits if e["ack"]),
        "rows": len(per_row),
        "acknowledged_lost": len(edit_lost),
        "examples": edit_lost[:5],
    }


def orphan_files(storage, referenced: set[str]) -> list[str]:
    """Names (relative to the storage root) of stored files not in ``referenced``; empty for a
    storage without a local directory."""
    from evidence.storage import local_path

    orphans = []
    root = local_path(storage, "")
    if root:
        for dirpath, _dirs, files in os.walk(root):
            for filename in files:
                name = os.path.relpath(os.path.join(dirpath, filename), root)
                if name not in referenced:
                    orphans.append(name)
    return orphans


def check_storage(storage) -> dict:
    """Storage figures: every ``Berkas`` row's file must exist with its recorded size and
    SHA-256 (``half_written_rows`` counts failures); orphan files are counted, not failures."""
    from evidence.models import Berkas

    half = []
    referenced = set()
    for pk, name, size, digest in Berkas.objects.values_list(
        "pk", "nama_penyimpanan", "ukuran", "sha256"
    ):
        referenced.add(name)
        try:
            actual_size = storage.size(name)
        except FileNotFoundError:
            half.append({"berkas": pk, "problem": "file missing"})
            continue
        if actual_size != size or sha256_of(storage, name) != digest:
            half.append({"berkas": pk, "problem": "size or SHA-256 differs"})
    orphans = orphan_files(storage, referenced)
    return {
        "berkas_rows": len(referenced),
        "half_written_rows": len(half),
        "half_written_examples": half[:5],
        "orphan_files": len(orphans),
        "orphan_examples": orphans[:5],
    }


def verify(ack_log: Path) -> dict:
    """The report of the checks in the module docstring for the JSON-lines ``ack_log``:
    ``{"uploads": …, "edits": …, "storage": …, "ok": bool}`` (Django must be set up)."""
    from evidence.storage import bukti_storage

    entries = [json.loads(line) for line in ack_log.read_text().splitlines() if line.strip()]
    storage = bukti_storage()
    report: dict = {
        "uploads": check_uploads(entries, storage),
        "edits": check_edits(entries),
        "storage": check_storage(storage),
    }
    report["ok"] = not (
        report["uploads"]["acknowledged_missing"]
        or report["uploads"]["acknowledged_wrong_file"]
        or report["edits"]["acknowledged_lost"]
        or report["storage"]["half_written_rows"]
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ack-log", type=Path, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    import django

    django.setup()
    report = verify(args.ack_log)
    print(json.dumps(report, indent=1))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
