"""Benchmark of the lampiran importer's writes: import and replace of 70- and 1,200-row plans.

Run: ``.venv/bin/python benchmarks/import_writes.py`` (SQLite in a temporary directory), or
with ``DATABASE_URL=postgres://…/zi_bench_x`` for PostgreSQL (an empty database of your own: it is migrated, and the plans of satker 3301/3302 are deleted).

The documents are the Kudus sample SK (70 bukti fisik rows) and a 1,200-row lampiran built from
the same rows: every area of the sample repeated with its komponen renumbered and the texts of
each copy varied (``… (tahap 3)``), so cell lengths and the shape of the tree (several indikator
per komponen, several langkah aksi per indikator) are those of a real SK. For each size it
prints, median of ``--repeat`` runs (default 3):

- parse: ``parse_lampiran`` alone (the reader, not the target here);
- import: a new plan (``lampiran_import``), parse included;
- replace (unchanged): ``--replace`` with the same document; must write nothing;
- replace (5 % changed): ``--replace`` with 1 in 20 bukti fisik texts edited;

with the CPU time of this process (on SQLite that is nearly all the work; on a machine shared
with other jobs it is steadier than wall time), the number of SQL queries of each step, the
machine's load average, and a verdict (on wall time) against the target: import and replace of
1,200 rows ≤ 2 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "lampiran" / "kudus-2022-rencana-kerja-zi.txt"
HEADER = "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU"
TARGET_SECONDS = 2.0


def setup_django(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["ZI_DATA_DIR"] = str(workdir / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _cell(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")


def build_document(target_rows: int, *, change_every: int = 0) -> str:
    """The Kudus SK with a lampiran table of about ``target_rows`` bukti fisik rows.

    The SK text before the table and the signature block after it are the sample's; the table
    is written from the sample's parsed rows: area by area, the area's rows repeated ``copies``
    times, each copy a new komponen numbering and its texts suffixed ``(tahap k)``.
    ``change_every`` > 0 edits the bukti fisik text of every n-th row (for a changed replace).
    """
    from plans.lampiran import parse_lampiran

    text = SAMPLE.read_text(encoding="utf-8")
    hasil = parse_lampiran(text)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("NO\tKOMPONEN"))
    end = max(i for i, line in enumerate(lines) if line.startswith("Ditetapkan di"))
    copies = max(1, round(target_rows / len(hasil.rows)))
    body = [HEADER, "1\t2\t3\t4\t5\t6"]
    areas: dict[str, list] = {}
    for row in hasil.rows:
        areas.setdefault((row.area, row.area_nama), []).append(row)
    counter = 0
    for (numeral, nama), rows in areas.items():
        body.append(f"{numeral}\t{_cell(nama)}")
        number = 0
        for copy in range(copies):
            suffix = "" if copy == 0 else f" (tahap {copy + 1})"
            last = (None, None, None)
            for row in rows:
                counter += 1
                keys = (row.komponen_key, row.indikator_key, row.langkah_key)
                cells = ["", "", "", ""]
                if keys[0] != last[0]:
                    number += 1
                    cells = [str(number), _cell(row.komponen) + suffix, "", ""]
                if keys[1] != last[1]:
                    cells[2] = _cell(row.indikator) + suffix
                if keys[2] != last[2]:
                    cells[3] = _cell(row.langkah_aksi) + suffix
                bukti = _cell(row.bukti_fisik) + suffix
                if change_every and counter % change_every == 0:
                    bukti += " (diperbarui)"
                target = row.target_waktu or "Desember 2022"
                body.append("\t".join([*cells, bukti, _cell(target)]))
                last = keys
    return "\n".join([*lines[:start], *body, "", *lines[end:]]) + "\n"


def timed(fn) -> tuple[float, float, int, object]:
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    from plans.lampiran.text import clean_cell

    clean_cell.cache_clear()  # every step parses from a cold cache, as a first import does
    gc.collect()
    with connection.execute_wrapper(counter):
        start, cpu_start = time.perf_counter(), time.process_time()
        result = fn()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return elapsed, cpu, count, result


def measure(text: str, changed: str, satker, repeat: int) -> dict[str, list[tuple]]:
    """``{step: [(seconds, cpu seconds, queries), …]}`` of ``repeat`` rounds of each step."""
    from plans.lampiran import parse_lampiran
    from plans.models import RencanaAksi
    from plans.services.importing import lampiran_import

    steps = [
        ("baca (parse)", lambda: parse_lampiran(text)),
        ("impor baru", lambda: lampiran_import(text=text, satker=satker)),
        ("ganti, tanpa perubahan", lambda: lampiran_import(text=text, satker=satker, replace=True)),
        ("ganti, 5 % berubah", lambda: lampiran_import(text=changed, satker=satker, replace=True)),
    ]
    results: dict[str, list[tuple]] = {}
    for _ in range(repeat):
        RencanaAksi.objects.filter(satker=satker).delete()
        for name, fn in steps:
            elapsed, cpu, count, _result = timed(fn)
            results.setdefault(name, []).append((elapsed, cpu, count))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-impor-") as tmp:
        setup_django(Path(tmp))
        from django.db import connection

        from access.models import Satker
        from plans import tree
        from plans.lampiran import parse_lampiran
        from plans.models import BuktiFisik

        vendor = connection.vendor
        load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"Basis data: {vendor}; {args.repeat} ulangan (median); target ≤ {TARGET_SECONDS} s")
        print(f"Beban mesin (load average 1/5/15 menit): {load} pada {os.cpu_count()} CPU")
        print(f"  {'ukuran':>7} {'langkah':28} {'detik':>8} {'CPU s':>7} {'kueri':>7}  putusan")
        verdicts = []
        for index, size in enumerate((70, 1200)):
            text = build_document(size)
            changed = build_document(size, change_every=20)
            rows = len(parse_lampiran(text).rows)
            kode = ["3301", "3302"][index]
            satker = Satker.objects.get(kode=kode)
            results = measure(text, changed, satker, args.repeat)
            stored = BuktiFisik.objects.filter(
                **{tree.lookup("bukti", "satker"): satker},
                diarsipkan=False,
            ).count()
            assert stored == rows, (stored, rows)
            for name, values in results.items():
                seconds = statistics.median(v[0] for v in values)
                cpu = statistics.median(v[1] for v in values)
                queries = statistics.median(v[2] for v in values)
                verdict = ""
                if size == 1200 and name != "baca (parse)":
                    ok = seconds <= TARGET_SECONDS
                    verdicts.append(ok)
                    verdict = "LULUS" if ok else "GAGAL"
                print(f"  {rows:>7} {name:28} {seconds:8.3f} {cpu:7.3f} {queries:7.0f}  {verdict}")
        print(
            "Putusan: "
            + ("LULUS" if all(verdicts) else "GAGAL")
            + f" (1.200 baris ≤ {TARGET_SECONDS} s)"
        )


if __name__ == "__main__":
    main()
