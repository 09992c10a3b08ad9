"""The XLSX workbook of a plan's rows as a person opens it (``plans.services.spreadsheet`` has the columns
and the import rules)."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from plans.models import RencanaAksi
from plans.services.spreadsheet import H, RencanaBarisResource

#: Column widths in characters (texts wrap inside; numbers and codes stay narrow).
_LEBAR = {"id": 8, "area": 9, "area_judul": 28, "komponen_nomor": 8, "komponen": 28,
          "indikator": 40, "langkah_aksi": 40, "bukti_fisik": 40, "target_waktu": 22,
          "bulan": 14, "penanggung_jawab": 24, "versi": 8}  # fmt: skip


def ekspor_xlsx(rencana: RencanaAksi) -> bytes:
    """The plan's rows as an XLSX workbook: one sheet named after the plan (``Rencana Aksi
    2022``), the lampiran's column names as a bold, frozen header row, sensible widths and
    wrapped text. Cells are formula-safe (``safe_cell``)."""
    dataset = RencanaBarisResource(rencana=rencana).export()
    dataset.title = f"Rencana Aksi {rencana.tahun}"[:31]
    book = load_workbook(io.BytesIO(dataset.export("xlsx")))
    sheet = book.active
    for index, key in enumerate(H, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = _LEBAR[key]
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
