"""The parser's result types: what ``parse_lampiran`` returns and raises.

Pure standard library (no Django): the Django service (``plans.services.importing``) and the
``import_lampiran`` command turn these into database rows and JSON.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


class LampiranError(ValueError):
    """The document cannot be imported at all (empty, binary, no table, table without rows ...).

    ``str(error)`` is a message in Indonesian for the user; ``line`` is the 1-based line of the
    input the problem was found at, or None when it concerns the whole document.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Peringatan:
    """A warning: something the parser repaired, guessed or could not read.

    ``line`` is the 1-based line number in the input text; ``message`` is Indonesian and says what
    was done ("Baris bergeser ke kiri satu kolom; diperbaiki ..."); ``lokasi`` is the place in
    a Word/PDF file the line came from (``"halaman 3, baris tabel 5"``), None for plain text. When the warning concerns one
    cell, ``field`` names its column as the document's header does ("Sub Kegiatan"); when the
    importer has a better reading it did not apply (not certain enough), ``proposed`` is the
    value it proposes for that cell (``""``: the cell should be empty), for the preview to offer.
    """

    line: int
    message: str
    field: str = ""
    proposed: str | None = None
    lokasi: str | None = None

    @property
    def tempat(self) -> str:
        """Where the user finds it: the place in the file, else ``"baris N"``."""
        return self.lokasi or f"baris {self.line}"


@dataclass
class BarisLampiran:
    """One leaf row of the lampiran table, in document order.

    A leaf is one BUKTI FISIK (ZI six-column and monthly formats) or one INDIKATOR KEBERHASILAN
    (RB). The tree the document draws with spanning cells is given by the integer keys:

    * ``area_key``: index (0-based, document order) of the area the row belongs to;
    * ``komponen_key``: index of the komponen node. A new komponen starts where the NO/KOMPONEN
      cells are filled. RB tables have no komponen: there ``komponen_key`` is the ``area_key``
      (one implicit, nameless komponen per area) and ``komponen`` is ``''``;
    * ``indikator_key``: index of the indikator node; a new one starts where the INDIKATOR cell
      starts a new row (RB: every row is its own indikator keberhasilan);
    * ``langkah_key``: index of the langkah aksi node (RB: of the sub kegiatan), which starts
      where the LANGKAH AKSI (RB: SUB KEGIATAN) cell starts a new row.

    Two nodes with the same text have different keys: keys, not texts, identify nodes. Keys
    count nodes over the whole document (they do not restart per area), so rows with equal keys
    share the node, and a node's first row is the first row with that key.
    """

    area: str  # the area's number as the document writes it ("I".."VI" ZI, "1".."8" RB)
    area_nama: str  # area title as written, cleaned ("PENATAAN TATA LAKSANA")
    komponen_nomor: str  # "1", "2." as written ('' for RB)
    komponen: str  # '' for RB
    indikator: str
    langkah_aksi: str  # RB: the sub kegiatan
    bukti_fisik: str  # RB: ''
    target_waktu: str  # TARGET WAKTU / Waktu cell, cleaned ('' in the monthly format)
    bulan: list[int]  # months 1..12 (monthly format: the ✓ grid; else from the TARGET WAKTU)
    penanggung_jawab: str  # monthly format: the PJ of the area (given once per area); else ''
    line: int  # 1-based input line where the row starts
    area_key: int = 0
    komponen_key: int = 0
    indikator_key: int = 0
    langkah_key: int = 0


@dataclass
class SkMetadata:
    """What the decree (SK) around the table says; every field None/empty when not found.

    ``menimbang``/``mengingat``/``memperhatikan`` hold the items without their "a."/"1." labels;
    ``diktum`` is ``[{"label": "KESATU", "isi": "..."}]``; ``bab_lampiran`` are the narrative
    chapters of the lampiran before the table, ``[{"judul": "1. PENDAHULUAN", "isi": "..."}]``
    with paragraphs and list items separated by newlines.
    """

    nomor: str | None = None
    tentang: str | None = None
    tanggal: datetime.date | None = None
    tempat: str | None = None
    ketua: str | None = None
    pejabat_salinan: str | None = None
    pejabat_salinan_jabatan: str | None = None
    satker_jenis: str | None = None  # "kabupaten" | "kota" | "provinsi"
    satker_wilayah: str | None = None  # "Kudus", "Tegal" (title case)
    tahun: int | None = None  # the plan year
    menimbang: list[str] = field(default_factory=list)
    mengingat: list[str] = field(default_factory=list)
    memperhatikan: list[str] = field(default_factory=list)
    menetapkan: str | None = None
    diktum: list[dict] = field(default_factory=list)
    bab_lampiran: list[dict] = field(default_factory=list)
    judul_tabel: str | None = None
    #: The lampiran's own heading block (``LAMPIRAN KEPUTUSAN … NOMOR … TANGGAL … TENTANG …``),
    #: each as written there; None when the block has no such line.
    lampiran_nomor: str | None = None
    lampiran_tanggal: str | None = None
    lampiran_tentang: str | None = None
    #: Signatory names read again from a broken font encoding (signature.py): the preview marks
    #: them as decoded so a person checks them. Subset of ``{"ketua", "pejabat_salinan"}``.
    didekode: set[str] = field(default_factory=set)


@dataclass
class HasilParse:
    """The parse of one lampiran document.

    ``format`` is "zi" (six columns), "zi_bulanan" (monthly ✓ grid with penanggung jawab) or
    "rb" (five-column Rencana Aksi Reformasi Birokrasi); ``rows`` are the leaves in document
    order; ``warnings`` are sorted by line.
    """

    format: str
    sk: SkMetadata
    rows: list[BarisLampiran]
    warnings: list[Peringatan]
    sumber_format: str = "txt"  # the file the text came from: "txt", "docx" or "pdf"
    lokasi: dict[int, str] = field(default_factory=dict)  # line → place in a Word/PDF file

    def tempat(self, line: int) -> str:
        """Where the user finds ``line`` of the extracted text: a page/table row, or the line."""
        return self.lokasi.get(line) or f"baris {line}"

    def counts(self) -> dict[str, int]:
        """Distinct tree nodes after merging, by level.

        Returns ``{"area", "komponen", "indikator", "langkah_aksi", "bukti_fisik"}``. Nodes are
        counted by key, not by text: two indikator rows with the same text under one komponen
        are two indikator. RB has no komponen and no bukti fisik: both are 0 (its indikator
        keberhasilan count as indikator, its sub kegiatan as langkah_aksi).
        """
        rb = self.format == "rb"
        return {
            "area": len({r.area_key for r in self.rows}),
            "komponen": 0 if rb else len({r.komponen_key for r in self.rows}),
            "indikator": len({r.indikator_key for r in self.rows}),
            "langkah_aksi": len({r.langkah_key for r in self.rows}),
            "bukti_fisik": 0 if rb else len(self.rows),
        }
