"""Read the decree (SK) around the lampiran table: number, title, date, signatories, consideranda.

The SK as printed (docs/architecture.md §1.3): ``SALINAN`` · ``KOMISI PEMILIHAN UMUM KABUPATEN X`` ·
``KEPUTUSAN …`` · ``NOMOR …`` · ``TENTANG`` + title · ``KETUA …,`` · ``Menimbang`` (a., b.) ·
``Mengingat`` (1., 2.) · optional ``Memperhatikan`` · ``MEMUTUSKAN:`` · ``Menetapkan`` · diktum
``KESATU``, ``KEDUA`` … · ``Ditetapkan di X`` ``pada tanggal 8 Februari 2022`` · ``KETUA …,``
``ttd`` NAME · ``Salinan sesuai dengan aslinya`` block (secretariat, the certifying official's
title, possibly over two lines, and name). The lampiran repeats a header block ``LAMPIRAN
KEPUTUSAN … NOMOR … TENTANG …``, may have narrative chapters, then the table, then the
signature blocks again.

Extraction artefacts handled: markdown bullets/bold, page-break teasers (``Mengingat...``,
``7. Peraturan...``), items broken over blank lines, spaced letters (``T E N T A N G``). A
signature name that cannot be read (missing, or in a broken font encoding: ``(cid:12)``,
private-use or mostly non-ASCII glyphs) is reported, never guessed; a name found only in the
lampiran's block is used with a warning, and two different names are reported.
"""

from __future__ import annotations

import re

from .model import Peringatan, SkMetadata
from .signature import Signatures, unreadable
from .text import clean_cell, strip_markdown, title_case

__all__ = ["read_sk", "unreadable"]

_DIKTUM = "KESATU|PERTAMA|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH"
_DIKTUM_LINE = re.compile(rf"^({_DIKTUM})\s*:\s*(.*)$")
_SECTION = re.compile(r"^(Menimbang|Mengingat|Memperhatikan)\s*:?\s*(.*)$", re.I)
_LABEL = re.compile(r"^([a-z]|\d{1,2})[.)]\s+(.*)$")
_TEASER = re.compile(r"(\.\.\.|…)\s*$")


def _plain(line: str) -> str:
    """A line without markdown bullets/emphasis and with single spaces."""
    text = clean_cell(strip_markdown(line))
    return re.sub(r"^[-•]\s+", "", text).strip()


class _Reader:
    """One pass over the lines before and after the table."""

    def __init__(self, lines: list[str], header_line: int, end_line: int) -> None:
        self.before = [_plain(line) for line in lines[: header_line - 1]]
        self.raw_before = lines[: header_line - 1]
        self.after_offset = end_line
        self.after = [_plain(line) for line in lines[end_line:]]
        self.warnings: list[Peringatan] = []
        self.lampiran_at = next(
            (i for i, t in enumerate(self.before) if re.match(r"^LAMPIRAN\b", t, re.I)),
            len(self.before),
        )
        self.sk = self.before[: self.lampiran_at]

    def warn(self, index: int, message: str) -> None:
        self.warnings.append(Peringatan(index + 1, message))

    # -- heading ----------------------------------------------------------------------------
    def satker(self) -> tuple[str | None, str | None]:
        lines = [t for t in self.before[:40] if t]
        for i, text in enumerate(lines):
            match = re.search(
                r"KOMISI PEMILIHAN UMUM(?:\s+(KABUPATEN|KOTA|PROVINSI)\s+(.+))?$", text, re.I
            )
            if not match:
                continue
            kind, name = match.group(1), match.group(2)
            if not kind and i + 1 < len(lines):
                nxt = re.match(r"^(KABUPATEN|KOTA|PROVINSI)\s+(.+)$", lines[i + 1], re.I)
                if nxt:
                    kind, name = nxt.group(1), nxt.group(2)
            if kind and name:
                name = re.split(r"\s+(?:NOMOR|TENTANG|TAHUN)\b", name)[0].strip(" ,.")
                return kind.lower(), title_case(name)
        return None, None

    def nomor(self) -> tuple[str | None, int | None]:
        for i, text in enumerate(self.before):
            match = re.match(r"^NOMOR\s*:?\s*(\S.*)$", text, re.I)
            if match:
                return match.group(1).strip(), i
        return None, None

    def tentang(self) -> str | None:
        for i, text in enumerate(self.sk or self.before):
            compact = re.sub(r"\s+", "", text).upper()
            if compact == "TENTANG" or compact == "TENTANG:":
                words = []
                for nxt in (self.sk or self.before)[i + 1 :]:
                    if re.match(r"^(KETUA|PLH|PLT|Menimbang|DENGAN RAHMAT)", nxt, re.I):
                        break
                    if nxt:
                        words.append(nxt)
                return re.sub(r"\s+", " ", " ".join(words)).strip() or None
            match = re.match(r"^TENTANG\s*:?\s+(\S.*)$", text)
            if match:
                return match.group(1).strip()
        return None

    # -- consideranda and diktum ------------------------------------------------------------
    def sections(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"menimbang": [], "mengingat": [], "memperhatikan": []}
        current: list[str] | None = None
        expected: str | None = None
        for text in self.sk:
            if not text:
                continue
            if re.match(r"^(MEMUTUSKAN|Menetapkan)\b", text, re.I):
                break
            if _TEASER.search(text) and len(text) < 60:
                continue  # page-break teaser: "Mengingat...", "7. Peraturan..."
            section = _SECTION.match(text)
            if section:
                current = out[section.group(1).lower()]
                expected = None
                text = section.group(2).strip()
                if not text:
                    continue
            if current is None:
                continue
            label = _LABEL.match(text)
            if label and (expected is None or label.group(1) == expected):
                current.append(label.group(2).strip())
                expected = _next_label(label.group(1))
            elif current:
                current[-1] = f"{current[-1]} {text}".strip()
            else:
                current.append(text)
        return out

    def menetapkan_diktum(self) -> tuple[str | None, list[dict]]:
        menetapkan: list[str] | None = None
        diktum: list[dict] = []
        for text in self.sk:
            if re.match(r"^Ditetapkan\s+di\b", text, re.I):
                break
            if not text or (_TEASER.search(text) and len(text) < 60):
                continue
            match = re.match(r"^Menetapkan\s*:?\s*(.*)$", text, re.I)
            if match and menetapkan is None:
                menetapkan = [match.group(1)]
                continue
            match = _DIKTUM_LINE.match(text)
            if match:
                diktum.append({"label": match.group(1), "isi": match.group(2).strip()})
            elif diktum:
                diktum[-1]["isi"] = f"{diktum[-1]['isi']} {text}".strip()
            elif menetapkan is not None:
                menetapkan.append(text)
        value = " ".join(menetapkan).strip() if menetapkan else None
        return value or None, diktum

    # -- signatures -------------------------------------------------------------------------
    def signatures(self) -> Signatures:
        """The signature reader over the SK part and the part after the table."""
        return Signatures([(0, self.sk), (self.after_offset, self.after)], self.warn)

    # -- lampiran ---------------------------------------------------------------------------
    def kepala_lampiran(self) -> tuple[str | None, str | None, str | None]:
        """``(nomor, tanggal, tentang)`` of the lampiran's own heading block, as written.

        The block runs from ``LAMPIRAN`` to the first blank line. ``TENTANG`` may be inline or
        on its own line (``T E N T A N G`` too) with the title below, up to the next label.
        """
        block = []
        for text in self.before[self.lampiran_at :]:
            if not text:
                break
            block.append(text)
        found: dict[str, list[str]] = {}
        current: list[str] | None = None
        for text in block:
            match = _KEPALA_LABEL.match(text) or _KEPALA_LABEL.match(_compact_label(text))
            if match:
                current = found.setdefault(match.group(1).upper(), [])
                if match.group(2).strip():
                    current.append(match.group(2).strip())
            elif current is not None and current is found.get("TENTANG"):
                current.append(text)
        values = [
            " ".join(found.get(k, [])).strip() or None for k in ("NOMOR", "TANGGAL", "TENTANG")
        ]
        return values[0], values[1], values[2]

    def judul_tabel(self) -> str | None:
        end = len(self.raw_before)
        while end > 0 and not self.raw_before[end - 1].strip():
            end -= 1
        start = end
        while start > 0 and self.raw_before[start - 1].strip():
            start -= 1
        raw = self.raw_before[start:end]
        if not raw or len(raw) > 4:
            return None
        text = re.sub(r"\s+", " ", " ".join(_plain(line) for line in raw)).strip()
        letters = [ch for ch in text if ch.isalpha()]
        bold = "**" in "".join(raw)
        upper = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.6
        if text.upper().startswith("LAMPIRAN") or not (bold or upper):
            return None
        self.judul_start = start
        return text

    def bab(self, judul_start: int | None) -> list[dict]:
        start = self.lampiran_at
        while start < len(self.before) and self.before[start]:
            start += 1  # the LAMPIRAN KEPUTUSAN … TENTANG … header block
        end = judul_start if judul_start is not None else len(self.before)
        chapters: list[dict] = []
        expected = 1
        paragraphs: list[str] = []
        for index in range(start, end):
            text = self.before[index]
            if not text:
                continue
            heading = re.match(r"^(\d{1,2})\.\s+(\S.{0,100})$", text)
            is_single = (index == 0 or not self.before[index - 1]) and (
                index + 1 >= end or not self.before[index + 1]
            )
            if (
                heading
                and int(heading.group(1)) == expected
                and is_single
                and text[-1] not in ".;,"
            ):
                if chapters:
                    chapters[-1]["isi"] = "\n".join(paragraphs)
                elif paragraphs:
                    chapters.append({"judul": "", "isi": "\n".join(paragraphs)})
                chapters.append({"judul": text, "isi": ""})
                paragraphs = []
                expected += 1
                continue
            if (
                paragraphs
                and not re.search(r"[.;:!?]$", paragraphs[-1])
                and text[:1].islower()
                and not _LIST_LABEL.match(text)  # "c. Penataan …" is a new list item
            ):
                paragraphs[-1] += " " + text  # a paragraph cut by a page break
            else:
                paragraphs.append(text)
        if chapters:
            chapters[-1]["isi"] = "\n".join(paragraphs)
        elif sum(len(p) for p in paragraphs) > 100:
            chapters.append({"judul": "", "isi": "\n".join(paragraphs)})
        return chapters


#: A label of the lampiran heading block: ``NOMOR : …``, ``TANGGAL : …``, ``TENTANG …``.
_KEPALA_LABEL = re.compile(r"^(NOMOR|TANGGAL|TENTANG)\b\s*:?\s*(.*)$", re.I)


def _compact_label(text: str) -> str:
    """``T E N T A N G`` (spaced letters) → ``TENTANG``; other text unchanged."""
    return re.sub(r"\s+", "", text) if re.fullmatch(r"(?:[A-Z]\s+){3,}[A-Z]\s*:?", text) else text


#: A list item's label at the start of a line: "c. ", "2) ", "a) ".
_LIST_LABEL = re.compile(r"^(?:[a-z]|\d{1,2})[.)]\s")


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _tahun(*texts: str | None) -> int | None:
    for text in texts:
        if text:
            match = re.search(r"\bTAHUN\s+(20\d\d)\b", text, re.I)
            if match:
                return int(match.group(1))
    return None


def read_sk(
    lines: list[str], header_line: int, end_line: int
) -> tuple[SkMetadata, list[Peringatan]]:
    """Read the SK metadata from the lines around the table.

    Args:
        lines: the whole document, one string per line.
        header_line: 1-based line of the table's first header row (the SK is before it).
        end_line: 1-based last line of the table (signature blocks follow it).

    Returns:
        ``(SkMetadata, warnings)``: fields not found are None/empty. Warnings (1-based lines)
        for signatories missing, unreadable or disagreeing between the SK and the lampiran.
    """
    reader = _Reader(lines, header_line, end_line)
    sk = SkMetadata()
    sk.satker_jenis, sk.satker_wilayah = reader.satker()
    sk.nomor, _nomor_at = reader.nomor()
    sk.tentang = reader.tentang()
    sections = reader.sections()
    sk.menimbang, sk.mengingat = sections["menimbang"], sections["mengingat"]
    sk.memperhatikan = sections["memperhatikan"]
    sk.menetapkan, sk.diktum = reader.menetapkan_diktum()
    signatures = reader.signatures()
    sk.tempat, sk.tanggal = signatures.penetapan()
    sk.ketua = signatures.ketua()
    sk.pejabat_salinan, sk.pejabat_salinan_jabatan = signatures.salinan()
    signatures.report_unreadable()
    sk.didekode = {
        name for name in ("ketua", "pejabat_salinan") if getattr(sk, name) in signatures.decoded
    }
    sk.lampiran_nomor, sk.lampiran_tanggal, sk.lampiran_tentang = reader.kepala_lampiran()
    reader.judul_start = None
    sk.judul_tabel = reader.judul_tabel()
    sk.bab_lampiran = reader.bab(reader.judul_start)
    year_of_nomor = re.search(r"(20\d\d)\s*$", sk.nomor or "")
    sk.tahun = _tahun(sk.tentang, sk.judul_tabel, sk.menetapkan) or (
        sk.tanggal.year if sk.tanggal else int(year_of_nomor.group(1)) if year_of_nomor else None
    )
    has_sk_text = sum(1 for t in reader.before if t) >= 5  # not just a pasted table
    if sk.nomor is None and has_sk_text:
        reader.warn(0, "Nomor SK tidak ditemukan di dokumen.")
    if sk.tahun is None and has_sk_text:
        reader.warn(
            header_line - 1,
            "Tahun rencana aksi tidak ditemukan (judul, TENTANG atau tanggal penetapan).",
        )
    return sk, reader.warnings
