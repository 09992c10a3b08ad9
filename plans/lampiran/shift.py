"""Repair rows whose cells landed in the wrong columns (ZI six-column and RB tables).

A row is read as it was extracted unless the evidence of a shift is clear:

* the row's last filled cell reads completely as a schedule (``parse_target_waktu`` says
  ``terbaca``) but sits left of the TARGET WAKTU/Waktu column while that column is empty, or
  right of it: the whole row moved by that many columns; it is moved back when every cell then
  lands in a named column (a komponen number already in NO stays there);
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
