"""Does a 1,200-row SK print or a 1 GB evidence pack hold a web worker? (dashboard latency)

Run: ``.venv/bin/python benchmarks/jobs_offload.py [--mode job|inline] [--rows 1200]
[--pack-mb 1024] [--port 8106]``.

Sets up a throwaway SQLite database and data directory, a plan of ``--rows`` bukti fisik and a
plan with ``--pack-mb`` MB of accepted evidence (100 files), then starts gunicorn (gthread,
1 worker × 2 threads: a small office server) on 127.0.0.1 and ``manage.py db_worker``. It
measures the satker dashboard (every request a cache miss: another reference date) at rest,
then while the SK is printed and while the pack is built and downloaded, sampling it every
0.2 s. ``--mode job`` is the configuration as shipped (cold large prints and large packs go to
the worker); ``--mode inline`` forces both into the request, as before, for comparison.

Prints the time of the print/pack request itself, how long the job took, and the dashboard
p50/p95/max at rest and during each, with a verdict: the dashboard "answers in its normal
time" when its p95 during the job is within 2 × its p95 at rest (+ 100 ms of tolerance).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = secrets.token_urlsafe(12)


def setup(workdir: Path, rows: int, pack_mb: int, env: dict) -> dict:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from evidence_memory import _make_pack_plan

    from tests.factories import make_plan

    call_command("migrate", verbosity=0)
    per_area = rows // 6
    big = make_plan(
        satker_kode="3376", areas=6, komponen_per_area=per_area // 20, indikator_per_komponen=20
    )
    pack_plan, _files = _make_pack_plan(pack_mb, files=100)
    get_user_model().objects.create_superuser("bench", "bench@example.invalid", PASSWORD)
    return {"sk": big.pk, "pack": pack_plan.pk, "satker": big.satker.kode}


def login(base: str):
    import requests

    session = requests.Session()
    session.get(f"{base}/masuk/")
    session.post(
        f"{base}/masuk/",
        data={
            "username": "bench",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
    )
    return session


class DashboardProbe:
    """Time the satker dashboard, a cache miss each time (a different reference date)."""

    def __init__(self, base: str, satker: str) -> None:
        self.session = login(base)
        self.url = f"{base}/monev/satker/kode/{satker}/"
        self.day = date(2022, 1, 1)

    def once(self) -> float:
        self.day += timedelta(days=1)
        start = time.perf_counter()
        response = self.session.get(self.url, params={"tanggal": self.day.isoformat()})
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - start

    def during(self, stop: threading.Event, into: list[float]) -> None:
        while not stop.is_set():
            into.append(self.once())
            time.sleep(0.2)


def figures(values: list[float]) -> str:
    if not values:
        return "n=0"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"n={len(values):3d}  p50 {statistics.median(values) * 1000:6.0f} ms  "
        f"p95 {p95 * 1000:6.0f} ms  max {max(values) * 1000:6.0f} ms"
    )


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0


def run_job(session, base: str, url: str, probe: DashboardProbe, download: bool) -> dict:
    """Request ``url``; follow its job to the end; sample the dashboard meanwhile."""
    samples: list[float] = []
    stop = threading.Event()
    sampler = threading.Thread(target=probe.during, args=(stop, samples))
    sampler.start()
    start = time.perf_counter()
    response = session.get(url, allow_redirects=False, stream=True)
    result: dict = {}
    if response.status_code == 302:
        result["request_s"] = time.perf_counter() - start
        location = response.headers["Location"]
        job_url = location.replace("/unduh/", "/")
        while True:
            data = session.get(f"{base}{job_url.rstrip('/')}/status.json").json()
            if data["selesai"] or data["gagal"]:
                break
            time.sleep(0.5)
        result["job_s"] = time.perf_counter() - start
        result["failed"] = data["gagal"]
        if download and data["unduh"]:
            got = 0
            t0 = time.perf_counter()
            with session.get(f"{base}{data['unduh']}", stream=True) as body:
                for chunk in body.iter_content(1 << 20):
                    got += len(chunk)
            result["download_s"] = time.perf_counter() - t0
            result["download_mb"] = got / 2**20
    else:
        got = sum(len(c) for c in response.iter_content(1 << 20))
        result["request_s"] = time.perf_counter() - start
        result["job_s"] = None
        result["download_mb"] = got / 2**20
    stop.set()
    sampler.join()
    result["samples"] = samples
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["job", "inline"], default="job")
    parser.add_argument("--rows", type=int, default=1200)
    parser.add_argument("--pack-mb", type=int, default=1024)
    parser.add_argument("--port", type=int, default=8106)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="zi-offload-"))
    env = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "ZI_DATA_DIR": str(workdir / "var"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
    }
    if args.mode == "inline":
        env["ZI_CETAK_LANGSUNG_MAX_BARIS"] = "1000000"
        env["ZI_PAKET_LANGSUNG_MAX_MB"] = "1000000"
    print(f"setting up in {workdir}: {args.rows}-row plan, {args.pack_mb} MB pack ...", flush=True)
    ids = setup(workdir, args.rows, args.pack_mb, env)
    child_env = {**os.environ, **env}
    base = f"http://127.0.0.1:{args.port}"
    procs = [
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "zona_integritas.wsgi",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--worker-class",
                "gthread",
                "--workers",
                "1",
                "--threads",
                "2",
                "--timeout",
                "600",
            ],
            cwd=ROOT,
            env=child_env,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/python"),
                "manage.py",
                "db_worker",
                "--no-reload",
                "--interval",
                "0.5",
                "-v0",
            ],
            cwd=ROOT,
            env=child_env,
        ),
    ]
    try:
        deadline = time.time() + 60
        while True:
            try:
                session = login(base)
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        time.sleep(3)  # the worker's first heartbeat
        probe = DashboardProbe(base, ids["satker"])
        probe.once()  # warm-up
        rest = [probe.once() for _ in range(20)]
        sk = run_job(session, base, f"{base}/rencana/{ids['sk']}/cetak/", probe, download=True)
        pack = run_job(
            session, base, f"{base}/bukti/rencana/{ids['pack']}/paket.zip", probe, download=True
        )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)

    print(f"\nmode {args.mode}; gunicorn gthread 1 worker x 2 threads; loadavg {os.getloadavg()}")
    print(f"dashboard at rest            {figures(rest)}")
    verdicts = []
    for label, r in ((f"SK {args.rows} rows", sk), (f"pack {args.pack_mb} MB", pack)):
        job = f"{r['job_s']:.1f} s" if r.get("job_s") else "in the request"
        extra = ""
        if r.get("download_s"):
            extra = f"; download {r['download_mb']:.1f} MB in {r['download_s']:.1f} s"
        print(f"{label}: request answered in {r['request_s']:.2f} s, job {job}{extra}")
        print(f"dashboard during {label:12s}{figures(r['samples'])}")
        ok = p95(r["samples"]) <= 2 * p95(rest) + 0.1
        verdicts.append(ok)
        print(f"  verdict: {'OK' if ok else 'NOT OK'} (p95 during ≤ 2 × p95 at rest + 100 ms)")
    print(f"\nworkdir {workdir} (delete it when done)")
    sys.exit(0 if all(verdicts) else 1)


if __name__ == "__main__":
    main()
