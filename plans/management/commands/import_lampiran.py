"""``manage.py import_lampiran PATH [--satker KODE] [--tahun YYYY] [--dry-run] [--json] [--replace]``.

A stable interface other tools rely on. ``PATH`` is the SK as text, Word (.docx) or digital PDF;
the reader is chosen by the file's content, not its name. With ``--json`` it prints exactly one
JSON object on stdout (see ``lampiran_json``); a document that cannot be imported exits non-zero
with a clear message on stderr and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from plans.impor.bukti import terdampak_json
from plans.lampiran import LampiranError
from plans.services.importing import lampiran_impor, resolve_satker


def lampiran_json(hasil, *, satker_kode: str, tahun: int, rencana_id: int | None) -> dict:
    """The ``--json`` document: format, satker, tahun, rencana_id, sk, counts, rows, warnings.

    ``line`` is the line of the (extracted) text; for a Word/PDF file a warning's message
    starts with the place the user finds it (``halaman 3, baris tabel 5: …``).
    """
    sk = hasil.sk
    return {
        "format": hasil.format,
        "satker": satker_kode,
        "tahun": tahun,
        "rencana_id": rencana_id,
        "sk": {
            "nomor": sk.nomor,
            "tentang": sk.tentang,
            "tanggal": sk.tanggal.isoformat() if sk.tanggal else None,
            "tempat": sk.tempat,
            "ketua": sk.ketua,
            "pejabat_salinan": sk.pejabat_salinan,
        },
        "counts": hasil.counts(),
        "rows": [
            {
                "area": r.area,
                "area_nama": r.area_nama,
                "komponen": r.komponen,
                "indikator": r.indikator,
                "langkah_aksi": r.langkah_aksi,
                "bukti_fisik": r.bukti_fisik,
                "target_waktu": r.target_waktu,
                "bulan": list(r.bulan),
                "penanggung_jawab": r.penanggung_jawab,
                "line": r.line,
            }
            for r in hasil.rows
        ],
        "warnings": [_warning_json(w) for w in hasil.warnings],
    }


def _warning_json(w) -> dict:
    """``{"line", "message"}``, plus ``field`` and ``proposed`` when the warning names a cell.

    For a Word/PDF file the message starts with the place the user finds it."""
    doc = {"line": w.line, "message": f"{w.lokasi}: {w.message}" if w.lokasi else w.message}
    if w.field:
        doc["field"] = w.field
    if w.proposed is not None:
        doc["proposed"] = w.proposed
    return doc


class Command(BaseCommand):
    help = (
        "Impor rencana aksi dari SK beserta lampirannya: teks, Word (.docx) atau PDF digital "
        "(format ZI enam kolom, ZI bulanan, RB)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas SK: .txt, .docx atau PDF digital")
        parser.add_argument("--satker", help="kode Kemendagri satker (bawaan: dari kop dokumen)")
        parser.add_argument("--tahun", type=int, help="tahun rencana (bawaan: dari dokumen)")
        parser.add_argument("--dry-run", action="store_true", help="baca dan periksa saja")
        parser.add_argument(
            "--json", action="store_true", help="cetak hasil sebagai satu objek JSON"
        )
        parser.add_argument("--replace", action="store_true", help="ganti rencana yang sudah ada")
        parser.add_argument(
            "--bawa-bukti",
            action="store_true",
            help="dengan --replace: pindahkan unggahan bukti dari baris yang teksnya berubah ke "
            "baris baru yang cocok (posisi sama, teks mirip)",
        )

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {path} ({exc.strerror}).") from exc
        try:
            result = lampiran_impor(
                data=data,
                satker=opts["satker"],
                tahun=opts["tahun"],
                replace=opts["replace"],
                dry_run=opts["dry_run"],
                sumber=path.name,
                bawa_bukti=opts["bawa_bukti"],
            )
            rencana, hasil = result.rencana, result.hasil
        except LampiranError as exc:
            where = f" (baris {exc.line})" if getattr(exc, "line", None) else ""
            raise CommandError(f"{path.name}: {exc}{where}") from exc
        except ValidationError as exc:
            raise CommandError(f"{path.name}: {' '.join(exc.messages)}") from exc
        satker = rencana.satker if rencana else resolve_satker(hasil, opts["satker"])
        tahun = rencana.tahun if rencana else (opts["tahun"] or hasil.sk.tahun)
        if opts["json"]:
            doc = lampiran_json(
                hasil,
                satker_kode=satker.kode,
                tahun=tahun,
                rencana_id=rencana.pk if rencana else None,
            )
            if opts["replace"]:
                doc["bukti_terdampak"] = terdampak_json(result.bukti_terdampak)
                doc["bukti_dipindahkan"] = result.dipindahkan
            self.stdout.write(json.dumps(doc, ensure_ascii=False))
            return
        counts = hasil.counts()
        verb = "Diperiksa (tanpa menyimpan)" if opts["dry_run"] else "Diimpor"
        self.stdout.write(
            f"{verb}: {satker} {tahun}, berkas {hasil.sumber_format}, format {hasil.format}: "
            + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
        )
        for w in hasil.warnings:
            self.stderr.write(f"peringatan {w.tempat}: {w.message}")
        self._report_evidence(result, opts)
        if rencana:
            self.stdout.write(self.style.SUCCESS(f"Rencana aksi id {rencana.pk}"))

    def _report_evidence(self, result, opts) -> None:
        """List the uploads whose rows the new document drops, and what happens to them."""
        items = result.bukti_terdampak
        if not items:
            return
        moved = bool(opts["bawa_bukti"]) and not opts["dry_run"]
        self.stdout.write(
            f"Bukti terdampak: {len(items)} baris bukti fisik dengan unggahan tidak ada lagi di "
            "dokumen baru; baris itu diarsipkan bersama unggahannya"
            + (" kecuali yang dipindahkan:" if moved else ":")
        )
        for item in items:
            files = ", ".join(
                f"{u}{' [diterima]' if getattr(u, 'status', '') == 'diterima' else ''}"
                for u in item.unggahan
            )
            self.stdout.write(f"  - [{item.lama.pk}] {item.teks}: {files}")
            if item.usulan:
                verb = "dipindahkan ke" if moved else "usul pindah ke"
                self.stdout.write(
                    f"    {verb} baris {item.usulan_baris}: {item.usulan_teks} "
                    f"(kemiripan {item.kemiripan:.0%})"
                )
            else:
                self.stdout.write("    tidak ada baris baru yang cocok; tetap di baris arsip")
        if not moved and any(item.usulan for item in items):
            self.stdout.write("Tambahkan --bawa-bukti untuk memindahkan unggahan sesuai usulan.")
        if moved:
            self.stdout.write(f"{result.dipindahkan} unggahan dipindahkan.")
