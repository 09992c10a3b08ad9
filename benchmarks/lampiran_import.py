"""Benchmark of reading SK files per format. Run: ``.venv/bin/python benchmarks/lampiran_import.py``.

Prints the time ``plans.documents.read_document`` takes (content sniffing, extraction and the
lampiran parser; no database) for each sample SK as text, Word (.docx) and the PDF LibreOffice
printed from it (``fixtures/documents/``), then for a synthetic 1,200-row lampiran built the
same way: text, the .docx typed by ``scripts/make_test_documents.py``, its LibreOffice PDF and
the PDF of the same table without cell borders (read from the text positions; both skipped with
a note when ``soffice`` is not installed). Each time is the fastest of
``--repeat`` runs (default 3; the least disturbed by other processes, as ``timeit`` advises),
the median and the CPU time of this process beside it (on a shared machine the wall time
includes waiting for the processor; the CPU time does not).

Target: a 1,200-row lampiran parses in a few seconds, read here as ≤ 5 s per format.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_generator():
    """``scripts/make_test_documents.py`` as a module (it puts the project on ``sys.path``)."""
    spec = importlib.util.spec_from_file_location(
        "make_test_documents", ROOT / "scripts" / "make_test_documents.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()
SAMPLES = GENERATOR.SAMPLES

from plans.documents import read_document  # noqa: E402
from plans.lampiran.text import clean_cell  # noqa: E402

TARGET_SECONDS = 5.0
AREAS = [
    "PEMBANGUNAN UNIT KERJA UNTUK MEMPEROLEH PREDIKAT MENUJU WBK/WBBM KPU",
    "PENATAAN TATA LAKSANA",
    "PENATAAN SISTEM MANAJEMEN SDM",
    "PENGUATAN AKUNTABILITAS",
    "PENGUATAN PENGAWASAN",
    "PENINGKATAN KUALITAS PELAYANAN PUBLIK",
]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip


def big_text(rows: int) -> str:
    """The Kudus SK with a synthetic lampiran table of ``rows`` leaf rows over six areas."""
    kudus = (ROOT / "fixtures" / "lampiran" / SAMPLES["kudus"]).read_text(encoding="utf-8")
    lines = kudus.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("NO\tKOMPONEN"))
    closing = next(i for i, line in enumerate(lines) if i > header and "KETUA KOMISI" in line)
    table = [lines[header], "1\t2\t3\t4\t5\t6"]
    per_area = rows // len(AREAS)
    number = 0
    for area_index, area in enumerate(AREAS):
        table.append(f"{['I', 'II', 'III', 'IV', 'V', 'VI'][area_index]}\t{area}")
        for i in range(per_area):
            number += 1
            month = MONTHS[number % 12]
            cells = [
                f"{i // 5 + 1}" if i % 5 == 0 else "",
                f"Komponen {area_index + 1}.{i // 5 + 1} pembangunan zona integritas" if i % 5 == 0 else "",
                f"Indikator {number}: unit kerja telah menetapkan dan melaksanakan kebijakan nomor {number}",
                f"Menyusun, menetapkan dan mensosialisasikan dokumen kegiatan {number} kepada seluruh pegawai",
                f"Undangan, daftar hadir, notulen dan dokumentasi kegiatan {number}",
                f"{month} 2022",
            ]  # fmt: skip
            table.append("\t".join(cells))
    return "\n".join(lines[:header] + table + [""] + lines[closing:])


def timed(data: bytes, repeat: int) -> tuple[float, float, float, int]:
    """Fastest and median wall time, fastest CPU time of this process (seconds), rows read."""
    times = []
    cpu = []
    rows = 0
    for _ in range(repeat):
        clean_cell.cache_clear()  # every run starts cold, as an upload does
        start, start_cpu = time.perf_counter(), time.process_time()
        hasil = read_document(data)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        rows = len(hasil.rows)
    return min(times), statistics.median(times), min(cpu), rows


def report(label: str, data: bytes, repeat: int, target: float | None = None) -> None:
    best, median, cpu, rows = timed(data, repeat)
    verdict = ""
    if target is not None:
        verdict = "  OK" if best <= target else f"  TERLALU LAMBAT (target ≤ {target:.0f} s)"
    print(
        f"{label:<32} {rows:>5} baris  {best:7.2f} s (median {median:.2f} s, CPU {cpu:.2f} s)"
        f"{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1200)
    args = parser.parse_args()
    documents = ROOT / "fixtures" / "documents"
    print("Contoh SK (waktu baca per format):")
    for name, filename in SAMPLES.items():
        report(f"{name}.txt", (ROOT / "fixtures" / "lampiran" / filename).read_bytes(), args.repeat)
        for ext in ("docx", "pdf"):
            report(f"{name}.{ext}", (documents / f"{name}.{ext}").read_bytes(), args.repeat)
    print(f"\nLampiran sintetis {args.rows} baris:")
    text = big_text(args.rows)
    report("besar.txt", text.encode("utf-8"), args.repeat, TARGET_SECONDS)
    docx = GENERATOR.build_docx(text)
    report("besar.docx", docx, args.repeat, TARGET_SECONDS)
    soffice = shutil.which("soffice")
    if not soffice:
        print(
            "besar.pdf: dilewati (soffice tidak terpasang; apt-get install libreoffice-writer-nogui)"
        )
        return
    pdf = to_pdf(soffice, docx)
    report("besar.pdf (LibreOffice)", pdf, args.repeat, TARGET_SECONDS)
    unruled = to_pdf(soffice, GENERATOR.build_docx(text, ruled=False))
    report("besar.pdf (tanpa garis tabel)", unruled, args.repeat, TARGET_SECONDS)


def to_pdf(soffice: str, docx: bytes) -> bytes:
    """The PDF LibreOffice prints from ``docx``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "besar.docx"
        path.write_bytes(docx)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        return path.with_suffix(".pdf").read_bytes()


if __name__ == "__main__":
    main()
