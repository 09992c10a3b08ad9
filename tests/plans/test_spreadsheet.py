"""XLSX round trip of a plan's rows: identical back, every row error named, nothing half-written."""

from __future__ import annotations

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik, Indikator, RencanaAksi
from plans.services.importing import lampiran_import
from plans.services.spreadsheet import KOLOM, H, RencanaBarisResource
from plans.spreadsheet_xlsx import ekspor_xlsx

pytestmark = pytest.mark.django_db


def _rows(rencana):
    """Everything the sheet carries, in document order, as plain tuples."""
    return [
        tuple(r)
        for r in BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana})
        .order_by(
            tree.lookup("bukti", "area", "urutan"),
            tree.lookup("bukti", "komponen", "urutan"),
            tree.lookup("bukti", "indikator", "urutan"),
            "langkah_aksi__urutan",
            "urutan",
        )
        .values_list(
            "pk",
            tree.lookup("bukti", "area", "nomor"),
            tree.lookup("bukti", "komponen", "nama"),
            tree.lookup("bukti", "indikator", "nama"),
            "langkah_aksi__nama",
            "nama",
            "target_waktu",
            "bulan",
            "minggu",
            "penanggung_jawab",
        )
    ]


def _xlsx(rencana) -> bytes:
    return ekspor_xlsx(rencana)


def _load(data: bytes) -> tablib.Dataset:
    return tablib.Dataset().load(data, format="xlsx")


def test_round_trip_of_the_kudus_sample_is_identical(sample_text):
    rencana, _ = lampiran_import(text=sample_text("kudus"))
    before = _rows(rencana)
    versions = list(BuktiFisik.objects.order_by("pk").values_list("versi", flat=True))
    result = RencanaBarisResource(rencana=rencana).import_data(
        _load(_xlsx(rencana)), dry_run=False, rollback_on_validation_errors=True
    )
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == len(before)
    assert result.totals["update"] == 0
    assert _rows(rencana) == before
    assert list(BuktiFisik.objects.order_by("pk").values_list("versi", flat=True)) == versions


def test_export_neutralises_formulas_and_import_restores_the_text(member):
    from tests.factories import make_plan

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    BuktiFisik.objects.update(
        nama='=HYPERLINK("http://evil.example","klik")', penanggung_jawab="@SUM(A1)"
    )
    data = _xlsx(rencana)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    assert header == list(KOLOM)
    cell = sheet.cell(row=2, column=header.index(H["bukti_fisik"]) + 1)
    assert cell.data_type == "s"
    assert cell.value.startswith("'=HYPERLINK")
    before = _rows(rencana)
    RencanaBarisResource(rencana=rencana).import_data(_load(data), dry_run=False)
    assert _rows(rencana) == before


def test_edits_and_new_rows_come_in(member):
    from tests.factories import make_plan

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)
    dataset = _load(_xlsx(rencana))
    first = dict(zip(dataset.headers, dataset[0], strict=True))
    dataset[0] = tuple(
        {**first, H["target_waktu"]: "April, Juli 2022", H["indikator"]: "Indikator baru"}.values()
    )
    dataset.append(
        tuple(
            {
                **first,
                H["id"]: "",
                H["indikator"]: "Indikator baru",
                H["bukti_fisik"]: "Bukti tambahan",
                H["bulan"]: "",
            }.values()
        )
    )
    result = RencanaBarisResource(rencana=rencana).import_data(dataset, dry_run=False)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    edited = BuktiFisik.objects.get(pk=first[H["id"]])
    assert edited.bulan == [4, 7]
    assert edited.langkah_aksi.indikator.nama == "Indikator baru"
    added = BuktiFisik.objects.get(nama="Bukti tambahan")
    assert added.langkah_aksi_id == edited.langkah_aksi_id
    assert Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): rencana}).count() == 2


def test_any_bad_row_writes_nothing_and_every_error_has_its_row(client, member):
    from tests.factories import make_plan

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=3)
    other = make_plan(satker_kode="3376", areas=1, komponen_per_area=1, indikator_per_komponen=1)
    foreign = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): other}).first()
    dataset = _load(_xlsx(rencana))
    rows = [dict(zip(dataset.headers, r, strict=True)) for r in dataset]
    rows[0][H["bukti_fisik"]] = "perubahan yang sah"
    rows[1][H["bulan"]] = "3, 13"
    rows[2][H["id"]] = str(foreign.pk)
    bad = tablib.Dataset(*[tuple(r.values()) for r in rows], headers=dataset.headers)
    before = _rows(rencana)
    client.force_login(member("operator"))
    url = reverse("plans:rencana_xlsx_impor", args=[rencana.pk])
    upload = SimpleUploadedFile("r.xlsx", bad.export("xlsx"))
    response = client.post(url, {"berkas": upload})
    assert response.status_code == 200
    errors = response.context["errors"]
    assert any(e.startswith("Baris 3:") and "13" in e for e in errors)
    assert any(e.startswith("Baris 4:") and "bukan bukti fisik rencana ini" in e for e in errors)
    assert len(errors) == 2
    assert _rows(rencana) == before
    # The confirm step cannot be forced without a clean preview.
    client.post(url, {"langkah": "simpan", "sha": "x"})
    assert _rows(rencana) == before
    assert BuktiFisik.objects.get(pk=foreign.pk).nama == foreign.nama


def test_browser_round_trip_preview_then_confirm(client, member):
    from tests.factories import make_plan

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    client.force_login(member("operator"))
    data = client.get(reverse("plans:rencana_xlsx", args=[rencana.pk])).content
    dataset = _load(data)
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    dataset[0] = tuple({**row, H["bukti_fisik"]: "Notulen rapat (diperbarui)"}.values())
    url = reverse("plans:rencana_xlsx_impor", args=[rencana.pk])
    preview = client.post(url, {"berkas": SimpleUploadedFile("r.xlsx", dataset.export("xlsx"))})
    assert preview.context["errors"] == []
    assert preview.context["totals"]["update"] == 1
    assert not BuktiFisik.objects.filter(nama="Notulen rapat (diperbarui)").exists()
    client.post(url, {"langkah": "simpan", "sha": preview.context["sha"]})
    assert BuktiFisik.objects.get(pk=row[H["id"]]).nama == "Notulen rapat (diperbarui)"
    assert RencanaAksi.objects.get(pk=rencana.pk).status == "draf"
