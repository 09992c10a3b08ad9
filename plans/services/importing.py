"""Writes of the plans app: every write that touches more than one object, atomic.

``lampiran_import`` turns a parsed SK lampiran (``plans.lampiran.parse_lampiran``) into a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from access.models import Satker
from plans.documents import decode_text, read_document
from plans.impor.apply import remove_leftovers, write_tree
from plans.impor.bukti import BuktiTerdampak, bukti_terdampak, carry_over
from plans.impor.tree import ImporLampiranError, RencanaTulis, _assign, plan_tree
from plans.lampiran import HasilParse, LampiranError, parse_lampiran
from plans.lampiran.koreksi import apply_koreksi
from plans.models import Kerangka, RencanaAksi
from plans.services.workflow import STATUS_BOLEH_UBAH
from plans.versi import versi_isi_ditunda, versi_isi_naik

__all__ = ["ImporLampiranError", "lampiran_impor", "lampiran_import", "resolve_satker"]

#: Lampiran format → kerangka kode.
KERANGKA_FORMAT = {"zi": "zi", "zi_bulanan": "zi", "rb": "rb"}


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
        "lampiran_nomor": (sk.lampiran_nomor or "")[:100],
        "lampiran_tanggal": (sk.lampiran_tanggal or "")[:100],
        "lampiran_tentang": sk.lampiran_tentang or "",
        "sumber_dokumen": sumber[:255],
    }


@dataclass
class HasilImpor:
    """What an import did (or, in a dry run, would do).

    ``rencana`` is the saved plan (None in a dry run); ``hasil`` the parse; ``ditulis`` rows
    created or changed; ``sisa`` existing rows the document no longer has (not counting rows
    archived before); ``diarsipkan``/``dihapus`` of those, archived/deleted (0 in a dry run); ``bukti_terdampak`` the existing bukti fisik with uploads that the new document drops,
    each with its proposed new row; ``dipindahkan`` the uploads carried over.
    """

    rencana: RencanaAksi | None
    hasil: HasilParse
    ditulis: int = 0
    sisa: int = 0
    diarsipkan: int = 0
    dihapus: int = 0
    bukti_terdampak: list[BuktiTerdampak] = field(default_factory=list)
    dipindahkan: int = 0


def lampiran_import(**kwargs) -> tuple[RencanaAksi | None, HasilParse]:
    """``lampiran_impor`` returning ``(rencana, hasil)`` only (see there for the arguments)."""
    result = lampiran_impor(**kwargs)
    return result.rencana, result.hasil


def lampiran_impor(
    *,
    text: str | None = None,
    satker: Satker | str | None = None,
    tahun: int | None = None,
    replace: bool = False,
    dry_run: bool = False,
    user=None,
    sumber: str = "",
    bawa_bukti: set[int] | bool = False,
    data: bytes | None = None,
    koreksi: dict[tuple[int, str], str] | None = None,
    usulan: set[tuple[int, str]] | None = None,
) -> HasilImpor:
    """Parse an SK lampiran text and write it as a plan, atomically.

    ``satker`` (a ``Satker`` or its Kemendagri code) and ``tahun`` default to what the document
    says. A plan for the same satker, year and framework (latest revision) is refused unless
    ``replace``: then rows whose text is unchanged are kept (same ids, written only when a
    value changed), new rows are created, rows that disappeared are deleted, and rows that
    evidence points at are archived instead (never destroyed). ``bawa_bukti`` (True, or ids of
    old bukti fisik) carries the uploads of such rows over to the proposed new rows (see
    ``plans.impor.bukti``). A plan whose SK is signed (*ditetapkan*) is never replaced: a new
    revision is needed. ``dry_run`` parses, plans and validates exactly what a save would, and
    writes nothing (``rencana`` None).

    ``data`` (the file's bytes: text, .docx or digital PDF, read by content) replaces ``text``;
    ``koreksi`` are the cell corrections typed in the import preview
    (``plans.lampiran.koreksi.apply_koreksi``), ``usulan`` the ``(line, field)`` of the
    proposed fixes the user ticked there (``apply_usulan``), both applied in the same save.

    Raises ``LampiranError`` for an unreadable document and ``ImporLampiranError`` (a
    ``ValidationError``) for a readable one that cannot be imported as asked, with the line and
    column of every bad cell; in both cases nothing is written. Empty required cells are not
    errors: they are stored empty and reported in ``hasil.warnings`` with line and column.
    """
    hasil = (
        read_document(data, max_bytes=_max_bytes())
        if data is not None
        else parse_lampiran(text or "")
    )
    if koreksi or usulan:
        hasil = apply_koreksi(hasil, koreksi or {}, usulan or set())
    if not hasil.rows:
        raise LampiranError("Tabel lampiran tidak berisi baris rencana aksi.")
    satker_obj = satker if isinstance(satker, Satker) else resolve_satker(hasil, satker)
    tahun = tahun or hasil.sk.tahun
    if not tahun:
        raise ImporLampiranError("Tahun rencana tidak terbaca dari dokumen; isi tahunnya.")
    kerangka = Kerangka.objects.get(kode=KERANGKA_FORMAT[hasil.format])
    existing = _existing_plan(satker_obj, tahun, kerangka, replace)
    rencana = existing or RencanaAksi(satker=satker_obj, tahun=tahun, kerangka=kerangka)
    plan_changed = _assign(rencana, _rencana_fields(hasil, satker_obj, tahun, sumber))
    if existing is None:
        rencana.full_clean()
    tulis = plan_tree(rencana, hasil.rows, kerangka, hasil.format)
    _add_warnings(hasil, tulis)
    sisa = sum(1 for level in tulis.leftovers for obj in level if not obj.diarsipkan)
    result = HasilImpor(None, hasil, ditulis=tulis.writes, sisa=sisa)
    result.bukti_terdampak = bukti_terdampak(tulis) if existing else []
    if dry_run:
        return result
    with transaction.atomic(), versi_isi_ditunda():
        if existing is None or plan_changed:
            if existing is not None:
                rencana.versi += 1
                rencana.full_clean()
            rencana.save()
        write_tree(tulis, rencana=rencana, user=user)
        if bawa_bukti:
            result.dipindahkan = carry_over(result.bukti_terdampak, bawa_bukti)
        result.diarsipkan, result.dihapus = remove_leftovers(tulis, user=user)
        changed = tulis.writes + result.diarsipkan + result.dihapus + result.dipindahkan
        if existing is not None and changed:
            versi_isi_naik(rencana.pk)
    result.rencana = rencana
    return result


def _existing_plan(satker: Satker, tahun: int, kerangka: Kerangka, replace: bool):
    """The plan a replacing import writes into (None: a new plan); refused when not allowed."""
    existing = (
        RencanaAksi.objects.filter(satker=satker, tahun=tahun, kerangka=kerangka)
        .order_by("-revisi")
        .first()
    )
    if existing and not replace:
        raise ImporLampiranError(
            f"Rencana aksi {kerangka.kode.upper()} {tahun} untuk {satker} sudah ada "
            f"(revisi {existing.revisi}). Pilih opsi ganti rencana untuk menggantinya."
        )
    if existing and existing.terkunci:
        raise ImporLampiranError(
            f"Rencana aksi {tahun} untuk {satker} sudah ditetapkan dan terkunci; "
            "buat revisi baru untuk mengubahnya."
        )
    if existing and existing.status not in STATUS_BOLEH_UBAH:
        # Same rule as editing in the browser: a plan under review is changed only after the
        # satker pulls it back to draf, so the reviewer never reviews a moving target.
        raise ImporLampiranError(
            f"Rencana aksi {tahun} untuk {satker} berstatus "
            f"{existing.get_status_display().lower()}; tarik kembali ke draf sebelum menggantinya."
        )
    return existing


def _add_warnings(hasil: HasilParse, tulis: RencanaTulis) -> None:
    """Add the writer's warnings (empty required cells) to the parse's, sorted by line."""
    if tulis.peringatan:
        # The writer's message replaces the reader's bare "Sel X kosong." for the same cell.
        bare = {(w.line, f"Sel {w.field} kosong.") for w in tulis.peringatan}
        hasil.warnings[:] = [w for w in hasil.warnings if (w.line, w.message) not in bare]
        hasil.warnings.extend(tulis.peringatan)
        hasil.warnings.sort(key=lambda w: w.line)


def _max_bytes() -> int:
    from django.conf import settings

    return settings.ZI_LAMPIRAN_MAX_BYTES


def decode_lampiran(data: bytes) -> str:
    """Decode a lampiran given as text (bytes) to text: pasted text, or a .txt read by hand.

    Accepts UTF-8 (with or without BOM) and, for older exports, Windows-1252. Raises
    ``LampiranError`` for an empty file, a file over ``settings.ZI_LAMPIRAN_MAX_BYTES``, or
    binary content (``plans.documents.decode_text``). Files in any format go through
    ``lampiran_import(data=...)`` instead, which reads Word and PDF as well.
    """
    if not data or not data.strip():
        raise LampiranError("Berkas kosong: tidak ada teks untuk diimpor.")
    if len(data) > _max_bytes():
        batas = _max_bytes() // (1024 * 1024)
        raise LampiranError(f"Berkas terlalu besar (batas {batas} MB untuk teks lampiran).")
    return decode_text(data)
