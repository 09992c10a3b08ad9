"""Deadlines the rules give each sample SK: how many due periods its bukti fisik have.

Run: ``.venv/bin/python benchmarks/deadline_counts.py`` (no database: the lampiran parser, the
TARGET WAKTU reader and the deadline engine are pure). Prints, per sample in
``fixtures/lampiran``, the number of bukti fisik, of due periods (deadlines) and of items with
no schedule and how many deadlines the items have (``{deadlines per item: items}``). On a commit
before schedule kinds existed the same script prints the old counts (it falls back to the old
engine call).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plans.deadlines import due_periods  # noqa: E402
from plans.lampiran import parse_lampiran  # noqa: E402
from plans.target_waktu import parse_target_waktu  # noqa: E402


def periods_of(row, tahun):
    """The due periods of one parsed row, from what the importer stores for it."""
    target = parse_target_waktu(row.target_waktu, tahun_default=tahun)
    stored = {
        "bulan": row.bulan,
        "minggu": target.minggu,
        "tahun": target.tahun or tahun,
        "label": row.target_waktu,
        "tahun_default": tahun,
    }
    try:
        return due_periods(**stored, teks_baris=f"{row.bukti_fisik} {row.langkah_aksi}")
    except TypeError:  # the engine before schedule kinds (run on an older commit): no row text
        return due_periods(**stored)


def main() -> None:
    for path in sorted((ROOT / "fixtures" / "lampiran").glob("*.txt")):
        hasil = parse_lampiran(path.read_text(encoding="utf-8"))
        tahun = hasil.sk.tahun
        counts = [len(periods_of(row, tahun)) for row in hasil.rows]
        spread = Counter(counts)
        print(
            f"{path.name}: {len(hasil.rows)} bukti fisik, {sum(counts)} tenggat, "
            f"{spread.get(0, 0)} tanpa jadwal; tenggat per butir {dict(sorted(spread.items()))}"
        )


if __name__ == "__main__":
    main()
