"""Benchmark of the evidence app's memory and pack throughput. Prints figures.

    .venv/bin/python benchmarks/evidence_memory.py [--upload-mb 200] [--pack-mb 1024]

Each part runs in its own subprocess (fresh SQLite database and DATA_DIR in a temporary
directory, Django settings from the project) so its ``ru_maxrss`` is its own:

1. upload: a generated MP4 of ``--upload-mb`` MB (random, incompressible payload) POSTed
   through the upload view by Django's test client, the multipart body streamed from a file on
   disk (the test client's ``post()`` would build the whole body in memory, which is the
   client's cost, not the server's). The size limit is raised above the file for this run;
   a second run sends the same body against the default 25 MB limit (refused while streaming).
2. pack: ``--pack-mb`` MB of evidence (100 files of random bytes, accepted) in a plan; the
   evidence pack is downloaded through the pack view and written to disk; then Debian's
   ``zip -0 -r`` stores the same files. Throughput ratio = zip time / pack time (≥ 0.5 wanted).

Reported per part: tracemalloc peak (Python allocations during the operation), ru_maxrss of the
subprocess (whole process, including the Django import baseline, also shown), wall time.
Targets: peak memory < 100 MB for both parts, ratio ≥ 0.5.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django(workdir: Path, *, migrate: bool = False) -> None:
    """Django on a SQLite file and DATA_DIR in ``workdir``; the URLconf loaded (as a worker)."""
    os.environ["ZI_DATA_DIR"] = str(workdir / "var")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (import every view module, like a warm worker)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def _superuser_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    return client


def _mp4_body(path: Path, size_mb: int, boundary: str) -> int:
    """Write a multipart body carrying one MP4 of ``size_mb`` MB; return its length."""
    import struct

    payload = size_mb * MB
    ftyp = struct.pack(">I4s", 24, b"ftyp") + b"isom\x00\x00\x02\x00isomavc1"
    moov = struct.pack(">I4s", 16, b"moov") + struct.pack(">I4s", 8, b"free")
    mdat_header = struct.pack(">I4s", 8 + payload, b"mdat")
    with path.open("wb") as out:
        for name, value in [("periode", ""), ("catatan", "benchmark")]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; '
            f'filename="Video kegiatan.mp4"\r\nContent-Type: video/mp4\r\n\r\n'.encode()
        )
        out.write(ftyp + moov + mdat_header)
        for _ in range(size_mb):
            out.write(os.urandom(MB))
        out.write(f"\r\n--{boundary}--\r\n".encode())
    return path.stat().st_size


BOUNDARY = "zi-benchmark-boundary"


def prepare_upload(workdir: Path, size_mb: int) -> dict:
    """Migrate, make a one-row plan and the multipart body on disk (not measured)."""
    setup_django(workdir, migrate=True)
    from tests.factories import make_plan

    plan = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    bukti = plan.areas.get().komponen.get().indikator.get().langkah_aksi.get().bukti_fisik.get()
    _superuser_client()
    length = _mp4_body(workdir / "body.bin", size_mb, BOUNDARY)
    return {"bukti": bukti.pk, "length": length}


def part_upload(workdir: Path, size_mb: int, prepared: dict) -> dict:
    setup_django(workdir)
    from django.test import override_settings
    from django.urls import reverse

    from evidence.models import Unggahan

    client = _superuser_client()
    boundary, body, length = BOUNDARY, workdir / "body.bin", prepared["length"]
    url = reverse("evidence:unggah", args=[prepared["bukti"]])
    results = {"rss_worker_mb": round(rss_mb(), 1)}
    for label, limit in [("diterima", (size_mb + 10) * MB), ("ditolak_batas_25mb", 25 * MB)]:
        with override_settings(ZI_UPLOAD_MAX_BYTES=limit), body.open("rb") as stream:
            baseline = rss_mb()
            tracemalloc.start()
            started = time.perf_counter()
            response = client.request(
                REQUEST_METHOD="POST",
                PATH_INFO=url,
                CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
                CONTENT_LENGTH=str(length),
                HTTP_X_REQUESTED_WITH="XMLHttpRequest",
                **{"wsgi.input": stream},
            )
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        results[label] = {
            "status": response.status_code,
            "seconds": round(elapsed, 2),
            "tracemalloc_peak_mb": round(peak / MB, 1),
            "rss_before_mb": round(baseline, 1),
            "ru_maxrss_mb": round(rss_mb(), 1),
            "stored": Unggahan.objects.count(),
        }
    results["body_mb"] = round(length / MB, 1)
    return results


def _make_pack_plan(total_mb: int, files: int):
    """A plan with ``files`` accepted uploads of random bytes, ``total_mb`` MB in all."""
    import hashlib

    from django.utils import timezone

    from evidence.models import Berkas, Unggahan
    from evidence.storage import bukti_storage
    from plans import tree
    from plans.models import BuktiFisik
    from tests.factories import make_plan

    plan = make_plan(areas=6, komponen_per_area=2, indikator_per_komponen=2)
    bukti = list(
        BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): plan}).order_by("pk")
    )
    storage = bukti_storage()
    per_file = total_mb * MB // files
    for i in range(files):
        path = Path(storage.path(f"{plan.satker.kode}/bench/{i:03d}.pdf"))
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with path.open("wb") as out:
            left = per_file
            while left:
                chunk = os.urandom(min(MB, left))
                digest.update(chunk)
                out.write(chunk)
                left -= len(chunk)
        berkas = Berkas.objects.create(
            satker=plan.satker,
            sha256=digest.hexdigest(),
            ukuran=per_file,
            jenis="pdf",
            content_type="application/pdf",
            nama_penyimpanan=f"{plan.satker.kode}/bench/{i:03d}.pdf",
        )
        target = bukti[i % len(bukti)]
        Unggahan.objects.create(
            bukti_fisik=target,
            berkas=berkas,
            periode_bulan=target.bulan[0],
            nama_berkas=f"Dokumen {i:03d}.pdf",
            kunci_revisi=f"dokumen {i:03d}.pdf",
            status="diterima",
            diverifikasi_pada=timezone.now(),
        )
    return plan, Path(storage.path(plan.satker.kode))


def prepare_pack(workdir: Path, total_mb: int) -> dict:
    """Migrate and generate the plan with ``total_mb`` MB of accepted evidence (not measured)."""
    setup_django(workdir, migrate=True)
    plan, files_dir = _make_pack_plan(total_mb, files=100)
    _superuser_client()
    return {"rencana": plan.pk, "files_dir": str(files_dir)}


def part_pack(workdir: Path, repeats: int, prepared: dict) -> dict:
    setup_django(workdir)
    from django.urls import reverse

    files_dir = Path(prepared["files_dir"])
    client = _superuser_client()
    url = reverse("evidence:paket", args=[prepared["rencana"]])
    rss_worker = rss_mb()
    out = workdir / "paket.zip"
    pack_times, zip_times, peaks = [], [], []
    size = 0
    for _ in range(repeats):
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(url)
        with out.open("wb") as f:
            for chunk in response.streaming_content:
                f.write(chunk)
        pack_times.append(time.perf_counter() - started)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        size = out.stat().st_size
        assert int(response["Content-Length"]) == size
        out.unlink()

        baseline_zip = workdir / "baseline.zip"
        started = time.perf_counter()
        subprocess.run(
            ["zip", "-0", "-r", "-q", str(baseline_zip), files_dir.name],
            cwd=files_dir.parent,
            check=True,
        )
        zip_times.append(time.perf_counter() - started)
        baseline_zip.unlink()
    best_pack, best_zip = min(pack_times), min(zip_times)
    return {
        "rss_worker_mb": round(rss_worker, 1),
        "zip_mb": round(size / MB, 1),
        "pack_seconds": [round(t, 2) for t in pack_times],
        "zip0_seconds": [round(t, 2) for t in zip_times],
        "pack_mb_per_s": round(size / MB / best_pack, 1),
        "zip0_mb_per_s": round(size / MB / best_zip, 1),
        "ratio": round(best_zip / best_pack, 2),
        "tracemalloc_peak_mb": round(max(peaks) / MB, 1),
        "ru_maxrss_mb": round(rss_mb(), 1),
    }


def run_part(name: str, args: argparse.Namespace, workdir: str, prepared: dict) -> dict:
    """Run one part in a fresh interpreter; return the JSON it prints last."""
    cmd = [sys.executable, __file__, "--part", name, "--workdir", workdir]
    cmd += ["--upload-mb", str(args.upload_mb), "--pack-mb", str(args.pack_mb)]
    cmd += ["--repeats", str(args.repeats), "--prepared", json.dumps(prepared)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"part {name} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_pair(name: str, args: argparse.Namespace) -> dict:
    """Prepare (migrate, generate data) in one process, measure in another."""
    with tempfile.TemporaryDirectory(prefix=f"zi-bench-{name}-") as tmp:
        prepared = run_part(f"prepare-{name}", args, tmp, {})
        return run_part(name, args, tmp, prepared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upload-mb", type=int, default=200)
    parser.add_argument("--pack-mb", type=int, default=1024)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--part", choices=["prepare-upload", "upload", "prepare-pack", "pack"])
    parser.add_argument("--workdir")
    parser.add_argument("--prepared", default="{}")
    args = parser.parse_args()
    if args.part:
        workdir, prepared = Path(args.workdir), json.loads(args.prepared)
        result = {
            "prepare-upload": lambda: prepare_upload(workdir, args.upload_mb),
            "upload": lambda: part_upload(workdir, args.upload_mb, prepared),
            "prepare-pack": lambda: prepare_pack(workdir, args.pack_mb),
            "pack": lambda: part_pack(workdir, args.repeats, prepared),
        }[args.part]()
        print(json.dumps(result))
        return
    if not shutil.which("zip"):
        raise SystemExit("Debian's zip is needed for the baseline (scripts/system-deps.sh).")
    upload = run_pair("upload", args)
    print(
        f"Worker baseline (Django set up, URLconf and views imported, client logged in): "
        f"ru_maxrss {upload['rss_worker_mb']} MB"
    )
    print(f"\nUpload of a {args.upload_mb} MB MP4 through the view (body {upload['body_mb']} MB):")
    for label in ["diterima", "ditolak_batas_25mb"]:
        r = upload[label]
        print(
            f"  {label:20} HTTP {r['status']}  {r['seconds']:6.2f} s  tracemalloc peak "
            f"{r['tracemalloc_peak_mb']:6.1f} MB  ru_maxrss {r['ru_maxrss_mb']:6.1f} MB "
            f"(before {r['rss_before_mb']} MB)  rows stored {r['stored']}"
        )
    pack = run_pair("pack", args)
    print(
        f"\nEvidence pack of {args.pack_mb} MB in 100 files (ZIP {pack['zip_mb']} MB; "
        f"worker baseline {pack['rss_worker_mb']} MB):"
    )
    print(f"  pack view  {pack['pack_seconds']} s  → {pack['pack_mb_per_s']} MB/s (best)")
    print(f"  zip -0 -r  {pack['zip0_seconds']} s  → {pack['zip0_mb_per_s']} MB/s (best)")
    print(f"  throughput ratio pack/zip -0: {pack['ratio']}  (target ≥ 0.5)")
    print(
        f"  tracemalloc peak {pack['tracemalloc_peak_mb']} MB, ru_maxrss {pack['ru_maxrss_mb']} MB"
        "  (target < 100 MB)"
    )


if __name__ == "__main__":
    main()
