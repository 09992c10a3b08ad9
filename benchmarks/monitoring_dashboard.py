"""Benchmark of the monitoring dashboards at national scale.

Seeds 550 satkers (Jawa Tengah's 36 from the reference data + 33 other provinces with their
kabupaten/kota), one ZI plan of 70 bukti fisik each (38 500 rows) shaped like the sample SKs
(several komponen per area, two indikator per komponen, two langkah aksi per indikator, one or
two bukti fisik each: ``tests.monitoring.factories.realistic_plans``) and accepted evidence
metadata (``evidence.Unggahan`` + ``Berkas`` rows, no files) for half the rows, then prints for
the KPU Provinsi Jawa Tengah dashboard (35 kab/kota + the province) and the KPU Kabupaten Kudus
dashboard:

- median and p95 wall time of the whole request through Django's test client (N runs after
  warm-up), with the reference date at the end of the year so every period is evaluated:
  *served* = as a user gets it between two writes (the caches of ``monitoring.cache`` warm),
  *cold* = the first request after a write (the cache emptied before each run);
- "SQL alone", the dashboard's own SQL: the statements of one **cold** request (everything the
  page runs to compute what it shows: session, user, scoping, stamp, plans, rows, uploads,
  monev, latest uploads, menus), recorded with ``connection.execute_wrapper`` and replayed on a
  raw cursor with ``fetchall()``. Not those of a served request: with the cache warm they are
  only the scoping and stamp queries, and dividing by them would measure the cache's speed
  against itself rather than the page against the SQL that computes it;
- the ratio served ÷ SQL alone (the target) and cold ÷ SQL alone (the Python and template cost
  of computing the page, for information);
- a bare logged-in request through the same middleware (``/monev/``, the redirect to one's
  dashboard: session, user, memberships) — the framework's share of any page;
- a verdict per target: served ratio ≤ 2× for both dashboards, province dashboard served
  median ≤ 300 ms.

Usage (from the project root)::

    .venv/bin/python benchmarks/monitoring_dashboard.py                 # SQLite and PostgreSQL
    .venv/bin/python benchmarks/monitoring_dashboard.py --db sqlite --runs 30
    .venv/bin/python benchmarks/monitoring_dashboard.py --db postgres \
        --pg-url postgres://postgres@127.0.0.1:5432/zi_bench_monitoring

Each database is seeded fresh (a temporary SQLite file; the PostgreSQL database is dropped and
created again, so give it a name of its own).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/zi_bench_monitoring"
# Kemendagri province codes other than Jawa Tengah (33): 33 provinces.
PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "34", "35",
             "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75",
             "76", "81", "82", "91", "92"]  # fmt: skip
TOTAL_SATKERS = 550
ROWS = 70
TARGET_RATIO = 2.0
TARGET_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.runs)
        return
    targets = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for target in targets:
        with tempfile.TemporaryDirectory(prefix="zi-bench-") as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3" if target == "sqlite" else args.pg_url
            if target == "postgres":
                recreate_pg(url)
            env = {**os.environ, "DATABASE_URL": url, "ZI_DATA_DIR": tmp, "DJANGO_DEBUG": "0",
                   "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 32,
                   "DJANGO_ALLOWED_HOSTS": "testserver", "DJANGO_HTTPS": "0"}  # fmt: skip
            collect_static(env, tmp)
            cmd = [sys.executable, __file__, "--child", target, "--runs", str(args.runs)]
            subprocess.run(cmd, env=env, cwd=ROOT, check=True)


def seed_accepted_uploads() -> tuple[list, int]:
    """An accepted upload (a 1 kB PDF record, no file) for every other bukti fisik of the
    database, dated the 10th of its first month in 2022; returns every ``(pk, bulan,
    satker_id)`` row. Two bulk inserts whatever the size. Needs Django set up."""
    import datetime as dt
    import hashlib

    from django.utils import timezone

    from evidence.models import Berkas, Unggahan
    from plans import tree
    from plans.models import BuktiFisik

    rows = list(
        BuktiFisik.objects.order_by("pk").values_list(
            "pk", "bulan", tree.lookup("bukti", "satker", "id")
        )
    )
    berkas, uploads = [], []
    tz = timezone.get_current_timezone()
    for n, (pk, bulan, satker_id) in enumerate(rows):
        if n % 2:
            continue
        digest = hashlib.sha256(str(pk).encode()).hexdigest()
        berkas.append(
            Berkas(satker_id=satker_id, sha256=digest, ukuran=1000, jenis="pdf",
                   content_type="application/pdf", nama_penyimpanan=f"{digest}.pdf")
        )  # fmt: skip
        month = bulan[0] if bulan else None
        uploads.append(
            Unggahan(bukti_fisik_id=pk, periode_bulan=month, nama_berkas=f"bukti-{pk}.pdf",
                     kunci_revisi=f"bukti-{pk}", status=Unggahan.Status.DITERIMA,
                     diunggah_pada=dt.datetime(2022, month or 6, 10, 9, tzinfo=tz))
        )  # fmt: skip
    created = Berkas.objects.bulk_create(berkas, batch_size=2000)
    for unggahan, b in zip(uploads, created, strict=True):
        unggahan.berkas = b
    Unggahan.objects.bulk_create(uploads, batch_size=2000)
    return rows, len(uploads)


def collect_static(env: dict, tmp: str) -> None:
    """Production settings serve hashed static names from a manifest: collect the static files
    into the run's own folder first (``env`` gains ``ZI_STATIC_ROOT``)."""
    env["ZI_STATIC_ROOT"] = f"{tmp}/static"
    manage = [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, env=env, cwd=ROOT, check=True)


def recreate_pg(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


def run_child(target: str, runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed()
    print(f"\n== {target}: seeded in {time.perf_counter() - started:.1f} s ==")
    from django.contrib.auth import get_user_model
    from django.test import Client

    from access.models import Keanggotaan, Satker
    from access.roles import Peran

    user_model = get_user_model()
    jateng, kudus = Satker.objects.get(kode="33"), Satker.objects.get(kode="3319")
    reviewer = user_model.objects.create(username="bench-reviewer")
    Keanggotaan.objects.create(user=reviewer, satker=jateng, peran=Peran.REVIEWER_PROVINSI)
    client = Client()
    client.force_login(reviewer)
    query = "?tahun=2022&kerangka=zi&tanggal=2022-12-31"
    print(f"satkers: {Satker.objects.count()}, runs: {runs}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    verdicts = []
    bare = timed(client, "/monev/", runs, status=302)
    print(f"bare logged-in request (/monev/ redirect, same middleware): median "
          f"{statistics.median(bare) * 1000:.1f} ms")  # fmt: skip
    for label, url, ms_target in (
        ("province dashboard (Jawa Tengah, 36 satkers)", f"/monev/provinsi/kode/{jateng.kode}/{query}",
         TARGET_MS),
        ("satker dashboard (Kudus)", f"/monev/satker/kode/{kudus.kode}/{query}", None),
    ):  # fmt: skip
        view_med, ratio = measure(client, label, url, runs)
        verdicts.append((f"{label}: ratio {ratio:.2f}× ≤ {TARGET_RATIO}×", ratio <= TARGET_RATIO))
        if ms_target is not None:
            ok = view_med * 1000 <= ms_target
            verdicts.append((f"{label}: median {view_med * 1000:.0f} ms ≤ {ms_target} ms", ok))
    for text, ok in verdicts:
        print(f"  {'OK    ' if ok else 'MISSED'} {text}")
    missed = sum(1 for _text, ok in verdicts if not ok)
    print("VERDICT:", "all targets met" if not missed else f"{missed} target(s) missed")


def timed(client, url: str, runs: int, *, status: int = 200, cold: bool = False) -> list[float]:
    """Wall times (s) of ``runs`` GETs of ``url`` after three warm-up GETs; with ``cold`` the
    cache is emptied before each one (not timed)."""
    from django.core.cache import cache

    for _ in range(3):
        response = client.get(url)
        assert response.status_code == status, response.status_code
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        t0 = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t0)
    return times


def measure(client, label: str, url: str, runs: int) -> tuple[float, float]:
    """Print and return the served request median (s) and its ratio to the SQL alone."""
    from django.core.cache import cache
    from django.db import connection

    cold = timed(client, url, runs, cold=True)
    times = timed(client, url, runs)
    recorded: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        recorded.append((sql, params))
        return execute(sql, params, many, context)

    cache.clear()
    with connection.execute_wrapper(record):
        client.get(url)
    n_cold = len(recorded)
    with connection.execute_wrapper(record):
        client.get(url)
    n_warm = len(recorded) - n_cold
    del recorded[n_cold:]
    sql_times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in recorded:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
        sql_times.append(time.perf_counter() - t0)
    view_med, sql_med = statistics.median(times), statistics.median(sql_times)
    cold_med = statistics.median(cold)
    print(f"{label}: {n_cold} queries cold, {n_warm} served")
    print(f"  request served median {view_med * 1000:7.1f} ms   p95 {p95(times) * 1000:7.1f} ms")
    print(f"  request cold   median {cold_med * 1000:7.1f} ms   p95 {p95(cold) * 1000:7.1f} ms")
    print(f"  SQL alone      median {sql_med * 1000:7.1f} ms   p95 {p95(sql_times) * 1000:7.1f} ms")
    print(f"  ratio served/SQL (median): {view_med / sql_med:.2f}×   "
          f"cold/SQL (information): {cold_med / sql_med:.2f}×")  # fmt: skip
    return view_med, view_med / sql_med


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def seed() -> None:
    """550 satkers, one realistic 70-row ZI plan each, accepted evidence for every other row."""

    from django.db import transaction

    from access.models import Satker
    from tests.monitoring.factories import realistic_plans

    with transaction.atomic():
        existing = Satker.objects.count()
        provinces = Satker.objects.bulk_create(
            [Satker(kode=k, jenis="provinsi", wilayah=f"Provinsi {k}") for k in PROVINCES]
        )
        needed = TOTAL_SATKERS - existing - len(provinces)
        kabs = [
            Satker(kode=f"{provinces[i % len(provinces)].kode}{i // len(provinces) + 1:02d}",
                   jenis="kabupaten", wilayah=f"Kab {i}", induk=provinces[i % len(provinces)])
            for i in range(needed)
        ]  # fmt: skip
        Satker.objects.bulk_create(kabs)
        realistic_plans(list(Satker.objects.all()), rows=ROWS)
        rows, n_uploads = seed_accepted_uploads()
    from django.db import connection

    # Planner statistics as a live database has them (autovacuum on PostgreSQL): without this
    # PostgreSQL picks a nested-loop plan for the fresh tables and the row query takes ~0.5 s.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {Satker.objects.count()} satkers, {len(rows)} bukti fisik, "
          f"{n_uploads} accepted uploads")  # fmt: skip


if __name__ == "__main__":
    main()
