"""XLSX re-import shows what it changes, never silently reverts a browser edit, is idempotent
for new rows, and the workbook reads as the lampiran (sheet name, headers, widths)."""

from __future__ import annotations

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik
from plans.services.spreadsheet import KOLOM, H, RencanaBarisResource
from plans.spreadsheet_xlsx import ekspor_xlsx
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _plan(n: int = 3):
    return make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=n)


def _rows(data: bytes) -> tuple[list[str], list[dict]]:
    dataset = tablib.Dataset().load(data, format="xlsx")
    return dataset.headers, [dict(zip(dataset.headers, r, strict=True)) for r in dataset]


def _xlsx(headers, rows) -> bytes:
    return tablib.Dataset(*[tuple(r.values()) for r in rows], headers=headers).export("xlsx")


def _upload(client, rencana, data: bytes):
    url = reverse("plans:rencana_xlsx_impor", args=[rencana.pk])
    return client.post(url, {"berkas": SimpleUploadedFile("r.xlsx", data)})


def _save(client, rencana, preview, timpa=()):
    url = reverse("plans:rencana_xlsx_impor", args=[rencana.pk])
    data = {"langkah": "simpan", "sha": preview.context["sha"], "timpa": [str(t) for t in timpa]}
    return client.post(url, data)


def test_workbook_reads_as_the_lampiran():
    rencana = _plan(1)
    book = openpyxl.load_workbook(io.BytesIO(ekspor_xlsx(rencana)))
    sheet = book.active
    assert book.sheetnames == ["Rencana Aksi 2022"]
    header = [c.value for c in sheet[1]]
    assert header == list(KOLOM)
    assert not any("_" in h for h in header)
    assert "LANGKAH AKSI" in header
    assert "TARGET WAKTU" in header
    assert sheet.column_dimensions["F"].width >= 30  # INDIKATOR
    assert sheet.column_dimensions["A"].width <= 10  # ID
    assert sheet.freeze_panes == "A2"


def test_a_sheet_with_the_old_snake_case_headers_still_imports():
    rencana = _plan(1)
    headers, rows = _rows(ekspor_xlsx(rencana))
    old = {v: k for k, v in H.items()}
    rows[0][H["bukti_fisik"]] = "Nama dari lembar lama"
    dataset = tablib.Dataset(*[tuple(r.values()) for r in rows], headers=[old[h] for h in headers])
    result = RencanaBarisResource(rencana=rencana).import_data(dataset, dry_run=False)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert BuktiFisik.objects.filter(nama="Nama dari lembar lama").exists()


def test_preview_lists_new_changed_and_missing_rows_with_before_and_after(client, member):
    rencana = _plan(3)
    client.force_login(member("operator"))
    headers, rows = _rows(ekspor_xlsx(rencana))
    old_name = rows[0][H["bukti_fisik"]]
    rows[0][H["bukti_fisik"]] = "Notulen rapat diperbarui"
    missing = rows.pop(2)
    rows.append({**rows[1], H["id"]: "", H["versi"]: "", H["bukti_fisik"]: "Bukti tambahan"})
    preview = _upload(client, rencana, _xlsx(headers, rows))
    assert preview.status_code == 200
    changed = preview.context["diubah"]
    assert [(p.id, p.kolom) for p in changed] == [
        (int(rows[0][H["id"]]), [("Bukti fisik", old_name, "Notulen rapat diperbarui")])
    ]
    assert [p.nama for p in preview.context["baru"]] == ["Bukti tambahan"]
    assert [b.pk for b in preview.context["dihapus"]] == [int(missing[H["id"]])]
    text = preview.text
    assert old_name in text
    assert "Notulen rapat diperbarui" in text
    assert "Tidak ada di berkas" in text
    assert not BuktiFisik.objects.filter(nama="Bukti tambahan").exists()  # a preview writes nothing


def test_importing_the_same_file_twice_adds_its_new_rows_once(client, member):
    rencana = _plan(2)
    client.force_login(member("operator"))
    headers, rows = _rows(ekspor_xlsx(rencana))
    rows.append({**rows[0], H["id"]: "", H["versi"]: "", H["bukti_fisik"]: "Bukti baru sekali"})
    data = _xlsx(headers, rows)
    for _ in range(2):
        preview = _upload(client, rencana, data)
        assert preview.context["errors"] == []
        assert _save(client, rencana, preview).status_code == 302
    assert BuktiFisik.objects.filter(nama="Bukti baru sekali").count() == 1
    # The second preview already said there was nothing new, nor anything changed.
    assert preview.context["baru"] == []
    assert preview.context["diubah"] == []
    assert preview.context["totals"]["update"] == 0


def _edit_in_browser(client, rencana, bukti, **fields):
    bukti.refresh_from_db()
    data = {
        "nama": bukti.nama,
        "target_waktu": bukti.target_waktu,
        "penanggung_jawab": bukti.penanggung_jawab,
        "jadwal": "",
        "tenggat": "",
        "versi": bukti.versi,
        **fields,
    }
    url = reverse("plans:baris_ubah", args=[rencana.pk, "bukti", bukti.pk])
    assert client.post(url, data).status_code == 302


def test_a_row_edited_in_the_browser_after_export_is_not_reverted_unless_confirmed(client, member):
    rencana = _plan(2)
    client.force_login(member("operator"))
    exported = ekspor_xlsx(rencana)  # the sheet holds the old text of every row
    bukti = BuktiFisik.objects.order_by("pk").first()
    _edit_in_browser(client, rencana, bukti, penanggung_jawab="Subbag Teknis (baru)")
    preview = _upload(client, rencana, exported)
    (konflik,) = preview.context["konflik"]
    assert konflik.id == bukti.pk
    assert ("Penanggung jawab", "Subbag Teknis (baru)", "") in konflik.kolom
    assert "tidak</strong> disimpan kecuali Anda mencentangnya" in preview.text
    assert _save(client, rencana, preview).status_code == 302
    assert BuktiFisik.objects.get(pk=bukti.pk).penanggung_jawab == "Subbag Teknis (baru)"
    # Confirmed: the file's value wins.
    preview = _upload(client, rencana, exported)
    assert _save(client, rencana, preview, timpa=[bukti.pk]).status_code == 302
    assert BuktiFisik.objects.get(pk=bukti.pk).penanggung_jawab == ""


def test_an_edit_between_preview_and_save_is_a_409_and_nothing_is_written(client, member):
    rencana = _plan(2)
    client.force_login(member("operator"))
    headers, rows = _rows(ekspor_xlsx(rencana))
    rows[0][H["bukti_fisik"]] = "Perubahan dari lembar kerja"
    preview = _upload(client, rencana, _xlsx(headers, rows))
    assert preview.context["konflik"] == []
    other = BuktiFisik.objects.get(pk=int(rows[1][H["id"]]))
    _edit_in_browser(client, rencana, other, nama="Diubah di peramban sesudah pratinjau")
    response = _save(client, rencana, preview)
    assert response.status_code == 409
    assert [k.id for k in response.context["konflik"]] == [other.pk]
    assert not BuktiFisik.objects.filter(nama="Perubahan dari lembar kerja").exists()
    assert BuktiFisik.objects.get(pk=other.pk).nama == "Diubah di peramban sesudah pratinjau"


def test_an_import_bumps_the_version_so_a_stale_browser_form_is_refused(client, member):
    rencana = _plan(1)
    client.force_login(member("operator"))
    bukti = BuktiFisik.objects.get()
    opened = bukti.versi
    headers, rows = _rows(ekspor_xlsx(rencana))
    rows[0][H["bukti_fisik"]] = "Dari lembar kerja"
    preview = _upload(client, rencana, _xlsx(headers, rows))
    assert _save(client, rencana, preview).status_code == 302
    assert BuktiFisik.objects.get().versi == opened + 1
    url = reverse("plans:baris_ubah", args=[rencana.pk, "bukti", bukti.pk])
    stale = client.post(
        url, {"nama": "Form lama", "target_waktu": "", "penanggung_jawab": "", "versi": opened}
    )
    assert stale.status_code == 409
    assert BuktiFisik.objects.get().nama == "Dari lembar kerja"


def test_admin_export_has_a_named_sheet_and_lampiran_headers():
    from plans.resources import BuktiFisikResource

    rencana = _plan(1)
    queryset = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana})
    resource = BuktiFisikResource(queryset=queryset)
    data = resource.export().export("xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Bukti fisik"]
    header = [c.value for c in book.active[1]]
    assert "BUKTI FISIK" in header
    assert not any("_" in h for h in header)
    headers, rows = _rows(data)
    rows[0]["TARGET WAKTU"] = "April, Juli 2022"
    rows[0]["PELAKSANAAN BULAN"] = ""
    result = BuktiFisikResource(queryset=queryset).import_data(
        tablib.Dataset(*[tuple(r.values()) for r in rows], headers=headers), dry_run=False
    )
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert BuktiFisik.objects.get().bulan == [4, 7]
