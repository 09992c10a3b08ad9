"""Lampiran parser: the text of a KPU SK with its lampiran → SK metadata and action-plan rows.

Pure standard library (no Django imports), so it runs and is tested without a database. The
Django service (``plans.services.importing.lampiran_import``) and ``manage.py import_lampiran`` call
``parse_lampiran(text) -> HasilParse`` and raise nothing but ``LampiranError`` (Indonesian
message, ``.line``) for input that cannot be imported at all.

Formats (docs/architecture.md §1.1): ``zi`` six-column (Kudus, Tegal), ``zi_bulanan`` monthly ✓ schedule with
penanggung jawab (Karanganyar), ``rb`` five-column Rencana Aksi Reformasi Birokrasi. The format
is decided by the header row's column names.

Result shape: ``HasilParse.rows`` is one ``BarisLampiran`` per leaf (one bukti fisik; RB: one
indikator keberhasilan) in document order; the tree is given by the integer keys
``area_key``/``komponen_key``/``indikator_key``/``langkah_key`` (index of the node in document
order, see ``BarisLampiran``); ``HasilParse.counts()`` counts distinct nodes by key.
``HasilParse.warnings`` lists, by line, everything repaired, merged, guessed or not read.

Cell text: markup removed; lists (``<ul><li>``, ``<ul> - a - b``, a cell starting ``- a - b``)
become one ``- item`` line per item joined with ``"\\n"``; other line breaks inside a cell become
spaces. In the six-column format a BUKTI FISIK cell that lists ``1) … 2) …`` stays one leaf (the
document gives it one schedule); in the monthly format ``a. … b. …`` is split into leaves.

Where the rules live: ``table`` (header, repeated headers, numbering rows, area rows),
``builder`` (tree, page-break continuations), ``shift`` (shifted rows), ``zi``/``zi_bulanan``/
``rb`` (per format: ✓ grid, split cells, PJ, RB layouts), ``text`` (markup, lists, hyphenation),
``sk`` and ``signature`` (decree metadata, signatories).
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
