"""Plan list, plan page and import page in the browser."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik, RencanaAksi
from plans.services.importing import lampiran_import
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_login_required(client):
    response = client.get(reverse("plans:rencana_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_list_shows_only_visible_plans(client, member):
    make_plan(satker_kode="3319", areas=1)
    make_plan(satker_kode="3376", areas=1)
    client.force_login(member("operator", "3319"))
    response = client.get(reverse("plans:rencana_list"))
    assert response.status_code == 200
    assert "KPU Kabupaten Kudus" in response.text
    assert "KPU Kota Tegal" not in response.text


def test_reviewer_sees_every_satker_of_the_province(client, member):
    make_plan(satker_kode="3319", areas=1)
    make_plan(satker_kode="3376", areas=1)
    client.force_login(member("reviewer_provinsi", "33"))
    response = client.get(reverse("plans:rencana_list"))
    assert "KPU Kabupaten Kudus" in response.text
    assert "KPU Kota Tegal" in response.text


def test_plan_page_of_another_satker_is_404(client, member):
    rencana = make_plan(satker_kode="3376", areas=1)
    client.force_login(member("tim_zi", "3319"))
    assert client.get(reverse("plans:rencana_detail", args=[rencana.pk])).status_code == 404


def test_plan_page_lays_out_the_kudus_lampiran(client, member, sample_text):
    rencana, hasil = lampiran_import(text=sample_text("kudus"))
    client.force_login(member("operator", "3319"))
    response = client.get(reverse("plans:rencana_detail", args=[rencana.pk]))
    html = response.text
    assert response.status_code == 200
    assert "PENATAAN TATA LAKSANA" in html
    assert "TARGET WAKTU" in html
    # The komponen cell spans its indikator rows, as in the SK.
    assert 'rowspan="2"' in html
    positions = [html.index(r.bukti_fisik.split("\n")[0][:40]) for r in hasil.rows[:10]]
    assert positions == sorted(positions)


def test_monthly_plan_page_has_the_check_grid(client, member, sample_text):
    rencana, _ = lampiran_import(text=sample_text("karanganyar"))
    client.force_login(member("operator", "3313"))
    html = client.get(reverse("plans:rencana_detail", args=[rencana.pk])).text
    assert "PELAKSANAAN BULAN" in html
    assert "PENANGGUNG JAWAB" in html
    assert html.count('class="bulan aktif"') == sum(len(b.bulan) for b in BuktiFisik.objects.all())


def test_plan_page_query_count_does_not_grow(client, member, django_assert_max_num_queries):
    small = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    big = make_plan(tahun=2023, areas=6, komponen_per_area=5, indikator_per_komponen=10)
    assert BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): big}).count() == 300
    client.force_login(member("operator", "3319"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        client.get(reverse("plans:rencana_detail", args=[small.pk]))
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(reverse("plans:rencana_detail", args=[big.pk]))
    assert response.status_code == 200


def test_import_page_forbidden_without_import_right(client, member):
    client.force_login(member("kasubbag", "3319"))
    assert client.get(reverse("plans:impor")).status_code == 403


def test_import_preview_then_confirm(client, member, sample_text):
    client.force_login(member("operator", "3319"))
    upload = SimpleUploadedFile(
        "kudus.txt", sample_text("kudus").encode(), content_type="text/plain"
    )
    preview = client.post(reverse("plans:impor"), {"langkah": "pratinjau", "berkas": upload})
    assert preview.status_code == 200
    assert "Pratinjau impor" in preview.text
    assert "11/HK.03.1/3319/2022" in preview.text
    assert RencanaAksi.objects.count() == 0, "the preview writes nothing"
    form = preview.context["konfirmasi"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["langkah"] = "simpan"
    data["ganti"] = ""
    saved = client.post(reverse("plans:impor"), data)
    rencana = RencanaAksi.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("plans:rencana_detail", args=[rencana.pk])


def test_import_of_another_satkers_document_is_refused(client, member, sample_text):
    client.force_login(member("operator", "3319"))
    response = client.post(
        reverse("plans:impor"), {"langkah": "pratinjau", "teks": sample_text("tegal")}
    )
    assert response.status_code == 200
    assert "tidak berhak" in response.text
    assert RencanaAksi.objects.count() == 0


def test_tampered_confirmation_is_refused(client, member, sample_text):
    client.force_login(member("operator", "3376"))
    preview = client.post(
        reverse("plans:impor"), {"langkah": "pratinjau", "teks": sample_text("tegal")}
    )
    token = preview.context["konfirmasi"].initial["token"]
    data = {"langkah": "simpan", "token": token[:-3] + "abc"}
    response = client.post(reverse("plans:impor"), data, follow=True)
    assert "Formulir tidak sah" in response.text
    assert RencanaAksi.objects.count() == 0


def test_bad_document_shows_error_and_writes_nothing(client, member):
    client.force_login(member("operator", "3319"))
    upload = SimpleUploadedFile(
        "foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", content_type="text/plain"
    )
    response = client.post(reverse("plans:impor"), {"langkah": "pratinjau", "berkas": upload})
    assert response.status_code == 200
    assert "Berkas ini gambar (PNG)" in response.text
    assert RencanaAksi.objects.count() == 0


def test_pasted_table_alone_needs_satker_and_year_then_imports(client, member, sample_text):
    client.force_login(member("tim_zi", "3376"))
    text = sample_text("tegal")
    table = text[text.index("NO\tKOMPONEN") : text.index("**KETUA KOMISI")]
    missing = client.post(reverse("plans:impor"), {"langkah": "pratinjau", "teks": table})
    assert "tidak dikenal" in missing.text or "Tahun" in missing.text
    assert RencanaAksi.objects.count() == 0
    preview = client.post(
        reverse("plans:impor"), {"langkah": "pratinjau", "teks": table, "satker": "", "tahun": 2023}
    )
    assert "pilih satker" in preview.text
    kota_tegal = preview.context["form"].fields["satker"].queryset.get(kode="3376")
    preview = client.post(
        reverse("plans:impor"),
        {"langkah": "pratinjau", "teks": table, "satker": kota_tegal.pk, "tahun": 2023},
    )
    assert preview.status_code == 200
    assert "Pratinjau impor" in preview.text
    form = preview.context["konfirmasi"]
    data = {name: form.initial.get(name, "") for name in form.fields} | {
        "langkah": "simpan",
        "ganti": "",
    }
    client.post(reverse("plans:impor"), data)
    rencana = RencanaAksi.objects.get()
    assert (rencana.satker.kode, rencana.tahun, rencana.sk_nomor) == ("3376", 2023, "")
    assert BuktiFisik.objects.count() == 70


def test_plan_page_tabs_link_the_other_apps_pages_by_capability(client, member):
    rencana = make_plan(areas=1)
    client.force_login(member("operator", "3319"))
    html = client.get(reverse("plans:rencana_detail", args=[rencana.pk])).text
    assert reverse("evidence:rencana_bukti", args=[rencana.pk]) in html
    assert reverse("monitoring:monev_list", args=[rencana.pk]) in html
    evidence_page = client.get(reverse("evidence:rencana_bukti", args=[rencana.pk])).text
    assert reverse("plans:rencana_detail", args=[rencana.pk]) in evidence_page
