"""Benchmark of the SK + Lampiran PDF. Run: ``.venv/bin/python benchmarks/sk_pdf.py``.

Sets Django up on a throwaway SQLite database and data directory, imports the three seed SKs
through the real importer, builds a synthetic plan of 300 rows (bukti fisik), and prints for the
largest sample and the synthetic plan:

- render time of the report (HTML + WeasyPrint, cache bypassed) and page count;
- the overhead ratio: ``manage.py render_sk_pdf`` run in-process (queries, template, PDF, file
  write; cache bypassed) over WeasyPrint alone rendering the same HTML with the same options in
  the same process (target ≤ 1.15);
- a cached request (HTTP GET of the print view when the PDF of that version exists) against an
  uncached one (target ≥ 50× faster).

Timings are of interleaved repetitions (``--repeat``, default 5) after one warm-up; the ratios
use the fastest run of each (the least disturbed by other processes, as ``timeit`` advises) and
the medians are printed beside them.
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
SAMPLES = {
    "kudus": ("kudus-2022-rencana-kerja-zi.txt", "3319"),
    "tegal": ("tegal-2022-rencana-aksi-zi.txt", "3376"),
    "karanganyar": ("karanganyar-2022-rencana-aksi-zi.txt", "3313"),
}


def setup_django(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["ZI_DATA_DIR"] = str(workdir / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zona_integritas.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


def timed(fn) -> float:
    # every run starts from a collected heap, so one run's garbage does not bill the next
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def bench(label: str, rencana, repeat: int, workdir: Path, client) -> None:
    import io

    import weasyprint
    from django.core.management import call_command
    from django.urls import reverse
    from pypdf import PdfReader

    from plans.reports import SkReport
    from zona_integritas.pdf_fetcher import StaticFilesFetcher
    from zona_integritas.printing import BASE_URL, PDF_VARIANT, cache_dir

    report = SkReport()
    bukti = sum(
        1 for area in report.get_context(rencana=rencana)["tabel"] for b in area.baris if b.bukti
    )
    html = report.render_html(rencana=rencana)
    output = workdir / f"{label}.pdf"

    def weasy_alone() -> bytes:
        return weasyprint.HTML(
            string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()
        ).write_pdf(pdf_variant=PDF_VARIANT)

    def command() -> None:
        call_command(
            "render_sk_pdf",
            str(rencana.pk),
            "--output",
            str(output),
            "--tanpa-cache",
            stdout=io.StringIO(),
        )

    def render() -> None:
        report.render(rencana=rencana, use_cache=False)

    url = reverse("plans:rencana_cetak", args=[rencana.pk])

    def clear_cache() -> None:
        for path in cache_dir().glob("*.pdf"):
            path.unlink()

    def request_uncached() -> None:
        clear_cache()
        assert client.get(url).status_code == 200

    def request_cached() -> None:
        assert client.get(url).status_code == 200

    # warm-up: fonts, templates, imports
    weasy_alone(), command(), render(), request_uncached(), request_cached()

    weasy_times, command_times, render_times = [], [], []
    for _ in range(repeat):
        weasy_times.append(timed(weasy_alone))
        command_times.append(timed(command))
        render_times.append(timed(render))
    uncached_times = [timed(request_uncached) for _ in range(repeat)]
    request_cached()
    cached_times = [timed(request_cached) for _ in range(repeat * 10)]

    pages = len(PdfReader(output).pages)
    size_kib = output.stat().st_size / 1024
    print(f"\n{label}: {bukti} baris (bukti fisik), {pages} halaman, {size_kib:.0f} KiB")
    print(f"  {'':38} {'tercepat':>10} {'median':>10}")
    rows = [
        ("render (HTML + PDF, tanpa cache)", render_times),
        ("WeasyPrint saja, HTML yang sama", weasy_times),
        ("perintah render_sk_pdf (tanpa cache)", command_times),
        ("permintaan HTTP tanpa cache", uncached_times),
        ("permintaan HTTP dengan cache", cached_times),
    ]
    for name, values in rows:
        print(f"  {name:38} {min(values) * 1000:8.1f} ms {median_ms(values):7.1f} ms")
    ratio_min = min(command_times) / min(weasy_times)
    ratio_median = median_ms(command_times) / median_ms(weasy_times)
    speedup_min = min(uncached_times) / min(cached_times)
    speedup_median = median_ms(uncached_times) / median_ms(cached_times)
    print(
        f"  {'rasio perintah / WeasyPrint':38} {ratio_min:10.3f} {ratio_median:10.3f}   (target ≤ 1.15)"
    )
    print(
        f"  {'percepatan permintaan dengan cache':38} {speedup_min:9.1f}× {speedup_median:9.1f}×   (target ≥ 50×)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sk-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from plans.models import RencanaAksi
        from plans.services.importing import lampiran_import
        from tests.factories import make_plan

        imported = []
        for name, (filename, kode) in SAMPLES.items():
            text = (ROOT / "fixtures" / "lampiran" / filename).read_text(encoding="utf-8")
            rencana, _hasil = lampiran_import(text=text, satker=kode, tahun=2022)
            imported.append((name, rencana))
        from plans.selectors import lampiran_table, rencana_tree

        def size(rencana) -> int:
            tabel = lampiran_table(rencana_tree(rencana=rencana))
            return sum(1 for area in tabel for b in area.baris if b.bukti)

        name, largest = max(imported, key=lambda item: size(item[1]))
        synthetic = make_plan(
            satker_kode="3301",
            areas=6,
            komponen_per_area=5,
            indikator_per_komponen=5,
            bukti_per_langkah=2,
        )
        admin = get_user_model().objects.create_superuser("bench", "bench@example.invalid", "x")
        client = Client()
        client.force_login(admin)
        import weasyprint

        print(
            f"WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}, "
            f"{args.repeat} ulangan (median)"
        )
        for label, rencana in (
            (f"sampel terbesar ({name})", largest),
            ("sintetis 300 baris", synthetic),
        ):
            rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(pk=rencana.pk)
            bench(label, rencana, args.repeat, workdir, client)


if __name__ == "__main__":
    main()
