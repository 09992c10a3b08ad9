"""The SK (Keputusan) of a plan with its Lampiran, as a print-ready PDF.

Layout follows the seed SKs (docs/architecture.md §1.3): portrait pages for the
decree, the lampiran header and its narrative chapters; landscape pages (a named CSS page) for
the lampiran table, in one of three layouts (``TATA_LETAK``); the signature block again at the
end. Paper F4 (215 × 330 mm) by default, A4 on request.

Each SK field comes from the plan and falls back to its satker's defaults (place, chairman,
certifying official); an empty SK number or date prints a dotted blank to be filled by hand, as
drafts circulate before the number is issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from plans.calendar_id import NAMA_BULAN
from plans.models import (
    RencanaAksi,
)
from plans.selectors import lampiran_table, rencana_tree
from plans.target_waktu import runs_of
from zona_integritas.printing import PAPER_SIZES_MM, Report, paper_css

#: Paper choices (value → label shown in the print menu).
KERTAS: dict[str, str] = {"f4": "F4 (215 × 330 mm)", "a4": "A4 (210 × 297 mm)"}

#: Table layouts of the lampiran (value → label), the plan's ``format_lampiran`` values.
TATA_LETAK: dict[str, str] = {
    RencanaAksi.Format.ZI: "ZI enam kolom",
    RencanaAksi.Format.ZI_BULANAN: "ZI jadwal bulanan (bulan 1–12)",
    RencanaAksi.Format.RB: "RB lima kolom",
}

#: Diktum names in order (Lampiran II UU 12/2011, teknik penyusunan keputusan: KESATU, KEDUA …).
DIKTUM_LABELS = [
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
    "KESEBELAS",
    "KEDUA BELAS",
    "KETIGA BELAS",
    "KEEMPAT BELAS",
    "KELIMA BELAS",
]

# A marker the importer may have kept at the start of an item ("a.", "b)", "12.").
_LEADING_MARKER = re.compile(r"^\s*(?:[a-z]|\d{1,2})[.)]\s+")


def _field_values(instance) -> tuple:
    return tuple(getattr(instance, f.attname) for f in instance._meta.concrete_fields)


#: Dotted blank printed where a draft has no value yet (number, date).
TITIK_TITIK = "…………………"


@dataclass(frozen=True)
class Butir:
    """One item of a consideranda list: its marker (``a.``, ``1.``, or ``""``) and its text."""

    penanda: str
    isi: str


def butir_list(items: list[str], *, style: str, number_single: bool = True) -> list[Butir]:
    """Number the items of a consideranda list the way SKs do.

    ``style`` is ``"huruf"`` (a., b., … for Menimbang) or ``"angka"`` (1., 2., … for Mengingat and
    Memperhatikan). A marker already at the start of an item is dropped so it is not printed
    twice; empty items are skipped. With ``number_single=False`` a list of one item gets no marker
    (as the Tegal SK prints its single Memperhatikan).
    """
    texts = [_LEADING_MARKER.sub("", str(text)).strip() for text in items or []]
    texts = [text for text in texts if text]
    if len(texts) == 1 and not number_single:
        return [Butir("", texts[0])]
    result = []
    for index, text in enumerate(texts):
        marker = f"{_letters(index)}." if style == "huruf" else f"{index + 1}."
        result.append(Butir(marker, text))
    return result


def _letters(index: int) -> str:
    """0 → a, 25 → z, 26 → aa (Menimbang rarely passes z, but never crash)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


# A list item of a narrative chapter: "a. …", "A. …", "1) …", "2. …", "(1) …", "(a) …", "- …"
# (one item per line).
_BAB_ITEM = re.compile(
    r"^\s*(?P<penanda>[a-zA-Z][.)]|\d{1,2}[.)]|\(\d{1,2}\)|\([a-z]\)|[-•])\s+(?P<isi>\S.*)$"
)
# A heading inside a chapter's text ("BAB II", "PENUTUP", "BAB III PENUTUP"): printed as a
# heading on its own line, never as body text.
_BAB_HEADING = re.compile(r"^(BAB\s+[IVXLC]+\b.*|PENUTUP|LAMPIRAN\s+[IVXLC]+)$")


@dataclass(frozen=True)
class Blok:
    """A block of a narrative chapter: a paragraph (``penanda == ""``) or a list item.

    ``tingkat`` is the list depth: 1 for ``a.``/``1.`` items, 2 for ``1)``/``-`` items (the
    seed SKs nest ``1)`` under ``a.``).
    """

    penanda: str
    isi: str
    tingkat: int = 0
    judul: bool = False


def bab_blocks(isi: str) -> list[Blok]:
    """Split a chapter's text (one paragraph or list item per line) into printable blocks."""
    blocks = []
    for line in (isi or "").splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if _BAB_HEADING.match(line) and len(line) <= 80 and line == line.upper():
            blocks.append(Blok("", line, judul=True))
            continue
        match = _BAB_ITEM.match(line)
        if match:
            penanda = match["penanda"]
            nested = penanda.startswith("(") or penanda in "-•"
            tingkat = 2 if nested or (penanda[0].isdigit() and penanda.endswith(")")) else 1
            blocks.append(Blok(penanda, match["isi"], tingkat))
        else:
            blocks.append(Blok("", line))
    return blocks


def diktum_list(rencana: RencanaAksi, judul: str) -> list[Butir]:
    """The diktum of the decree as ``Butir(label, isi)``: the plan's, or the usual two.

    A missing label is numbered KESATU, KEDUA, …; a plan without diktum gets the seeds' wording
    (the plan is enacted as the Lampiran; the decree takes effect when enacted).
    """
    items = [d for d in rencana.diktum or [] if str(d.get("isi", "")).strip()]
    if not items:
        items = [
            {
                "isi": (
                    f"Menetapkan {judul.strip().rstrip('.')} sebagaimana tercantum dalam Lampiran "
                    "Keputusan yang merupakan bagian tidak terpisahkan dari Keputusan ini."
                )
            },
            {"isi": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
        ]
    result = []
    for index, item in enumerate(items):
        label = str(item.get("label", "")).strip().rstrip(":").strip()
        if not label:
            label = DIKTUM_LABELS[index] if index < len(DIKTUM_LABELS) else f"KE-{index + 1}"
        result.append(Butir(label.upper(), str(item["isi"]).strip()))
    return result


def nomor_label(nomor: str) -> str:
    """``NOMOR: 11/HK.03.1/3319/2022`` or ``NOMOR 19 TAHUN 2022`` (no colon before TAHUN-style)."""
    nomor = (nomor or "").strip()
    if not nomor:
        return f"NOMOR: {TITIK_TITIK}"
    if re.search(r"\bTAHUN\b", nomor, flags=re.IGNORECASE):
        return f"NOMOR {nomor}"
    return f"NOMOR: {nomor}"


def kepala_lampiran(rencana: RencanaAksi, judul: str) -> dict[str, str]:
    """The lampiran heading's ``{"nomor_label", "tanggal", "tentang"}``: as the source's lampiran
    wrote them (``RencanaAksi.lampiran_*``), else the SK's own nomor and title (``judul``, one
    line). ``tanggal`` is '' when the lampiran gave none: the template prints the SK's date."""
    return {
        "nomor_label": nomor_label(rencana.lampiran_nomor or rencana.sk_nomor),
        "tanggal": " ".join(rencana.lampiran_tanggal.split()),
        "tentang": " ".join(rencana.lampiran_tentang.split()) or judul,
    }


def sebagai_salinan(rencana: RencanaAksi, salinan: bool | None) -> bool:
    """Print as a SALINAN? The caller's choice, else what the source document was."""
    return bool(rencana.dokumen_salinan if salinan is None else salinan)


def gabung_sub_kegiatan(tabel: list) -> None:
    """RB layout: one sub kegiatan cell spans all its indikator rows.

    The plan tree stores each RB indikator keberhasilan with its own copy of the sub kegiatan
    (``LangkahAksi``), so consecutive lines of an area naming the same sub kegiatan are merged
    into the first one's cell (its ``langkah_rowspan`` grows; the others print no cell), as the
    RB documents draw it. Mutates the ``BarisTabel`` lines of ``lampiran_table`` in place.
    """
    for area in tabel:
        first = None
        for baris in area.baris:
            if not baris.langkah:
                continue
            same = first is not None and _teks(first.langkah.nama) == _teks(baris.langkah.nama)
            if same:
                first.langkah_rowspan += baris.langkah_rowspan
                baris.langkah = None
            else:
                first = baris


def _teks(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _ada_pj(tabel: list) -> bool:
    return any(b.bukti and b.bukti.penanggung_jawab for at in tabel for b in at.baris)


def _ada_komponen(tabel: list) -> bool:
    return any(b.komponen and b.komponen.nama.strip() for at in tabel for b in at.baris)


def _ada_bukti(tabel: list) -> bool:
    return any(b.bukti and b.bukti.nama.strip() for at in tabel for b in at.baris)


def _ada_target_waktu(tabel: list) -> bool:
    return any(b.bukti and b.bukti.target_waktu.strip() for at in tabel for b in at.baris)


def kolom_tambahan(tabel: list, tata_letak: str) -> dict[str, bool]:
    """The columns a layout adds so that no data of the plan is dropped (docs/architecture.md §1.1).

    ``tabel`` is ``lampiran_table``'s result. Returns ``{"kolom_pj", "kolom_komponen",
    "kolom_bukti", "kolom_target"}``: a six-column or RB print of a plan with penanggung jawab
    gets a PENANGGUNG JAWAB column; an RB print of a plan with komponen or bukti fisik (a ZI
    plan) gets a Komponen / Bukti Fisik column; a monthly print of a plan whose target waktu is
    written text (weeks, "paling lambat" …, which ✓ marks cannot say) gets a TARGET WAKTU
    column. A plan of the layout's own kind gets none, so its print re-imports as it was.
    """
    rb = tata_letak == "rb"
    return {
        "kolom_pj": tata_letak != "zi_bulanan" and _ada_pj(tabel),
        "kolom_komponen": rb and _ada_komponen(tabel),
        "kolom_bukti": rb and _ada_bukti(tabel),
        "kolom_target": tata_letak == "zi_bulanan" and _ada_target_waktu(tabel),
    }


def waktu_dari_bulan(bulan, tahun: int | None) -> str:
    """A target waktu written from months (a ✓ grid printed in a layout with a waktu column):
    runs of consecutive months as ranges, ``[1, 2, 3, 6]`` → ``Januari-Maret, Juni 2022``. The
    importer's target waktu reader reads it back to the same months. '' without months."""
    runs = runs_of(m for m in bulan or [] if isinstance(m, int) and 1 <= m <= 12)
    parts = [
        NAMA_BULAN[r[0]] if len(r) == 1 else f"{NAMA_BULAN[r[0]]}-{NAMA_BULAN[r[-1]]}" for r in runs
    ]
    if not parts:
        return ""
    return f"{', '.join(parts)} {tahun}" if tahun else ", ".join(parts)


class SkReport(Report):
    """The SK and its Lampiran of one plan.

    ``render(rencana=..., kertas="f4"|"a4", tata_letak=None|"zi"|"zi_bulanan"|"rb",
    salinan=None|True|False)`` → ``(filename, content_type, bytes)``; ``salinan=None`` prints
    the plan as its source document was (``RencanaAksi.dokumen_salinan``). ``rencana`` must
    already be checked for access by the caller (the view fetches it through ``RencanaAksi.objects.for_user``).
    ``tata_letak=None`` uses the plan's ``format_lampiran``. Raises ``ValueError`` for an unknown
    paper or layout. Runs 5 + 1 queries (the plan tree; the satker if not already joined).
    """

    template_name = "print/sk.html"
    stylesheets = ("print/cetak.css", "print/sk.css")

    @staticmethod
    def options(
        rencana: RencanaAksi, kertas: str = "f4", tata_letak: str | None = None
    ) -> tuple[str, str]:
        """Validated ``(kertas, tata_letak)``; raises ``ValueError`` with an Indonesian message."""
        if kertas not in PAPER_SIZES_MM:
            raise ValueError(f"Ukuran kertas tidak dikenal: {kertas!r} (pilih f4 atau a4).")
        tata_letak = tata_letak or rencana.format_lampiran or RencanaAksi.Format.ZI
        if tata_letak not in TATA_LETAK:
            raise ValueError(
                f"Tata letak tidak dikenal: {tata_letak!r} (pilih {', '.join(TATA_LETAK)})."
            )
        return kertas, tata_letak

    def get_context(
        self,
        *,
        rencana: RencanaAksi,
        kertas: str = "f4",
        tata_letak: str | None = None,
        salinan: bool | None = None,
    ) -> dict[str, Any]:
        kertas, tata_letak = self.options(rencana, kertas, tata_letak)
        salinan = sebagai_salinan(rencana, salinan)
        satker = rencana.satker
        judul = " ".join(rencana.judul.split())
        lembaga = satker.nama_lembaga
        tempat = rencana.sk_tempat or satker.kota_penetapan or satker.wilayah
        tabel = lampiran_table(rencana_tree(rencana=rencana))
        if tata_letak == RencanaAksi.Format.RB:
            gabung_sub_kegiatan(tabel)
        for at in tabel:
            for b in at.baris:
                # A ✓-grid plan has no target waktu text: its months are written as one.
                b.waktu = (
                    (
                        b.bukti.target_waktu
                        or waktu_dari_bulan(b.bukti.bulan, b.bukti.tahun or rencana.tahun)
                    )
                    if b.bukti
                    else ""
                )
        diktum = diktum_list(rencana, judul)
        kolom = kolom_tambahan(tabel, tata_letak)
        return {
            "rencana": rencana,
            "satker": satker,
            "kertas": kertas,
            "ukuran": paper_css(kertas),
            "tata_letak": tata_letak,
            "salinan": bool(salinan),
            "lembaga": lembaga,
            "lembaga_baris": ["KOMISI PEMILIHAN UMUM", satker.wilayah_lengkap.upper()],
            "nomor_label": nomor_label(rencana.sk_nomor),
            "kepala_lampiran": kepala_lampiran(rencana, judul),
            "judul": judul,
            "menimbang": butir_list(rencana.menimbang, style="huruf"),
            "mengingat": butir_list(rencana.mengingat, style="angka"),
            "memperhatikan": butir_list(rencana.memperhatikan, style="angka", number_single=False),
            "menetapkan": (
                " ".join(rencana.menetapkan.split())
                or f"KEPUTUSAN {lembaga} TENTANG {judul.upper().rstrip('.')}."
            ),
            # The last diktum is printed with the signature so neither stands alone on a page.
            "diktum": diktum[:-1],
            "diktum_akhir": diktum[-1],
            "tempat": tempat,
            "tanggal": rencana.sk_tanggal,
            "titik_titik": TITIK_TITIK,
            "ketua_nama": rencana.ketua_nama or satker.ketua_nama,
            "pejabat_salinan_nama": rencana.pejabat_salinan_nama or satker.pejabat_salinan_nama,
            "pejabat_salinan_jabatan": (
                rencana.pejabat_salinan_jabatan or satker.pejabat_salinan_jabatan
            ),
            "bab_lampiran": [
                {"judul": str(bab.get("judul", "")).strip(), "blok": bab_blocks(bab.get("isi", ""))}
                for bab in rencana.bab_lampiran or []
                if str(bab.get("judul", "")).strip() or str(bab.get("isi", "")).strip()
            ],
            "judul_tabel": (
                " ".join(rencana.judul_tabel.split())
                or f"RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS {satker.nama.upper()} "
                f"TAHUN {rencana.tahun}"
            ),
            "tabel": tabel,
            "bulan": list(range(1, 13)),
            # Data the chosen layout has no column for is shown another way, never dropped.
            **kolom,
            "nomor_kolom_rb": list(range(1, 6 + sum(kolom.values()))),
            "waktu_dari_bulan": tata_letak != RencanaAksi.Format.ZI_BULANAN,
        }

    def get_fingerprint(
        self,
        *,
        rencana: RencanaAksi,
        kertas: str = "f4",
        tata_letak: str | None = None,
        salinan: bool | None = None,
    ) -> tuple:
        """Everything the SK prints, as plain values, from the plan row alone: no query.

        The plan's concrete fields include ``versi_isi``, which every write to a row of its tree
        bumps (``plans.versi``; archiving a row too), and ``diubah``, which every save of the
        plan's own fields changes; with the satker's fields (joined by ``rencana_for_user``)
        and the print options that is all the print depends on. ``rencana`` must be freshly
        read (as the print view reads it): a stale instance gives a stale version.
        """
        kertas, tata_letak = self.options(rencana, kertas, tata_letak)
        return (
            kertas,
            tata_letak,
            sebagai_salinan(rencana, salinan),
            _field_values(rencana),
            _field_values(rencana.satker),
            rencana.kerangka.kode,
        )

    def get_filename(
        self, *, rencana: RencanaAksi, salinan: bool | None = None, **params: Any
    ) -> str:
        """``SK-ZI-2022-kpu-kabupaten-kudus`` (+ ``-rev2``, ``-salinan``)."""
        parts = [
            "SK",
            rencana.kerangka.kode.upper(),
            str(rencana.tahun),
            slugify(rencana.satker.nama),
        ]
        if rencana.revisi > 1:
            parts.append(f"rev{rencana.revisi}")
        if sebagai_salinan(rencana, salinan):
            parts.append("salinan")
        return "-".join(parts)

    def get_cache_group(
        self,
        *,
        rencana: RencanaAksi,
        kertas: str = "f4",
        tata_letak: str | None = None,
        salinan: bool | None = None,
    ) -> str:
        kertas, tata_letak = self.options(rencana, kertas, tata_letak)
        return f"sk-{rencana.pk}-{kertas}-{tata_letak}-{int(sebagai_salinan(rencana, salinan))}"
