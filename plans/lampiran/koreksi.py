"""Apply the cell corrections a user typed in the import preview to a parse result.

The preview shows the rows the parser read; where a cell is wrong (a damaged row, a text in the
wrong column, an empty required cell) the user types the right text. The document itself is
kept unchanged server-side and parsed again at save time, so a correction is addressed by the
row's index in ``HasilParse.rows`` (parsing is deterministic) and the field's name.
"""

from __future__ import annotations

from dataclasses import replace

from ..target_waktu import parse_target_waktu
from .model import HasilParse, Peringatan
from .text import clean_cell

#: Fields the preview lets a user correct, and the key that names the node a field belongs to
#: (a komponen/indikator/langkah aksi text is the node's, so it changes on every row of it).
FIELDS: dict[str, str | None] = {
    "komponen": "komponen_key",
    "indikator": "indikator_key",
    "langkah_aksi": "langkah_key",
    "bukti_fisik": None,
    "target_waktu": None,
    "penanggung_jawab": None,
}
#: Field names as the lampiran's columns call them (for messages).
FIELD_TITLES = {
    "komponen": "KOMPONEN",
    "indikator": "INDIKATOR",
    "langkah_aksi": "LANGKAH AKSI",
    "bukti_fisik": "BUKTI FISIK",
    "target_waktu": "TARGET WAKTU",
    "penanggung_jawab": "PENANGGUNG JAWAB",
}


def apply_koreksi(hasil: HasilParse, koreksi: dict[tuple[int, str], str]) -> HasilParse:
    """Return ``hasil`` with the corrected cell texts (the input is not changed).

    Args:
        hasil: the parse of the document.
        koreksi: ``{(row index in hasil.rows, field): text}``; fields are the keys of
            ``FIELDS``. A text equal to the parsed one changes nothing; an index or field that
            does not exist is ignored (the document is the one that was previewed, so that only
            happens with a tampered form).

    Returns:
        A new ``HasilParse``: corrected texts (cleaned like any cell); a komponen, indikator or
        langkah aksi text set on every row of that node; a corrected TARGET WAKTU read into
        months again (six-column and RB formats); one warning per corrected cell naming the row
        and the field, so the history of the import says what the user changed.
    """
    rows = list(hasil.rows)
    warnings = list(hasil.warnings)
    for (index, field), raw in sorted(koreksi.items()):
        if field not in FIELDS or not 0 <= index < len(rows):
            continue
        text = clean_cell(raw)
        row = rows[index]
        if text == getattr(row, field):
            continue
        key_name = FIELDS[field]
        targets = (
            [i for i, r in enumerate(rows) if getattr(r, key_name) == getattr(row, key_name)]
            if key_name
            else [index]
        )
        for target in targets:
            changes = {field: text}
            if field == "target_waktu" and hasil.format != "zi_bulanan":
                changes["bulan"] = list(
                    parse_target_waktu(text, tahun_default=hasil.sk.tahun).bulan
                )
            rows[target] = replace(rows[target], **changes)
        warnings.append(
            Peringatan(
                row.line,
                f"{FIELD_TITLES[field]} dikoreksi di pratinjau menjadi '{text}'.",
                lokasi=hasil.lokasi.get(row.line),
            )
        )
    warnings.sort(key=lambda w: w.line)
    return replace(hasil, rows=rows, warnings=warnings)
