"""Helpers of the SK print tests: sample plans with their SK data, PDF text extraction."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

from plans.models import RencanaAksi
from plans.selectors import BarisTabel, lampiran_table, rencana_tree

#: Kemendagri code of each sample's satker.
SAMPLE_SATKER = {"kudus": "3319", "tegal": "3376", "karanganyar": "3313"}

#: The SK data printed on each seed document (docs/architecture.md §1); the importer must read it (Tegal's
#: certifying official as the SK part writes him; the lampiran spells him TRI MUR PUJIASTANTO).
SAMPLE_SK = {
    "kudus": {
        "sk_nomor": "11/HK.03.1/3319/2022",
        "sk_tanggal": datetime.date(2022, 2, 8),
        "sk_tempat": "Kudus",
        "ketua_nama": "NAILY SYARIFAH",
        "pejabat_salinan_nama": "Ayu Ngabekti",
    },
    "tegal": {
        "sk_nomor": "5/2022",
        "sk_tanggal": datetime.date(2022, 4, 13),
        "sk_tempat": "Tegal",
        "ketua_nama": "ELVI YUNIARNI",
        "pejabat_salinan_nama": "TRIMUR PUJASTANTO",
    },
    "karanganyar": {
        "sk_nomor": "19 TAHUN 2022",
        "sk_tanggal": datetime.date(2022, 5, 13),
        "sk_tempat": "Karanganyar",
        "ketua_nama": "TRIASTUTI SURYANDARI",
        "pejabat_salinan_nama": "Smaragung Wibowo",
    },
}

#: F4 and A4 in PDF points (1 pt = 1/72 in): 215 × 330 mm and 210 × 297 mm.
F4_PT = (215 / 25.4 * 72, 330 / 25.4 * 72)
A4_PT = (210 / 25.4 * 72, 297 / 25.4 * 72)


def import_sample(sample_text, name: str) -> RencanaAksi:
    """Import a seed document through the real importer; its SK data must be as printed."""
    from plans.services.importing import lampiran_import

    rencana, _hasil = lampiran_import(
        text=sample_text(name), satker=SAMPLE_SATKER[name], tahun=2022
    )
    read = {field: getattr(rencana, field) for field in SAMPLE_SK[name]}
    assert read == SAMPLE_SK[name], f"the importer read the SK of {name} as {read}"
    return RencanaAksi.objects.select_related("satker", "kerangka").get(pk=rencana.pk)


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space (PDF text wraps where the HTML did not)."""
    return re.sub(r"\s+", " ", text or "").strip()


@dataclass
class PdfText:
    """A PDF's pages as extracted text with their sizes in points."""

    pages: list[str]
    sizes: list[tuple[float, float]]

    @classmethod
    def from_bytes(cls, content: bytes) -> PdfText:
        reader = PdfReader(io.BytesIO(content))
        pages = [page.extract_text() or "" for page in reader.pages]
        sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
        return cls(pages=pages, sizes=sizes)

    @property
    def full(self) -> str:
        return squash(" ".join(self.pages))

    def landscape_pages(self) -> list[int]:
        return [i for i, (w, h) in enumerate(self.sizes) if w > h]


def _cells_rb(baris: BarisTabel) -> list[str]:
    """The cells of one line of the ``rb`` layout after its area's: langkah, indikator,
    target waktu (empty ones left out)."""
    cells = []
    if baris.langkah:
        cells.append(baris.langkah.nama)
    if baris.indikator:
        cells.append(baris.indikator.nama)
    if baris.bukti:
        cells.append(baris.bukti.target_waktu)
    return cells


def _cells_zi(baris: BarisTabel, tata_letak: str) -> list[str]:
    """The cells of one line of the ``zi``/``zi_bulanan`` layouts: komponen, indikator,
    langkah, bukti fisik, then target waktu (``zi``) or penanggung jawab (``zi_bulanan``)."""
    cells = []
    if baris.komponen:
        cells.append(baris.komponen.nama)
    if baris.indikator:
        cells.append(baris.indikator.nama)
    if baris.langkah:
        cells.append(baris.langkah.nama)
    if baris.bukti:
        cells.append(baris.bukti.nama)
        if tata_letak == "zi":
            cells.append(baris.bukti.target_waktu)
    if tata_letak == "zi_bulanan" and baris.penanggung_jawab:
        cells.append(baris.penanggung_jawab)
    return cells


def expected_cells(rencana: RencanaAksi, tata_letak: str) -> list[str]:
    """The texts the lampiran table must show, in reading order, for layout ``tata_letak``.

    The area's title heads its lines (``zi`` layouts) or shares its first line (``rb``).
    """
    cells: list[str] = []
    for area_tabel in lampiran_table(rencana_tree(rencana=rencana)):
        if tata_letak != "rb":
            cells.append(area_tabel.area.judul)
        for index, baris in enumerate(area_tabel.baris):
            if tata_letak != "rb":
                cells.extend(_cells_zi(baris, tata_letak))
                continue
            if index == 0:
                cells.append(area_tabel.area.judul)
            cells.extend(_cells_rb(baris))
    return [squash(c) for c in cells if squash(c)]


def missing_in_order(haystack: str, needles: list[str]) -> list[str]:
    """Needles not found in ``haystack`` after the previous one's position (empty = all in order).

    Whitespace is ignored on both sides: a cell wraps after ``/`` or ``-`` where the extracted
    text then shows a space (``geo- lokasi``) that the stored text does not have.
    """
    haystack = _compact(haystack)
    missing = []
    position = 0
    for original in needles:
        needle = _compact(original)
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(original)
        else:
            position = found + len(needle)
    return missing


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text or "")
