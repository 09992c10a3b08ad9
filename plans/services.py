"""Writes of the plans app: every write that touches more than one object, atomic.

``lampiran_import`` turns a parsed SK lampiran (``plans.lampiran.parse_lampiran``) into a plan.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from plans import tree
from plans.calendar_id import ROMAWI as ROMAWI_I_XII
from plans.documents import read_document
from plans.editing.common import RENCANA_PATH
from plans.lampiran import BarisLampiran, HasilParse, LampiranError, parse_lampiran
from plans.lampiran.koreksi import apply_koreksi
from plans.models import (
    AreaPerubahan,
    Kerangka,
    RencanaAksi,
    RencanaArea,
    Satker,
)
from plans.target_waktu import parse_target_waktu
from plans.workflow import STATUS_BOLEH_UBAH

ROMAWI = {ROMAWI_I_XII[n]: n for n in range(1, 11)}

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
    raise ImporLampiranError(f"Satker dari kop dokumen ({nama}) tidak dikenal; pilih satkernya.")


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
        self.children: dict[tuple[type, int], list] = defaultdict(list)
        self._load_existing()

    def _load_existing(self) -> None:
        if not self.rencana.pk:
            return
        for level in _LEVELS:
            path = RENCANA_PATH[level.model]
            rows = level.model.objects.filter(**{path: self.rencana}).order_by("urutan", "pk")
            for obj in rows:
                self.children[(level.model, getattr(obj, f"{level.parent_field}_id"))].append(obj)

    def take(self, model, parent_id: int, key: str):
        for obj in self.children.get((model, parent_id), []):
            ident = (model, obj.pk)
            if ident not in self.used and _norm(_key_text(obj)) == key:
                self.used.add(ident)
                return obj
        return None

    def leftovers(self):
        """Existing rows not reused, deepest level first (so children go before parents)."""
        for model in [level.model for level in reversed(_LEVELS)]:
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
    if obj.pk:
        # A replaced row is a new version: an editor still holding the old page is refused
        # (optimistic locking, plans.editing.klaim_versi) instead of overwriting the import.
        obj.versi += 1
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


@dataclass(frozen=True)
class _Level:
    """One level of the plan tree as the importer writes it.

    ``node_key`` tells which parsed rows share a node (``None``: every row is its own node, the
    leaf); ``match_text`` is what an existing row must equal to be reused; ``fields`` gives the
    values to write from the parsed row.
    """

    model: type
    parent_field: str
    node_key: Callable[[BarisLampiran], object] | None
    match_text: Callable[[BarisLampiran], str]
    fields: Callable[[BarisLampiran, RencanaAksi, dict], dict]


def _bukti_fields(row: BarisLampiran, rencana: RencanaAksi, refs: dict) -> dict:
    target = parse_target_waktu(row.target_waktu, tahun_default=rencana.tahun)
    return {
        "nama": row.bukti_fisik,
        "target_waktu": row.target_waktu[:300],
        "bulan": sorted(set(row.bulan)),
        "minggu": list(target.minggu),
        "tahun": target.tahun or rencana.tahun,
        "penanggung_jawab": row.penanggung_jawab[:300],
    }


# What the importer writes at each level of the tree, by level code: the node key, the text an
# existing row must match to be reused, and the field values.
_IMPORT_RULES: dict[str, tuple] = {
    "area": (
        lambda r: r.area,
        lambda r: r.area,
        lambda r, _rencana, refs: {
            "nomor": r.area,
            "judul": r.area_nama[:300],
            "area": _match_area(r.area, r.area_nama, refs),
        },
    ),
    "komponen": (
        lambda r: r.komponen_key,
        lambda r: r.komponen,
        lambda r, _rencana, _refs: {"nomor": r.komponen_nomor[:10], "nama": r.komponen},
    ),
    "indikator": (
        lambda r: r.indikator_key,
        lambda r: r.indikator,
        lambda r, _rencana, _refs: {"nama": r.indikator},
    ),
    "langkah": (
        lambda r: r.langkah_key,
        lambda r: r.langkah_aksi,
        lambda r, _rencana, _refs: {"nama": r.langkah_aksi},
    ),
    "bukti": (None, lambda r: r.bukti_fisik, _bukti_fields),
}
_LEVELS = [
    _Level(level.model, level.parent_field, *_IMPORT_RULES[level.kode]) for level in tree.LEVELS
]


def _write_rows(rencana: RencanaAksi, rows: list[BarisLampiran], kerangka: Kerangka) -> int:
    """Create/update the plan's rows from ``rows``; return how many old rows were archived.

    Walks the rows in document order keeping the chain of open nodes (area → … → langkah
    aksi); a level opens a new node where its key changes, which also closes every level below.
    """
    writer = _TreeWriter(rencana)
    refs = _area_refs(kerangka)
    open_keys: list[tuple] = []
    open_nodes: list = [rencana]
    counters: dict[tuple, int] = defaultdict(int)
    for index, row in enumerate(rows):
        key: tuple = ()
        for depth, level in enumerate(_LEVELS):
            key = (*key, level.node_key(row) if level.node_key else index)
            if depth < len(open_keys) and open_keys[depth] == key:
                continue
            del open_keys[depth:], open_nodes[depth + 1 :]
            parent = open_nodes[depth]
            obj = writer.take(level.model, parent.pk, _norm(level.match_text(row)))
            obj = obj or level.model(**{level.parent_field: parent})
            _save(
                obj,
                **{level.parent_field: parent},
                **level.fields(row, rencana, refs),
                urutan=counters[(level.model, parent.pk)],
                diarsipkan=False,
            )
            counters[(level.model, parent.pk)] += 1
            open_keys.append(key)
            open_nodes.append(obj)
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
        "dokumen_salinan": bool(sk.pejabat_salinan or sk.pejabat_salinan_jabatan),  # a copy
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
    text: str | None = None,
    satker: Satker | str | None = None,
    tahun: int | None = None,
    replace: bool = False,
    dry_run: bool = False,
    user=None,
    sumber: str = "",
    data: bytes | None = None,
    koreksi: dict[tuple[int, str], str] | None = None,
) -> tuple[RencanaAksi | None, HasilParse]:
    """Parse an SK lampiran text and write it as a plan, atomically.

    ``satker`` (a ``Satker`` or its Kemendagri code) and ``tahun`` default to what the document
    says. A plan for the same satker, year and framework (latest revision) is refused unless
    ``replace``: then its rows are updated in place, rows that disappeared are deleted, and
    rows that evidence points at are archived instead (never destroyed). A plan whose SK is
    signed (*ditetapkan*) is never replaced: a new revision is needed. ``dry_run`` parses and
    checks everything, writes nothing and returns ``(None, hasil)``.

    ``data`` (the file's bytes: text, .docx or digital PDF, read by content) replaces ``text``;
    ``koreksi`` are the cell corrections typed in the import preview
    (``plans.lampiran.koreksi.apply_koreksi``).

    Returns ``(rencana, hasil)``. Raises ``LampiranError`` for an unreadable document and
    ``ImporLampiranError`` (a ``ValidationError``) for a readable one that cannot be imported
    as asked; in both cases nothing is written.
    """
    hasil = (
        read_document(data, max_bytes=_max_bytes()) if data is not None else parse_lampiran(text)
    )
    if koreksi:
        hasil = apply_koreksi(hasil, koreksi)
    if not hasil.rows:
        raise LampiranError("Tabel lampiran tidak berisi baris rencana aksi.")
    satker_obj = satker if isinstance(satker, Satker) else resolve_satker(hasil, satker)
    tahun = tahun or hasil.sk.tahun
    if not tahun:
        raise ImporLampiranError("Tahun rencana tidak terbaca dari dokumen; isi tahunnya.")
    kerangka = Kerangka.objects.get(kode=KERANGKA_FORMAT[hasil.format])
    existing = (
        RencanaAksi.objects.filter(satker=satker_obj, tahun=tahun, kerangka=kerangka)
        .order_by("-revisi")
        .first()
    )
    if existing and not replace:
        raise ImporLampiranError(
            f"Rencana aksi {kerangka.kode.upper()} {tahun} untuk {satker_obj} sudah ada "
            f"(revisi {existing.revisi}). Pilih opsi ganti rencana untuk menggantinya."
        )
    if existing and existing.terkunci:
        raise ImporLampiranError(
            f"Rencana aksi {tahun} untuk {satker_obj} sudah ditetapkan dan terkunci; "
            "buat revisi baru untuk mengubahnya."
        )
    if existing and existing.status not in STATUS_BOLEH_UBAH:
        # Same rule as editing in the browser: a plan under review is changed only after the
        # satker pulls it back to draf, so the reviewer never reviews a moving target.
        raise ImporLampiranError(
            f"Rencana aksi {tahun} untuk {satker_obj} berstatus "
            f"{existing.get_status_display().lower()}; tarik kembali ke draf sebelum menggantinya."
        )
    if dry_run:
        return None, hasil
    with transaction.atomic():
        fields = _rencana_fields(hasil, satker_obj, tahun, sumber)
        rencana = existing or RencanaAksi(satker=satker_obj, tahun=tahun, kerangka=kerangka)
        _save(rencana, **fields)
        _write_rows(rencana, hasil.rows, kerangka)
    return rencana, hasil


def _max_bytes() -> int:
    from django.conf import settings

    return settings.ZI_LAMPIRAN_MAX_BYTES


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
