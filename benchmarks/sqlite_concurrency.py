"""Concurrent writers on SQLite with the project's settings: how many writes fail. Prints figures.

    .venv/bin/python benchmarks/sqlite_concurrency.py [--writers 8] [--writes 100] [--mode immediate]

``--writers`` processes each run ``--writes`` transactions against one SQLite file in a
temporary directory, with Django configured by ``zona_integritas/settings.py`` (WAL, busy
timeout, ``transaction_mode``). Each transaction does what a form save does: read first
(``SELECT``), think a moment, then write (``INSERT``) inside ``transaction.atomic``. With
SQLite's default DEFERRED transactions two such writers deadlock on the read-to-write lock
upgrade and one fails at once with "database is locked", whatever the busy timeout; with
IMMEDIATE the second writer waits for the lock at ``BEGIN``. ``--mode deferred`` runs the same
load with Django's old default to show the difference.

Reported: writes attempted, failed ("database is locked"), rows in the table afterwards (must
equal the successful writes), wall time, p95 of one transaction's duration. Target: zero
failed writes in the project's mode (IMMEDIATE).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup(db_path: str, mode: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = (
        None if mode == "deferred" else mode.upper()
    )


def _writer(args: tuple[str, str, int, int]) -> tuple[int, int, list[float]]:
    db_path, mode, index, writes = args
    _setup(db_path, mode)
    from django.db import OperationalError, connection, transaction

    ok = failed = 0
    durations = []
    for n in range(writes):
        started = time.monotonic()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM catatan WHERE penulis = %s", [index])
                cursor.fetchone()
                time.sleep(0.002)  # the view's work between reading and writing
                cursor.execute("INSERT INTO catatan (penulis, urutan) VALUES (%s, %s)", [index, n])
            ok += 1
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            failed += 1
        durations.append(time.monotonic() - started)
    connection.close()
    return ok, failed, durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=100)
    parser.add_argument("--mode", choices=["immediate", "deferred"], default="immediate")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zi-sqlite-") as tmp:
        db_path = str(Path(tmp) / "bench.sqlite3")
        _setup(db_path, opts.mode)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE catatan (id INTEGER PRIMARY KEY, penulis INT, urutan INT)")
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
        connection.close()

        started = time.monotonic()
        jobs = [(db_path, opts.mode, i, opts.writes) for i in range(opts.writers)]
        with multiprocessing.get_context("spawn").Pool(opts.writers) as pool:
            results = pool.map(_writer, jobs)
        wall = time.monotonic() - started

        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM catatan")
            rows = cursor.fetchone()[0]
        connection.close()

    ok = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    durations = sorted(d for r in results for d in r[2])
    p95 = statistics.quantiles(durations, n=20)[-1] * 1000
    print(f"mode={opts.mode} journal_mode={journal} writers={opts.writers} writes={opts.writes}")
    print(f"attempted={ok + failed} succeeded={ok} failed_locked={failed} rows={rows}")
    print(f"wall={wall:.1f}s p95_transaction={p95:.0f}ms")
    verdict = "OK" if failed == 0 and rows == ok else "FAIL"
    print(f"verdict: {verdict} (target: no 'database is locked', every success stored)")


if __name__ == "__main__":
    main()
