"""Apply the cell corrections a user typed, and the proposals they accepted, in the import preview.

The preview shows the rows the parser read; where a cell is wrong (a damaged row, a text in the
wrong column, an empty required cell) the user types the right text. The document itself is
kept unchanged server-side and parsed again at save time, so a correction is addressed by the
row's index in ``HasilParse.rows`` (parsing is deterministic) and the field's name.
"""

from __future__ import annotations

from collections.abc import Collection
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


#: A proposal's column (``Peringatan.field``, as the document's header names it) → the row field.
PROPOSAL_FIELDS = {
    "KOMPONEN": "komponen",
    "INDIKATOR": "indikator",
    "INDIKATOR KEBERHASILAN": "indikator",
    "LANGKAH AKSI": "langkah_aksi",
    "SUB KEGIATAN": "langkah_aksi",
    "BUKTI FISIK": "bukti_fisik",
    "TARGET WAKTU": "target_waktu",
    "WAKTU": "target_waktu",
}


def proposals(hasil: HasilParse) -> list[Peringatan]:
    """The warnings that carry a proposed cell value the preview can apply (see ``apply_usulan``)."""
    return [
        w for w in hasil.warnings if w.proposed is not None and w.field.upper() in PROPOSAL_FIELDS
    ]


def apply_usulan(hasil: HasilParse, usulan: Collection[tuple[int, str]]) -> HasilParse:
    """Return ``hasil`` with the accepted proposals applied (the input is not changed).

    Args:
        hasil: the parse of the document.
        usulan: ``{(line, field)}`` of accepted proposals (``Peringatan.line``/``.field``);
            one that is no proposal of ``hasil`` is ignored (a tampered form).

    A proposal gives the text of one cell as the document should have had it; ``""`` in a
    column of spanning cells (KOMPONEN, INDIKATOR, LANGKAH AKSI / Sub Kegiatan) means "this row
    continues the cell above". So a spanning column is laid out again: every row whose cell
    starts a node keeps its text, the accepted cells replace theirs, and the rows are grouped
    again into nodes (keys renumbered in that column only). Each applied proposal's warning is
    replaced by one saying it was applied (same line, field and proposal, so the preview keeps
    its box ticked).
    """
    chosen = {(w.line, w.field): w for w in proposals(hasil) if (w.line, w.field) in set(usulan)}
    if not chosen:
        return hasil
    rows = list(hasil.rows)
    by_field: dict[str, dict[int, str]] = {}
    for (line, title), warning in chosen.items():
        index = next((i for i, r in enumerate(rows) if r.line == line), None)
        if index is not None:
            by_field.setdefault(PROPOSAL_FIELDS[title.upper()], {})[index] = warning.proposed
    for field, cells in by_field.items():
        rows = _relayout(rows, field, cells, hasil)
    warnings = [
        replace(
            w, message=f"Usulan diterapkan: sel {w.field} baris ini menjadi {_shown(w.proposed)}."
        )
        if (w.line, w.field) in chosen
        else w
        for w in hasil.warnings
    ]
    return replace(hasil, rows=rows, warnings=warnings)


def _shown(value: str) -> str:
    return f"'{value}'" if value else "kosong (lanjutan sel di atasnya)"


def _relayout(rows: list, field: str, cells: dict[int, str], hasil: HasilParse) -> list:
    """``rows`` with ``field`` set from ``cells`` (row index → text), nodes regrouped."""
    key_name = FIELDS.get(field)
    if key_name is None:  # a leaf cell: that row only
        out = list(rows)
        for index, text in cells.items():
            changes = {field: clean_cell(text)}
            if field == "target_waktu" and hasil.format != "zi_bulanan":
                changes["bulan"] = list(
                    parse_target_waktu(changes[field], tahun_default=hasil.sk.tahun).bulan
                )
            out[index] = replace(out[index], **changes)
        return out
    out = []
    key, text = -1, ""
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        area_start = previous is None or previous.area_key != row.area_key
        if index in cells:
            cell = clean_cell(cells[index])
            new = bool(cell) or area_start  # "": the row continues the cell above
        else:
            cell = getattr(row, field)
            new = area_start or getattr(previous, key_name) != getattr(row, key_name)
        if new:
            key, text = key + 1, cell
        out.append(replace(row, **{field: text, key_name: key}))
    return out


def apply_koreksi(
    hasil: HasilParse,
    koreksi: dict[tuple[int, str], str],
    usulan: Collection[tuple[int, str]] = (),
) -> HasilParse:
    """Return ``hasil`` with the corrected cell texts (the input is not changed).

    Args:
        hasil: the parse of the document.
        koreksi: ``{(row index in hasil.rows, field): text}``; fields are the keys of
            ``FIELDS``. A text equal to the parsed one changes nothing; an index or field that
            does not exist is ignored (the document is the one that was previewed, so that only
            happens with a tampered form).
        usulan: accepted proposals ``{(line, field)}``, applied after the corrections (see
            ``apply_usulan``): a ticked proposal wins over the document's text in its cell.

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
    return apply_usulan(replace(hasil, rows=rows, warnings=warnings), usulan)
