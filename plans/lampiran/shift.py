"""Repair rows whose cells landed in the wrong columns (ZI six-column and RB tables).

A row is read as it was extracted unless the evidence of a shift is clear:

* the row's last filled cell reads completely as a schedule (``parse_target_waktu`` says
  ``terbaca``) but sits left of the TARGET WAKTU/Waktu column while that column is empty, or
  right of it: the whole row moved by that many columns; it is moved back when every cell then
  lands in a named column (a komponen number already in NO stays there);
* the TARGET WAKTU/Waktu cell holds a sentence (no month, year or schedule word) while a cell
  to its left is empty: the cells slid one column right. With only the leaf cell (BUKTI FISIK,
  RB: Indikator Keberhasilan) empty, the sentence is that leaf and moves back: certain. With the
  parent cell (LANGKAH AKSI, RB: Sub Kegiatan) empty too, the row is shifted back when the two
  texts share a word (an indikator repeats its sub kegiatan's words: "Pemantauan SOP" /
  "Laporan pemantauan SOP tersusun"); otherwise it is kept as the document has it, with a
  warning per cell naming the column and the proposed value (``Peringatan.field/proposed``);
* text in a column the header does not name (an extra empty column, or past the last one) that
  no shift explains is kept: it is joined to the nearest named cell on its left.

Each repair is reported with the line number.
"""

from __future__ import annotations

import re

from ..target_waktu import parse_target_waktu
from .model import Peringatan
from .table import Baris


def is_time_text(text: str) -> bool:
    """True when ``text`` is a schedule a person reads as months (``Januari 2022``)."""
    return len(text) <= 80 and parse_target_waktu(text).terbaca


_SCHEDULE_WORD = re.compile(
    r"\b(jan|feb|peb|mar|apr|mei|jun|jul|agu|agt|sep|okt|nov|nop|des|tahun|bulan|minggu|"
    r"triwulan|semester|tiap|setiap|per|berkala|rutin|sesuai|jadwal|kebutuhan|insidental|"
    r"tw|s\.?d|hari|tanggal|\d{1,4})",
    re.I,
)
_CONTENT_WORD = re.compile(r"[A-Za-z]{4,}")


def is_sentence(text: str) -> bool:
    """True when a schedule cell holds prose: three words or more, no schedule word at all."""
    return len(text.split()) >= 3 and not _SCHEDULE_WORD.search(text)


def shared_words(a: str, b: str) -> set[str]:
    """Content words (4+ letters, case-folded) two texts have in common."""
    return {w.casefold() for w in _CONTENT_WORD.findall(a)} & {
        w.casefold() for w in _CONTENT_WORD.findall(b)
    }


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def align_cells(baris: Baris, order: tuple[str, ...], names: dict[str, str],
                time_role: str = "target") -> tuple[dict[str, str], list[Peringatan]]:  # fmt: skip
    """Read a row's cells by role, repairing a clear shift.

    Args:
        baris: the table row (cleaned cells and the column layout of its page).
        order: the roles in table order, e.g. ``("no", "komponen", …, "target")``.
        names: the column title of each role, for messages.
        time_role: the schedule column used as the anchor for shifts.

    Returns:
        ``({role: text}, warnings)``; roles the table lacks are ``''``.
    """
    roles = {r: baris.kolom.roles[r] for r in order if r in baris.kolom.roles}
    role_at = {i: r for r, i in roles.items()}
    texts = [(i, c) for i, c in enumerate(baris.cells) if c and i not in baris.kolom.ignored]
    out = dict.fromkeys(order, "")
    warnings: list[Peringatan] = []
    anchor = roles.get(time_role)
    if anchor is not None and texts:
        last_index, last_text = texts[-1]
        anchor_empty = anchor >= len(baris.cells) or not baris.cells[anchor]
        if (
            last_index != anchor
            and (last_index > anchor or anchor_empty)
            and is_time_text(last_text)
        ):
            shift = anchor - last_index
            fixed = []
            moving = texts
            no_index = roles.get("no")
            if (
                no_index is not None
                and texts[0][0] == no_index
                and re.fullmatch(r"\d+[.)]?", texts[0][1])
            ):
                fixed, moving = texts[:1], texts[1:]
            moved = fixed + [(i + shift, c) for i, c in moving]
            targets = [i for i, _ in moved]
            if all(i in role_at for i in targets) and len(set(targets)) == len(targets):
                for i, c in moved:
                    out[role_at[i]] = c
                side = "kiri" if shift > 0 else "kanan"
                where = names.get(role_at.get(last_index, ""), f"kolom {last_index + 1}")
                warnings.append(
                    Peringatan(
                        baris.line,
                        f"Sel baris bergeser ke {side} {abs(shift)} kolom ({names[time_role]} '{_short(last_text)}' berada di {where}); diperbaiki dengan menggeser kembali semua sel.",
                    )
                )
                return out, warnings
    slid = _slid_right(baris, order, names, roles, time_role)
    if slid is not None:
        return slid
    for i, c in texts:
        if i in role_at:
            out[role_at[i]] = c if not out[role_at[i]] else out[role_at[i]] + " " + c
            continue
        left = [j for j in role_at if j < i]
        home = role_at[max(left)] if left else role_at[min(role_at)]
        out[home] = (out[home] + " " + c).strip()
        warnings.append(
            Peringatan(
                baris.line,
                f"Teks '{_short(c)}' berada di kolom {i + 1} yang tidak punya judul; disimpan di sel {names[home]}. Periksa baris ini.",
            )
        )
    return out, warnings


def _slid_right(baris: Baris, order: tuple[str, ...], names: dict[str, str], roles: dict[str, int],
                time_role: str) -> tuple[dict[str, str], list[Peringatan]] | None:  # fmt: skip
    """The one-column slide to the right onto the schedule cell (see the module docstring).

    Returns ``(cells, warnings)`` when the row has that shape, else None.
    """
    if time_role not in roles:
        return None
    at = order.index(time_role)
    if at < 2:
        return None
    leaf, parent = order[at - 1], order[at - 2]
    if leaf not in roles or parent not in roles or parent == "no":
        return None
    cells = {r: (baris.cells[i] if i < len(baris.cells) else "") for r, i in roles.items()}
    out = dict.fromkeys(order, "")
    out.update(cells)
    sentence = cells[time_role]
    if not sentence or not is_sentence(sentence) or (cells[leaf] and cells[parent]):
        return None
    if any(i >= len(baris.cells) or i in baris.kolom.ignored for i in roles.values()):
        return None
    known = set(roles.values())
    if any(c for i, c in enumerate(baris.cells) if c and i not in known):
        return None
    time_name, leaf_name, parent_name = names[time_role], names[leaf], names[parent]
    if not cells[leaf]:
        out[leaf], out[time_role] = sentence, ""
        note = f"Sel {time_name} berisi kalimat '{_short(sentence)}' sedangkan sel {leaf_name} kosong: sel bergeser ke kanan satu kolom; dipindahkan ke {leaf_name}, {time_name} dikosongkan."  # fmt: skip
        return out, [Peringatan(baris.line, note, leaf_name)]
    # The parent cell is empty and the leaf cell is filled.
    if shared_words(cells[leaf], sentence):
        out[parent], out[leaf], out[time_role] = cells[leaf], sentence, ""
        note = f"Sel baris bergeser ke kanan satu kolom ({parent_name} '{_short(cells[leaf])}' berada di kolom {leaf_name}, {leaf_name} di kolom {time_name}; keduanya memakai kata yang sama); diperbaiki dengan menggeser kembali sel."  # fmt: skip
        return out, [Peringatan(baris.line, note, parent_name)]
    note = f"Sel {time_name} berisi kalimat '{_short(sentence)}', bukan jadwal; mungkin sel baris ini bergeser ke kanan satu kolom. Disimpan seperti di dokumen; usulan: {parent_name} '{_short(cells[leaf])}', {leaf_name} '{_short(sentence)}', {time_name} kosong."  # fmt: skip
    return out, [
        Peringatan(baris.line, note, parent_name, cells[leaf]),
        Peringatan(
            baris.line, f"Usulan sel {leaf_name}: '{_short(sentence)}'.", leaf_name, sentence
        ),
        Peringatan(baris.line, f"Usulan sel {time_name}: kosong.", time_name, ""),
    ]


def propose_realignment(rows: list[tuple[int, str, str]], parent_name: str,
                        leaf_name: str) -> list[Peringatan]:  # fmt: skip
    """Proposals for a parent column that runs one row ahead of its leaf column.

    Args:
        rows: ``(line, parent cell, leaf cell)`` of consecutive rows of one area (the parent
            cell empty where the row continues the parent above), e.g. RB Sub Kegiatan /
            Indikator Keberhasilan.
        parent_name, leaf_name: the column names for messages.

    A parent cell is *ahead* when it shares more content words with the next row's leaf than
    with its own. Two or more consecutive filled parent cells ahead are a column that slid up
    one row: each of them is proposed one row lower, and the first row of the run is proposed
    to continue the parent above (an empty cell). One alone is a coincidence, not reported.
    Nothing is changed: the rows stay as the document has them.

    Returns one ``Peringatan`` per proposed cell (``field`` = ``parent_name``, ``proposed``).
    """
    filled = [k for k, (_, parent, _) in enumerate(rows) if parent]
    ahead = []
    for k in filled:
        if k + 1 >= len(rows):
            continue
        parent, own, nxt = rows[k][1], rows[k][2], rows[k + 1][2]
        if len(shared_words(parent, nxt)) > len(shared_words(parent, own)):
            ahead.append(k)
    runs: list[list[int]] = []
    for k in ahead:
        previous = filled[filled.index(k) - 1] if filled.index(k) else None
        if runs and runs[-1][-1] == previous:
            runs[-1].append(k)
        else:
            runs.append([k])
    warnings = []
    for run in (r for r in runs if len(r) >= 2):
        moves = {k + 1: rows[k][1] for k in run}
        for k in sorted({run[0], *moves}):
            line = rows[k][0]
            value = moves.get(k, "")
            shown = f"'{_short(value)}'" if value else "kosong (lanjutan di atasnya)"
            warnings.append(
                Peringatan(
                    line,
                    f"Kolom {parent_name} tampak mendahului kolom {leaf_name} satu baris (kata yang sama muncul di {leaf_name} baris berikutnya). Disimpan seperti di dokumen; usulan sel {parent_name} baris ini: {shown}.",
                    parent_name,
                    value,
                )
            )
    return warnings
