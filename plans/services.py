"""Writes of the plans app: every write that touches more than one object, atomic.

``lampiran_import`` turns a parsed SK lampiran (``plans.lampiran.parse_lampiran``) into a plan.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from plans.lampiran import BarisLampiran, HasilParse, LampiranError, parse_lampiran
from plans.models import (
    AreaPerubahan,
    BuktiFisik,
    Indikator,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
    Satker,
)
from plans.target_waktu import parse_target_waktu

ROMAWI = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}

#: Lampiran format → kerangka kode.
KERANGKA_FORMAT = {"zi": "zi", "zi_bulanan": "zi", "rb": "rb"}


class ImporLampiranError(ValidationError):
    """The document cannot be imported as asked; nothing was written. Message in Indonesian."""


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def resolve_satker(hasil: HasilParse, kode: str | None) -> Satker:
    """The satker to import into: ``kode`` when given, else the one the SK heading names.

    Raises ``ImporLampiranError`` when neither identifies a known satker.
    """
    if kode:
        try:
            return Satker.objects.get(kode=kode)
        except Satker.DoesNotExist:
            raise ImporLampiranError(f"Satker dengan kode {kode} tidak dikenal.") from None
    sk = hasil.sk
    if sk.satker_wilayah:
        qs = Satker.objects.filter(wilayah__iexact=sk.satker_wilayah)
        if sk.satker_jenis:
            qs = qs.filter(jenis=sk.satker_jenis)
        found = list(qs[:2])
        if len(found) == 1:
            return found[0]
    nama = " ".join(filter(None, [sk.satker_jenis, sk.satker_wilayah])) or "tidak terbaca"
    raise ImporLampiranError(
        f"Satker dari kop dokumen ({nama}) tidak dikenal; pilih satker (--satker KODE)."
    )


def _area_refs(kerangka: Kerangka) -> dict[int, AreaPerubahan]:
    return {a.nomor: a for a in AreaPerubahan.objects.filter(kerangka=kerangka)}


def _match_area(nomor: str, judul: str, refs: dict[int, AreaPerubahan]) -> AreaPerubahan | None:
    """The framework area of an SK area row: by its Roman numeral, else by name or synonym."""
    key = _norm(judul)
    for area in refs.values():
        names = [_norm(area.nama), *(_norm(s) for s in area.sinonim)]
        if any(n and n in key for n in names):
            return area
    return refs.get(ROMAWI.get(nomor.strip().upper().rstrip("."), 0))


class _TreeWriter:
    """Write the parsed rows under a plan, reusing existing rows whose text matches.

    Reuse keeps primary keys stable across a replacing import, so evidence attached to a
    bukti fisik stays attached when the same row is in the new document. Matching is by
    normalised text among the unused siblings of the same (reused) parent, in order.
    """

    def __init__(self, rencana: RencanaAksi):
        self.rencana = rencana
        self.used: set[tuple[type, int]] = set()
        self.children: dict[tuple[type, int | None], list] = defaultdict(list)
        self._load_existing()

    def _load_existing(self) -> None:
        if not self.rencana.pk:
            return
        for area in RencanaArea.objects.filter(rencana=self.rencana).order_by("urutan", "pk"):
            self.children[(RencanaArea, None)].append(area)
        levels = [
            (Komponen, "rencana_area", {"rencana_area__rencana": self.rencana}),
            (Indikator, "komponen", {"komponen__rencana_area__rencana": self.rencana}),
            (
                LangkahAksi,
                "indikator",
                {"indikator__komponen__rencana_area__rencana": self.rencana},
            ),
            (
                BuktiFisik,
                "langkah_aksi",
                {"langkah_aksi__indikator__komponen__rencana_area__rencana": self.rencana},
            ),
        ]
        for model, parent_field, filt in levels:
            for obj in model.objects.filter(**filt).order_by("urutan", "pk"):
                self.children[(model, getattr(obj, f"{parent_field}_id"))].append(obj)

    def take(self, model, parent_id: int | None, key: str):
        for obj in self.children.get((model, parent_id), []):
            ident = (model, obj.pk)
            if ident not in self.used and _norm(_key_text(obj)) == key:
                self.used.add(ident)
                return obj
        return None

    def leftovers(self):
        """Existing rows not reused, deepest level first (so children go before parents)."""
        order = [BuktiFisik, LangkahAksi, Indikator, Komponen, RencanaArea]
        for model in order:
            for (m, _parent), objs in self.children.items():
                if m is not model:
                    continue
                for obj in objs:
                    if (model, obj.pk) not in self.used:
                        yield obj


def _key_text(obj) -> str:
    if isinstance(obj, RencanaArea):
        return obj.nomor
    return obj.nama


def _save(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def _write_rows(rencana: RencanaAksi, rows: list[BarisLampiran], kerangka: Kerangka) -> int:
    """Create/update the plan's rows from ``rows``; return how many old rows were archived."""
    writer = _TreeWriter(rencana)
    refs = _area_refs(kerangka)
    current: dict[str, object] = {}
    counters: dict[tuple, int] = defaultdict(int)
    for row in rows:
        area_key = ("area", row.area)
        if current.get("area_key") != area_key:
            area = writer.take(RencanaArea, None, _norm(row.area)) or RencanaArea(rencana=rencana)
            current["area"] = _save(
                area,
                nomor=row.area,
                judul=row.area_nama[:300],
                area=_match_area(row.area, row.area_nama, refs),
                urutan=counters[("area",)],
                diarsipkan=False,
            )
            counters[("area",)] += 1
            current["area_key"] = area_key
            current.pop("komponen_key", None)
        komponen_key = (area_key, row.komponen_key)
        if current.get("komponen_key") != komponen_key:
            parent = current["area"]
            obj = writer.take(Komponen, parent.pk, _norm(row.komponen)) or Komponen(
                rencana_area=parent
            )
            current["komponen"] = _save(
                obj,
                rencana_area=parent,
                nomor=row.komponen_nomor[:10],
                nama=row.komponen,
                urutan=counters[("k", parent.pk)],
                diarsipkan=False,
            )
            counters[("k", parent.pk)] += 1
            current["komponen_key"] = komponen_key
            current.pop("indikator_key", None)
        indikator_key = (komponen_key, row.indikator_key)
        if current.get("indikator_key") != indikator_key:
            parent = current["komponen"]
            obj = writer.take(Indikator, parent.pk, _norm(row.indikator)) or Indikator(
                komponen=parent
            )
            current["indikator"] = _save(
                obj,
                komponen=parent,
                nama=row.indikator,
                urutan=counters[("i", parent.pk)],
                diarsipkan=False,
            )
            counters[("i", parent.pk)] += 1
            current["indikator_key"] = indikator_key
            current.pop("langkah_key", None)
        langkah_key = (indikator_key, row.langkah_key)
        if current.get("langkah_key") != langkah_key:
            parent = current["indikator"]
            obj = writer.take(LangkahAksi, parent.pk, _norm(row.langkah_aksi)) or LangkahAksi(
                indikator=parent
            )
            current["langkah"] = _save(
                obj,
                indikator=parent,
                nama=row.langkah_aksi,
                urutan=counters[("l", parent.pk)],
                diarsipkan=False,
            )
            counters[("l", parent.pk)] += 1
            current["langkah_key"] = langkah_key
        parent = current["langkah"]
        target = parse_target_waktu(row.target_waktu, tahun_default=rencana.tahun)
        obj = writer.take(BuktiFisik, parent.pk, _norm(row.bukti_fisik)) or BuktiFisik(
            langkah_aksi=parent
        )
        _save(
            obj,
            langkah_aksi=parent,
            nama=row.bukti_fisik,
            target_waktu=row.target_waktu[:300],
            bulan=sorted(set(row.bulan)),
            minggu=list(target.minggu),
            tahun=target.tahun or rencana.tahun,
            penanggung_jawab=row.penanggung_jawab[:300],
            urutan=counters[("b", parent.pk)],
            diarsipkan=False,
        )
        counters[("b", parent.pk)] += 1
    return _remove_leftovers(writer)


def _remove_leftovers(writer: _TreeWriter) -> int:
    """Delete rows the new document no longer has; archive those that evidence protects."""
    archived = 0
    for obj in writer.leftovers():
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            # Evidence points at this row (or below it): keep it, hidden, never destroy evidence.
            type(obj).objects.filter(pk=obj.pk).update(diarsipkan=True)
            archived += 1
    return archived


def _rencana_fields(hasil: HasilParse, satker: Satker, tahun: int, sumber: str) -> dict:
    sk = hasil.sk
    judul = (
        sk.tentang or hasil.sk.judul_tabel or f"Rencana Aksi Pembangunan Zona Integritas {tahun}"
    )
    return {
        "format_lampiran": hasil.format,
        "judul": judul,
        "judul_tabel": sk.judul_tabel or "",
        "sk_nomor": (sk.nomor or "")[:100],
        "sk_tanggal": sk.tanggal,
        "sk_tempat": (sk.tempat or satker.kota_penetapan or "")[:100],
        "ketua_nama": (sk.ketua or "")[:150],
        "pejabat_salinan_nama": (sk.pejabat_salinan or "")[:150],
        "pejabat_salinan_jabatan": (sk.pejabat_salinan_jabatan or satker.pejabat_salinan_jabatan)[
            :200
        ],
        "menimbang": list(sk.menimbang),
        "mengingat": list(sk.mengingat),
        "memperhatikan": list(sk.memperhatikan),
        "menetapkan": sk.menetapkan or "",
        "diktum": list(sk.diktum),
        "bab_lampiran": list(sk.bab_lampiran),
        "sumber_dokumen": sumber[:255],
    }


def lampiran_import(
    *,
    text: str,
    satker: Satker | str | None = None,
    tahun: int | None = None,
    replace: bool = False,
    dry_run: bool = False,
    user=None,
    sumber: str = "",
) -> tuple[RencanaAksi | None, HasilParse]:
    """Parse an SK lampiran text and write it as a plan, atomically.

    ``satker`` (a ``Satker`` or its Kemendagri code) and ``tahun`` default to what the document
    says. A plan for the same satker, year and framework (latest revision) is refused unless
    ``replace``: then its rows are updated in place, rows that disappeared are deleted, and
    rows that evidence points at are archived instead (never destroyed). A plan whose SK is
    signed (*ditetapkan*) is never replaced: a new revision is needed. ``dry_run`` parses and
    checks everything, writes nothing and returns ``(None, hasil)``.

    Returns ``(rencana, hasil)``. Raises ``LampiranError`` for an unreadable document and
    ``ImporLampiranError`` (a ``ValidationError``) for a readable one that cannot be imported
    as asked; in both cases nothing is written.
    """
    hasil = parse_lampiran(text)
    if not hasil.rows:
        raise LampiranError("Tabel lampiran tidak berisi baris rencana aksi.")
    satker_obj = satker if isinstance(satker, Satker) else resolve_satker(hasil, satker)
    tahun = tahun or hasil.sk.tahun
    if not tahun:
        raise ImporLampiranError("Tahun rencana tidak terbaca dari dokumen; isi tahun (--tahun).")
    kerangka = Kerangka.objects.get(kode=KERANGKA_FORMAT[hasil.format])
    existing = (
        RencanaAksi.objects.filter(satker=satker_obj, tahun=tahun, kerangka=kerangka)
        .order_by("-revisi")
        .first()
    )
    if existing and not replace:
        raise ImporLampiranError(
            f"Rencana aksi {kerangka.kode.upper()} {tahun} untuk {satker_obj} sudah ada "
            f"(revisi {existing.revisi}). Gunakan opsi ganti (--replace) untuk menggantinya."
        )
    if existing and existing.terkunci:
        raise ImporLampiranError(
            f"Rencana aksi {tahun} untuk {satker_obj} sudah ditetapkan dan terkunci; "
            "buat revisi baru untuk mengubahnya."
        )
    if dry_run:
        return None, hasil
    with transaction.atomic():
        fields = _rencana_fields(hasil, satker_obj, tahun, sumber)
        rencana = existing or RencanaAksi(satker=satker_obj, tahun=tahun, kerangka=kerangka)
        _save(rencana, **fields)
        _write_rows(rencana, hasil.rows, kerangka)
    return rencana, hasil


def decode_lampiran(data: bytes) -> str:
    """Decode an uploaded/read lampiran document (bytes) to text.

    Accepts UTF-8 (with or without BOM) and, for older exports, Windows-1252. Raises
    ``LampiranError`` for an empty file, a file over ``settings.ZI_LAMPIRAN_MAX_BYTES``, or
    binary content (NUL bytes or many control characters: a PDF, a DOCX, an image…), since only
    text extracted from the SK can be read.
    """
    from django.conf import settings

    if not data or not data.strip():
        raise LampiranError("Berkas kosong: tidak ada teks untuk diimpor.")
    if len(data) > settings.ZI_LAMPIRAN_MAX_BYTES:
        batas = settings.ZI_LAMPIRAN_MAX_BYTES // (1024 * 1024)
        raise LampiranError(f"Berkas terlalu besar (batas {batas} MB untuk teks lampiran).")
    if b"\x00" in data[:65536]:
        raise LampiranError(
            "Berkas ini bukan teks (berisi data biner). Unggah teks hasil salinan dari SK "
            "(mis. .txt), bukan PDF/DOCX/gambar."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise LampiranError("Berkas ini bukan teks yang dapat dibaca (banyak karakter kendali).")
    return text
