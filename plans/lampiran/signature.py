"""Signature blocks of the SK: place and date of enactment, the chairman, the certified copy.

The SK part and the lampiran both end with ``Ditetapkan di X`` / ``pada tanggal …`` /
``KETUA …,`` / ``ttd`` / NAME, and ``Salinan sesuai dengan aslinya`` / secretariat / the
certifying official's title (may wrap: ``Kepala Sub Bagian Hukum dan`` + ``Sumber Daya
Manusia``) / NAME. The SK part wins; a value found only in the lampiran is used with a warning,
and two different values are reported. A name in a broken font encoding (``(cid:12)``,
private-use or mostly non-ASCII glyphs, mostly symbols) is reported and never used: the parser
does not guess what it says.

One broken encoding is read back: a signature block printed with a font whose every character
comes out shifted by the same code-point offset (``KETUA`` → ``ƙƓƢƣƏ``). The offset is accepted
only when it turns the unreadable lines of the block into the phrases a signature block has
(``KETUA KOMISI PEMILIHAN UMUM``, ``KABUPATEN``, ``SEKRETARIAT``, ``Salinan sesuai dengan
aslinya``…) and every decoded character is a plain letter, digit or punctuation; the lines are
then replaced by their decoded text (the garbage is never kept) and a warning says so.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Callable

from .text import MONTH_NAMES

_MONTHS = {name: i for i, name in enumerate(MONTH_NAMES, 1)} | {"pebruari": 2, "nopember": 11}
_TTD = re.compile(r"^\(?\s*t\.?\s*t\.?\s*d\.?\s*\)?$", re.I)
_TANGGAL = re.compile(r"tanggal\s*:?\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", re.I)
_TANGGAL_NUMERIC = re.compile(r"tanggal\s*:?\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", re.I)
_NOT_NAME = re.compile(
    r"^(LAMPIRAN|KEPUTUSAN|NOMOR|TENTANG|KOMISI|SEKRETARIAT|KETUA|KABUPATEN|KOTA|PROVINSI|"
    r"SALINAN|DITETAPKAN|PADA TANGGAL|NIP|MENIMBANG|RENCANA|PLH|PLT)\b",
    re.I,
)
_CONNECTOR_END = re.compile(r"(\bdan|\bserta|&|/)\s*$", re.I)
_DITETAPKAN = re.compile(r"^Ditetapkan\s+di\b", re.I)

Warn = Callable[[int, str], None]


def unreadable(text: str) -> bool:
    """True when a text is font-encoding garbage rather than words (``(cid:3)``, private use…)."""
    if "(cid:" in text or "\ufffd" in text or re.search(r"[\ue000-\uf8ff]", text):
        return True
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    foreign = sum(1 for ch in letters if not ch.isascii())
    odd = sum(1 for ch in text if not (ch.isalnum() or ch in " .,'-()"))
    return foreign / len(letters) > 0.3 or odd / len(text) > 0.2


#: Phrases of a signature block; a decoding offset must produce at least one of them.
#: In the case they are printed in: the case decides between offsets 32 apart (A vs a).
_BLOCK_PHRASES = ("KOMISI PEMILIHAN UMUM", "KETUA", "KABUPATEN", "SEKRETARIAT", "Ditetapkan di",
                  "pada tanggal", "Salinan sesuai", "Kepala Sub Bagian")  # fmt: skip
_PLAIN_CHAR = set(string.ascii_letters + string.digits + ".,'()/:-&")
_DIKTUM_OR_DITETAPKAN = re.compile(r"^(-\s*)?(KE[A-Z ]+\s*:|Ditetapkan\s+di\b)", re.I)


def shift_text(text: str, offset: int) -> str | None:
    """``text`` with every non-space character moved back by ``offset`` code points.

    Returns None when a character would leave the printable range.
    """
    out = []
    for ch in text:
        if ch.isspace():
            out.append(ch)
            continue
        code = ord(ch) - offset
        if code < 32 or code > 0x10FFFF:
            return None
        out.append(chr(code))
    return "".join(out)


def find_font_shift(lines: list[str]) -> int | None:
    """The code-point offset that turns garbled signature lines into a signature block.

    Args:
        lines: the unreadable lines of one signature block.

    Returns:
        The offset (decoded = ``chr(ord(c) - offset)``), or None when no single offset makes
        every non-space character plain (letters, digits, ``.,'()/:-&``) and at least one line
        a phrase of a signature block (``_BLOCK_PHRASES``). Candidates are the offsets mapping
        a character that occurs to an ASCII letter; the most phrases found wins, a phrase in
        its printed case counting double.
    """
    chars = {ch for line in lines for ch in line if not ch.isspace()}
    candidates = {ord(ch) - ord(t) for ch in chars for t in string.ascii_letters} - {0}
    best: tuple[int, int] | None = None
    joined = "\n".join(lines)
    for offset in sorted(candidates, key=abs):
        decoded = shift_text(joined, offset)
        if decoded is None or any(not (c.isspace() or c in _PLAIN_CHAR) for c in decoded):
            continue
        flat = re.sub(r"\s+", " ", decoded)
        hits = sum(
            2 if phrase in flat else 1 if phrase.upper() in flat.upper() else 0
            for phrase in _BLOCK_PHRASES
        )
        if hits and (best is None or hits > best[0]):
            best = (hits, offset)
    return best[1] if best else None


def parse_tanggal(text: str) -> datetime.date | None:
    """``"pada tanggal 08 Februari 2022"`` (or ``tanggal 8-2-2022``) → ``date(2022, 2, 8)``."""
    match = _TANGGAL.search(text)
    if match:
        month = _MONTHS.get(match.group(2).lower())
        day, year = int(match.group(1)), int(match.group(3))
    else:
        match = _TANGGAL_NUMERIC.search(text)
        if not match:
            return None
        day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    try:
        return datetime.date(year, month, day) if month else None
    except ValueError:
        return None


def _name_like(text: str) -> bool:
    return bool(text) and not _NOT_NAME.match(text) and len(text.split()) <= 8


class Signatures:
    """Reads the signature blocks of ``parts``: ``[(index offset, plain lines)]``, SK first.

    ``warn(index, message)`` receives 0-based line indexes of the whole document.
    """

    def __init__(self, parts: list[tuple[int, list[str]]], warn: Warn) -> None:
        self.warn = warn
        self.reported: set[int] = set()
        #: Texts of the lines read again from a shifted font (to mark a name as decoded).
        self.decoded: set[str] = set()
        self.parts = [(offset, self._decode_shifted(offset, part)) for offset, part in parts]

    def _decode_shifted(self, offset: int, part: list[str]) -> list[str]:
        """``part`` with a block in a shifted font decoded (see the module docstring)."""
        starts = [i for i, t in enumerate(part) if _DIKTUM_OR_DITETAPKAN.match(t)]
        start = starts[-1] if starts else 0
        garbled = [i for i in range(start, len(part)) if part[i] and unreadable(part[i])]
        if not garbled:
            return part
        shift = find_font_shift([part[i] for i in garbled])
        if shift is None:
            return part
        decoded = list(part)
        for i in garbled:
            decoded[i] = shift_text(part[i], shift) or part[i]
            self.decoded.add(decoded[i].strip(" ,"))
        text = " / ".join(decoded[i] for i in garbled)
        self.warn(offset + garbled[0], f"Blok tanda tangan tercetak dengan huruf rusak (setiap huruf bergeser {shift:+d} kode); dibaca ulang sebagai: '{text[:160]}'. Periksa nama penanda tangan.")  # fmt: skip
        return decoded

    def penetapan(self) -> tuple[str | None, datetime.date | None]:
        """``(tempat, tanggal)`` from ``Ditetapkan di X`` and the ``tanggal`` line after it."""
        tempat = tanggal = None
        for offset, part in self.parts:
            for i, text in enumerate(part):
                match = re.match(r"^Ditetapkan\s+di\s*:?\s*(.+)$", text, re.I)
                if not match:
                    continue
                place = match.group(1).strip(" ,.")
                date = parse_tanggal(text)
                for nxt in part[i + 1 : i + 4]:
                    date = date or parse_tanggal(nxt)
                if tempat is None:
                    tempat, tanggal = place, date
                elif date and tanggal and date != tanggal:
                    self.warn(offset + i, f"Tanggal penetapan di akhir lampiran ({date:%d-%m-%Y}) berbeda dari bagian SK ({tanggal:%d-%m-%Y}); dipakai tanggal bagian SK.")  # fmt: skip
                break
        return tempat, tanggal

    def _ketua_in(self, part: list[str]) -> int | None:
        """Index of the chairman's name: after ``ttd``, else after the ``KETUA …`` lines."""
        start = next((i for i, t in enumerate(part) if _DITETAPKAN.match(t)), 0)
        for i in range(start, len(part)):
            if _TTD.match(part[i]):
                return next((j for j in range(i + 1, min(i + 6, len(part))) if part[j]), None)
            if re.match(r"^Salinan\s+sesuai", part[i], re.I):
                break
        # no "ttd" (signature image lost): the first name-like line after the KETUA title
        ketua = next((i for i in range(start, len(part)) if re.match(r"^(Plh\.?\s+|Plt\.?\s+)?KETUA\b", part[i], re.I)), None)  # fmt: skip
        if ketua is None:
            return None
        for j in range(ketua + 1, min(ketua + 8, len(part))):
            text = part[j]
            if not text or re.match(r"^(KOMISI|KABUPATEN|KOTA|PROVINSI|UMUM)\b", text, re.I):
                continue
            return j if _name_like(text) and text.upper() == text else None
        return None

    def ketua(self) -> str | None:
        """The chairman's name; SK part first (see the module docstring)."""
        found = []
        for offset, part in self.parts:
            at = self._ketua_in(part)
            if at is not None:
                found.append((offset + at, part[at].strip(" ,")))
        names = [(i, n) for i, n in found if _name_like(n) and not unreadable(n)]
        for i, name in found:
            if (i, name) not in names:
                self.reported.add(i)
                self.warn(i, f"Nama ketua penanda tangan tidak terbaca ('{name[:40]}'); tidak dipakai.")  # fmt: skip
        if not names:
            if any(re.match(r"^KETUA\b", t) for _, part in self.parts for t in part):
                self.warn(0, "Nama ketua penanda tangan SK tidak ditemukan atau tidak terbaca.")
            return None
        if len({n.upper() for _, n in names}) > 1:
            self.warn(names[1][0], f"Nama ketua di akhir lampiran ('{names[1][1]}') berbeda dari bagian SK ('{names[0][1]}'); dipakai yang di bagian SK.")  # fmt: skip
        return names[0][1]

    def salinan(self) -> tuple[str | None, str | None]:
        """``(name, jabatan)`` of the official certifying the copy."""
        blocks: list[tuple[int, str | None, int | None, str | None]] = []
        for offset, part in self.parts:
            for i, text in enumerate(part):
                if re.match(r"^Salinan\s+sesuai\s+dengan\s+aslinya", text, re.I):
                    blocks.append((offset + i, *self._salinan_block(part, i, offset)))
        if not blocks:
            return None, None
        jabatan = next((b[1] for b in blocks if b[1]), None)
        named = [b for b in blocks if b[3]]
        if not named:
            self.warn(blocks[0][0], "Nama pejabat pada blok 'Salinan sesuai dengan aslinya' kosong atau tidak terbaca; tidak diisi.")  # fmt: skip
            return None, jabatan
        chosen = named[0]
        name = chosen[3]
        if chosen is not blocks[0]:
            self.warn(blocks[0][0], f"Nama pejabat pada blok 'Salinan sesuai dengan aslinya' di bagian SK kosong atau tidak terbaca; dipakai nama dari blok baris {chosen[0] + 1} ('{name}').")  # fmt: skip
        for other in named[1:]:
            if other[3].upper() != name.upper():
                self.warn(other[2], f"Nama pejabat pada blok salinan ini ('{other[3]}') berbeda dari '{name}' (baris {chosen[2] + 1}); dipakai '{name}'.")  # fmt: skip
        return name, jabatan

    def _salinan_block(self, part: list[str], start: int, offset: int) -> tuple[str | None, int | None, str | None]:  # fmt: skip
        """``(jabatan, name index, name)`` of one "Salinan sesuai dengan aslinya" block."""
        i = start + 1
        while i < len(part) and (not part[i] or re.match(r"^(SEKRETARIAT|KOMISI|KABUPATEN|KOTA|PROVINSI)\b", part[i], re.I)):  # fmt: skip
            i += 1
        if i >= len(part) or _NOT_NAME.match(part[i]):
            return None, None, None
        jabatan = [part[i]]
        i += 1
        while i < len(part) and part[i] and _CONNECTOR_END.search(jabatan[-1]):
            jabatan.append(part[i])
            i += 1
        title = re.sub(r"\s+", " ", " ".join(jabatan)).strip(" ,")
        while i < len(part) and not part[i]:
            i += 1
        if i >= len(part) or not _name_like(part[i]):
            return title, None, None
        name = part[i].strip(" ,")
        if unreadable(name):
            self.reported.add(offset + i)
            self.warn(offset + i, f"Nama pejabat salinan tidak terbaca (encoding huruf rusak: '{name[:40]}'); tidak dipakai.")  # fmt: skip
            return title, None, None
        return title, offset + i, name

    def report_unreadable(self) -> None:
        """Report every other line of the signature blocks that is font-encoding garbage."""
        for offset, part in self.parts:
            start = next((i for i, t in enumerate(part) if _DITETAPKAN.match(t)), 0 if offset else None)  # fmt: skip
            if start is None:
                continue
            for i in range(start, len(part)):
                index = offset + i
                if part[i] and index not in self.reported and unreadable(part[i]):
                    self.warn(index, f"Baris blok tanda tangan tidak terbaca (encoding huruf rusak: '{part[i][:40]}'); isinya tidak dipakai.")  # fmt: skip
