"""The evaluators' workbook: export an LKE into the master's cells, read it back.

Export: sheet ``Jawaban`` holds every question on its master row (``excel_baris``) with the
unit's answer, note and bukti dukung (signed download links, ``;``-separated) and the TPI's
answer and note in the master's columns; columns A–E repeat the question (id, sub area,
question, answer type, criterion) so the sheet is readable and a moved row is detected. Sheet
``Ringkasan`` shows the unit's and the TPI's scores and verdicts; the hidden sheet ``Meta``
records satker, year, master digest and the answers' version stamp (optimistic locking).

Import reads the unit's or the TPI's columns back: counts and indices as numbers, letters and
Ya/Tidak as text. A workbook of another satker or year, with a moved row or a stale version
stamp, or with one answer outside its type is refused as a whole, naming every problem.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from access.permissions import require
from lke.models import JawabanLke, Lke
from lke.scoring import Hasil, bulat, nama_polos
from lke.selectors import TPI, UNIT, jawaban_rows, skor
from lke.services import LkeTerkunci, bukti_sah, periksa
from lke.signing import baca_tautan, tautan_bukti

SHEET = "Jawaban"
HEADER_ROW = 5
CONTEXT = ("No. soal", "Sub area", "Pertanyaan", "Jenis jawaban", "Kriteria nilai")
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")
WRAP = Alignment(wrap_text=True, vertical="top")


def cap(lke: Lke) -> int:
    """The answers' version stamp: changes whenever any answer of the LKE is saved."""
    total = JawabanLke.objects.filter(lke=lke).aggregate(s=Sum("versi"))["s"] or 0
    return int(total) + lke.versi


def _safe(text: str) -> str:
    # A note starting with "=" would become a formula in the evaluators' spreadsheet program.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _cell_value(soal_jenis: str, text: str):
    if not text:
        return None
    if soal_jenis.casefold() in ("jumlah", "0-4"):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def _ringkasan_sheet(wb: Workbook, lke: Lke, hasil: dict[str, Hasil]) -> None:
    ws = wb.create_sheet("Ringkasan", 0)
    ws.append([f"Ringkasan LKE Zona Integritas {lke.tahun} — {lke.satker.nama}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Status: {lke.get_status_display()}; pengajuan ke-{lke.pengajuan}"])
    ws.append([])
    ws.append(["Komponen / area", "Bobot", "Nilai unit", "% unit", "Nilai TPI", "% TPI"])
    for c in ws[4]:
        c.font, c.fill = BOLD, HEAD_FILL
    unit, tpi = hasil[UNIT], hasil[TPI]
    ws.append(["Nilai total", unit.bobot["total"], bulat(unit.total), None, bulat(tpi.total), None])
    ws.append(
        [
            "Pengungkit",
            unit.bobot["pengungkit"],
            bulat(unit.pengungkit),
            None,
            bulat(tpi.pengungkit),
            None,
        ]
    )
    for nama, area in unit.area.items():
        t = tpi.area[nama]
        ws.append([f"  {nama}", area.bobot, bulat(area.nilai), bulat(area.persen),
                   bulat(t.nilai), bulat(t.persen)])  # fmt: skip
    ws.append(["Hasil", unit.bobot["hasil"], bulat(unit.hasil), None, bulat(tpi.hasil), None])
    ws.append([])
    for label, key in (("WBK", "wbk"), ("WBBM", "wbbm")):
        ws.append([f"Syarat {label}", "Batas", "Unit", "Lulus (unit)", "TPI", "Lulus (TPI)"])
        for c in ws[ws.max_row]:
            c.font, c.fill = BOLD, HEAD_FILL
        for ku, kt in zip(getattr(unit, key).kriteria, getattr(tpi, key).kriteria, strict=True):
            ws.append([ku.nama, bulat(ku.batas), bulat(ku.nilai),
                       "Ya" if ku.lulus else "Tidak", bulat(kt.nilai),
                       "Ya" if kt.lulus else "Tidak"])  # fmt: skip
        ws.append(["Kesimpulan", None, None, "LULUS" if getattr(unit, key).lulus else "BELUM",
                   None, "LULUS" if getattr(tpi, key).lulus else "BELUM"])  # fmt: skip
        ws.append([])
    ws.column_dimensions["A"].width = 48
    for col in "BCDEF":
        ws.column_dimensions[col].width = 13


def workbook_ekspor(*, lke: Lke, base_url: str) -> bytes:
    """The LKE as an XLSX workbook (bytes); ``base_url`` prefixes the signed evidence links."""
    rows = jawaban_rows(lke)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = f"LEMBAR KERJA EVALUASI ZONA INTEGRITAS TAHUN {lke.tahun}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Unit kerja: {lke.satker.nama} (kode {lke.satker.kode})"
    ws["A3"] = f"Master soal {lke.master.tahun} versi {lke.master.versi}"
    first = rows[0].soal if rows else None
    headers = dict(zip("ABCDE", CONTEXT, strict=True))
    if first is not None:
        headers.update({
            first.kolom_jawaban_unit: "Jawaban unit", first.kolom_catatan_unit: "Catatan unit",
            first.kolom_bukti_dukung_unit: "Bukti dukung unit",
            first.kolom_jawaban_tpi: "Jawaban TPI", first.kolom_catatan_tpi: "Catatan TPI",
        })  # fmt: skip
    for col, label in headers.items():
        cell = ws[f"{col}{HEADER_ROW}"]
        cell.value, cell.font, cell.fill = label, BOLD, HEAD_FILL
    for r in rows:
        s, n = r.soal, r.soal.excel_baris
        ws = wb[s.excel_sheet] if s.excel_sheet in wb.sheetnames else wb.create_sheet(s.excel_sheet)
        ws[f"A{n}"] = s.id_master
        ws[f"B{n}"] = nama_polos(s.node.nama)
        ws[f"C{n}"] = s.teks
        ws[f"D{n}"] = s.jenis_jawaban
        ws[f"E{n}"] = s.kriteria
        ws[f"{s.kolom_jawaban_unit}{n}"] = _cell_value(s.jenis_jawaban, r.jawaban_unit)
        ws[f"{s.kolom_catatan_unit}{n}"] = _safe(r.catatan_unit) or None
        links = [tautan_bukti(u, base_url) for u in r.bukti.all()]
        ws[f"{s.kolom_bukti_dukung_unit}{n}"] = ";".join(links) or None
        ws[f"{s.kolom_jawaban_tpi}{n}"] = _cell_value(s.jenis_jawaban, r.jawaban_tpi)
        ws[f"{s.kolom_catatan_tpi}{n}"] = _safe(r.catatan_tpi) or None
        for col in "BCE":
            ws[f"{col}{n}"].alignment = WRAP
    ws = wb[SHEET]
    for col, width in zip("ABCDE", (9, 30, 60, 12, 50), strict=True):
        ws.column_dimensions[col].width = width
    _ringkasan_sheet(wb, lke, {UNIT: skor(lke, UNIT, rows), TPI: skor(lke, TPI, rows)})
    meta = wb.create_sheet("Meta")
    for key, value in (("satker", lke.satker.kode), ("tahun", lke.tahun),
                       ("master", lke.master.sha256), ("cap", cap(lke))):  # fmt: skip
        meta.append([key, value])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass
class PratinjauImpor:
    """What an import would change: ``(jawaban, {field: new value}, bukti or None)`` per row."""

    perubahan: list[tuple[JawabanLke, dict[str, str], list | None]] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    tidak_berubah: int = 0


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return text[1:] if text.startswith("'") else text


def _meta(wb) -> dict:
    if "Meta" not in wb.sheetnames:
        return {}
    return {row[0]: row[1] for row in wb["Meta"].iter_rows(values_only=True) if row and row[0]}


def _meta_galat(wb: Workbook, lke: Lke) -> str | None:
    """Why the workbook's hidden ``Meta`` sheet refuses it for ``lke``, or ``None``.

    Refuses another satker or year, and a version stamp other than ``cap(lke)`` (answers
    changed since the download: optimistic locking). A workbook without ``Meta`` passes.
    """
    meta = _meta(wb)
    if not meta:
        return None
    if str(meta.get("satker")) != lke.satker.kode or str(meta.get("tahun")) != str(lke.tahun):
        return (
            f"Lembar kerja ini untuk satker {meta.get('satker')} tahun {meta.get('tahun')}, "
            f"bukan {lke.satker.kode} tahun {lke.tahun}."
        )
    if meta.get("cap") is not None and str(meta["cap"]) != str(cap(lke)):
        return (
            "Jawaban LKE ini telah diubah sejak lembar kerja diunduh. Unduh ulang lembar "
            "kerja terbaru dan ulangi perubahan Anda."
        )
    return None


def _baca_bukti(r: JawabanLke, ws) -> list[int] | None:
    """The upload ids linked in the unit's bukti dukung cell of ``r`` (sorted), or ``None``
    when they are the ones already attached.

    Raises ``ValidationError`` naming the cell when a link is not one we signed.
    """
    s, n = r.soal, r.soal.excel_baris
    links = [x for x in _text(ws[f"{s.kolom_bukti_dukung_unit}{n}"].value).split(";") if x.strip()]
    try:
        bukti = sorted(baca_tautan(x) for x in links)
    except signing.BadSignature as exc:
        raise ValidationError(
            f"Sel {s.kolom_bukti_dukung_unit}{n}: tautan bukti dukung tidak dikenali."
        ) from exc
    return None if bukti == sorted(u.pk for u in r.bukti.all()) else bukti


def _baca_baris(r: JawabanLke, ws, penilai: str) -> tuple[dict[str, str], list[int] | None]:
    """Read ``penilai``'s cells of answer row ``r`` from sheet ``ws``.

    Returns ``({"jawaban_<penilai>": …, "catatan_<penilai>": …}, bukti)`` where ``bukti`` is
    the new list of upload ids (unit only) or ``None`` when unchanged. Raises
    ``ValidationError`` with one Indonesian message naming the cell: column A not the
    expected question (moved row), an answer outside its type, an unknown evidence link.
    """
    s, n = r.soal, r.soal.excel_baris
    found = ws[f"A{n}"].value
    if str(found).strip() != str(s.id_master):
        raise ValidationError(
            f"Sel A{n} harus memuat soal {s.id_master}, berisi “{found or ''}”: baris "
            "lembar kerja bergeser atau bukan dari tahun ini."
        )
    kolom_jawaban = s.kolom_jawaban_unit if penilai == UNIT else s.kolom_jawaban_tpi
    kolom_catatan = s.kolom_catatan_unit if penilai == UNIT else s.kolom_catatan_tpi
    try:
        baru = {
            f"jawaban_{penilai}": periksa(r, ws[f"{kolom_jawaban}{n}"].value),
            f"catatan_{penilai}": _text(ws[f"{kolom_catatan}{n}"].value),
        }
    except ValidationError as exc:
        raise ValidationError(f"Sel {kolom_jawaban}{n}: {' '.join(exc.messages)}") from exc
    bukti = _baca_bukti(r, ws) if penilai == UNIT else None
    return baru, bukti


def workbook_baca(*, lke: Lke, data: bytes, penilai: str) -> PratinjauImpor:
    """Read a workbook for ``lke`` → ``PratinjauImpor`` (nothing is written).

    Refusals (``galat``, Indonesian, with the cell): not an XLSX file, another satker/year,
    a stale version stamp, a missing sheet, a row whose column A is not the expected question
    (moved cells), an answer outside its type, an evidence link that is not ours.
    """
    result = PratinjauImpor()
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
        result.galat.append("Berkas bukan lembar kerja XLSX yang dapat dibaca.")
        return result
    galat = _meta_galat(wb, lke)
    if galat:
        result.galat.append(galat)
        return result
    for r in jawaban_rows(lke):
        if r.soal.excel_sheet not in wb.sheetnames:
            result.galat.append(f"Lembar “{r.soal.excel_sheet}” tidak ada.")
            return result
        try:
            baru, bukti = _baca_baris(r, wb[r.soal.excel_sheet], penilai)
        except ValidationError as exc:
            result.galat.extend(exc.messages)
            continue
        if all(getattr(r, k) == v for k, v in baru.items()) and bukti is None:
            result.tidak_berubah += 1
        else:
            result.perubahan.append((r, baru, bukti))
    return result


@transaction.atomic
def workbook_impor(
    *, lke: Lke, data: bytes, penilai: str, user=None, dry_run: bool = False
) -> PratinjauImpor:
    """Import a workbook's answers of ``penilai`` into ``lke``: all or nothing.

    ``user`` None is the command line (the operator of the server); otherwise the user needs
    ``lke.isi`` (unit) or ``lke.tinjau`` (TPI). The unit's answers need a draft LKE, the TPI's
    a submitted one (``LkeTerkunci``). With ``dry_run`` or any ``galat`` nothing is written.
    """
    if user is not None:
        require(user, "lke.isi" if penilai == UNIT else "lke.tinjau", lke.satker)
    wanted = Lke.Status.DRAF if penilai == UNIT else Lke.Status.DIAJUKAN
    if lke.status != wanted:
        raise LkeTerkunci(
            f"Jawaban {'unit' if penilai == UNIT else 'TPI'} tidak dapat diimpor: LKE berstatus "
            f"{lke.get_status_display().lower()}.",
            code="status",
        )
    pratinjau = workbook_baca(lke=lke, data=data, penilai=penilai)
    if dry_run or pratinjau.galat:
        return pratinjau
    for jawaban, baru, bukti in pratinjau.perubahan:
        for key, value in baru.items():
            setattr(jawaban, key, value)
        jawaban.versi += 1
        jawaban.save(update_fields=[*baru, "versi", "diubah"])
        if bukti is not None:
            jawaban.bukti.set(bukti_sah(lke, bukti))
    return pratinjau
