"""Benchmark of the plan pages on a 70-row and a 1,200-row plan (page timings and HTML sizes).

Seeds a fresh database with two plans shaped like the sample SKs (several komponen per area,
two indikator per komponen, two langkah aksi per indikator, one or two bukti fisik each:
``tests.monitoring.factories.realistic_plans``) of 70 and 1,200 bukti fisik, accepted evidence
metadata (``Berkas`` + ``Unggahan`` rows, no files) for half the rows and an opened monev for
Triwulan II, then measures, as a Tim ZI through Django's test client (the whole middleware
stack), after warm-up:

- a bare logged-in request (a view returning "ok" behind ``login_required``, same middleware):
  the floor every page pays;
- the monev form (first part), the row editor, the evidence tab and the plan page: median and
  p95 in ms, the ratio of the median to the bare request's, the HTML size;
- saving one part of the monev form (POST, fields sent).

Targets (printed with a verdict per page): median ≤ 300 ms and HTML ≤ 1 MB for every page of
the 1,200-row plan; saving the monev of the 1,200-row plan posts fewer than 1,000 fields
(Django's ``DATA_UPLOAD_MAX_NUMBER_FIELDS``) and answers with a redirect. Import times are
measured by the import benchmark, not here.

Usage (from the project root)::

    .venv/bin/python benchmarks/big_plans.py                  # SQLite, 15 runs
    .venv/bin/python benchmarks/big_plans.py --db postgres --runs 20 \
        --pg-url postgres://postgres@127.0.0.1:5432/zi_bench_big_plans

The PostgreSQL database is dropped and created again: give it a name of its own.
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
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/zi_bench_big_plans"
SIZES = (70, 1200)
TARGET_MS = 300
TARGET_BYTES = 1_000_000
MAX_FIELDS = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="zi-bench-") as tmp:
        if args.db == "postgres":
            from monitoring_dashboard import recreate_pg

            recreate_pg(args.pg_url)
            url = args.pg_url
        else:
            url = f"sqlite:///{tmp}/bench.sqlite3"
        env = {**os.environ, "DATABASE_URL": url, "ZI_DATA_DIR": tmp, "DJANGO_DEBUG": "0",
               "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 32,
               "DJANGO_ALLOWED_HOSTS": "testserver", "DJANGO_HTTPS": "0"}  # fmt: skip
        from monitoring_dashboard import collect_static

        collect_static(env, tmp)
        cmd = [sys.executable, __file__, "--child", "--runs", str(args.runs)]
        print(f"== {args.db} ==")
        subprocess.run(cmd, env=env, cwd=ROOT, check=True)


def run_child(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    import django

    django.setup()
    from django.contrib.auth.decorators import login_required
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import clear_url_caches, path, reverse

    from zona_integritas import urls

    urls.urlpatterns.append(
        path("__bench_bare__/", login_required(lambda request: HttpResponse("ok")))
    )
    clear_url_caches()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    user, plans = seed()
    print(f"seeded in {time.perf_counter() - started:.1f} s; runs per page: {runs}")
    client = Client()
    client.force_login(user)
    bare = timed(client, "/__bench_bare__/", runs)
    print(f"bare logged-in request: median {bare.median:.1f} ms (CPU {bare.cpu:.1f} ms)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    verdicts = []
    for rows, rencana in plans.items():
        print(f"-- plan of {rows} bukti fisik (rencana {rencana.pk}) --")
        pages = {
            "monev form": reverse("monitoring:monev_form", args=[rencana.pk, 2]),
            "row editor": reverse("plans:rencana_ubah", args=[rencana.pk]),
            "evidence tab": reverse("evidence:rencana_bukti", args=[rencana.pk]),
            "plan page": reverse("plans:rencana_detail", args=[rencana.pk]),
        }
        for label, url in pages.items():
            t = timed(client, url, runs)
            ok = t.median <= TARGET_MS and t.size <= TARGET_BYTES
            if rows == max(SIZES):
                verdicts.append((f"{label} ({rows} rows)", ok))
            print(
                f"  {label:13s} median {t.median:7.1f} ms  p95 {t.p95:7.1f} ms  CPU {t.cpu:6.1f} ms  "
                f"{t.median / bare.median:6.1f}× bare  HTML {t.size / 1000:8.1f} kB  "
                f"{'OK' if ok else 'MISSED'} (≤ {TARGET_MS} ms, ≤ {TARGET_BYTES // 1000} kB)"
            )
        fields, status, ms = save_monev(client, rencana)
        ok = fields < MAX_FIELDS and status == 302
        verdicts.append((f"monev save ({rows} rows)", ok))
        print(
            f"  monev save    {ms:7.1f} ms  {fields} fields posted, HTTP {status}  "
            f"{'OK' if ok else 'MISSED'} (< {MAX_FIELDS} fields, redirect)\n"
        )
    missed = [name for name, ok in verdicts if not ok]
    print("VERDICT:", "all targets met" if not missed else "missed: " + ", ".join(missed))


class Timing:
    """Wall-clock median and p95 (ms), CPU-time median of this process (ms: the same request
    without the time spent waiting for a core on a shared machine) and the HTML size."""

    def __init__(self, times: list[float], cpu: list[float], size: int):
        ordered = sorted(times)
        self.median = statistics.median(times) * 1000
        self.p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
        self.cpu = statistics.median(cpu) * 1000
        self.size = size


def timed(client, url: str, runs: int) -> Timing:
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return Timing(times, cpu, len(response.content))


def save_monev(client, rencana) -> tuple[int, int, float]:
    """POST the first part of the monev form as a browser would (every field of the page)."""
    from django.urls import reverse

    from monitoring.models import BarisMonev, Monev
    from monitoring.selectors_monev import bagian_monev

    monev = Monev.objects.get(rencana=rencana, triwulan=2)
    ids = bagian_monev(monev)[0].baris_ids
    rows = list(BarisMonev.objects.filter(pk__in=ids).order_by("urutan", "pk"))
    data = {
        "bagian": "1", "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)), "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000", "laporan-versi": str(monev.versi),
        "laporan-nomor_laporan": "", "laporan-tanggal_laporan": "2022-06-30",
        "laporan-mengetahui_jabatan": monev.mengetahui_jabatan, "laporan-mengetahui_nama": "",
        "laporan-mengetahui_nip": "", "laporan-kesimpulan": "Benchmark", "simpan": "1",
        "csrfmiddlewaretoken": "x",
    }  # fmt: skip
    for i, row in enumerate(rows):
        data.update({
            f"form-{i}-id": str(row.pk), f"form-{i}-versi": str(row.versi),
            f"form-{i}-realisasi_status": row.realisasi_status,
            f"form-{i}-realisasi_persen": str(row.realisasi_persen),
            f"form-{i}-kendala": "Kendala uji", f"form-{i}-tindak_lanjut": "Tindak lanjut uji",
            f"form-{i}-catatan": "",
        })  # fmt: skip
    t0 = time.perf_counter()
    response = client.post(reverse("monitoring:monev_form", args=[rencana.pk, 2]), data)
    return len(data), response.status_code, (time.perf_counter() - t0) * 1000


def seed():
    """A Tim ZI of Kudus and Tegal; a 70-row plan for Kudus and a 1,200-row plan for Tegal,
    accepted evidence for every other bukti fisik, the Triwulan II monev opened for both."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from access.models import Keanggotaan, Satker
    from access.roles import Peran
    from monitoring.services import monev_mulai
    from tests.monitoring.factories import realistic_plans

    kudus, tegal = Satker.objects.get(kode="3319"), Satker.objects.get(kode="3376")
    with transaction.atomic():
        user = get_user_model().objects.create(username="bench-timzi", first_name="Bench")
        for s in (kudus, tegal):
            Keanggotaan.objects.create(user=user, satker=s, peran=Peran.TIM_ZI)
        small = realistic_plans([kudus], rows=SIZES[0])[0]
        big = realistic_plans([tegal], rows=SIZES[1])[0]
        from monitoring_dashboard import seed_accepted_uploads

        seed_accepted_uploads()
    for rencana in (small, big):
        monev_mulai(rencana=rencana, triwulan=2, hari_ini=dt.date(2022, 7, 5))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user, {SIZES[0]: small, SIZES[1]: big}


if __name__ == "__main__":
    main()
