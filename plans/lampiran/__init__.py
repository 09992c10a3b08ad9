"""Lampiran parser: the text of a KPU SK lampiran → SK metadata and the action-plan rows.

Pure standard library (no Django imports), so it runs and is tested without a database. The
Django service and ``manage.py import_lampiran`` call ``parse_lampiran`` and write its result.

Formats (DESIGN.md §1): ``zi`` six-column (Kudus, Tegal), ``zi_bulanan`` monthly ✓ schedule with
penanggung jawab (Karanganyar), ``rb`` five-column Rencana Aksi Reformasi Birokrasi. The rules
live next to the code that applies them: ``table`` (header, repeated headers, area rows),
``builder`` (tree, page-break continuations), ``shift`` (shifted rows), ``zi_bulanan`` (✓ grid,
split cells, PJ), ``text`` (markup, lists, hyphenation), ``sk`` (decree metadata).
"""

from __future__ import annotations

from .model import BarisLampiran, HasilParse, LampiranError, Peringatan, SkMetadata
from .parser import parse_lampiran

__all__ = [
    "BarisLampiran",
    "HasilParse",
    "LampiranError",
    "Peringatan",
    "SkMetadata",
    "parse_lampiran",
]
