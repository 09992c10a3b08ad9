"""The Django admin for non-superusers: scoped to their satker, permissions from ``can``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from access.models import Keanggotaan, Satker
from plans import tree
from plans.models import Indikator, RencanaAksi
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    own = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    other = make_plan(satker_kode="3376", areas=1, komponen_per_area=1, indikator_per_komponen=1)
    return own, other


def _staff(member, peran, kode="3319"):
    user = member(peran, kode)
    user.is_staff = True
    user.save()
    return user


def test_tim_zi_reads_its_satker_in_the_admin_but_cannot_write_plan_rows(client, member, plans):
    own, other = plans
    client.force_login(_staff(member, "tim_zi"))
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Rencana aksi" in index.text
    listing = client.get(reverse("admin:plans_rencanaaksi_changelist"))
    assert "Kudus" in listing.text
    assert "Kota Tegal" not in listing.text
    assert client.get(reverse("admin:plans_rencanaaksi_change", args=[own.pk])).status_code == 200
    assert client.get(reverse("admin:plans_rencanaaksi_change", args=[other.pk])).status_code == 302
    indikator = Indikator.objects.get(**{tree.lookup("indikator", "rencana"): own})
    url = reverse("admin:plans_indikator_change", args=[indikator.pk])
    response = client.post(
        url,
        {"komponen": indikator.komponen_id, "nama": "Diubah di admin", "urutan": 0,
         "langkah_aksi-TOTAL_FORMS": 0, "langkah_aksi-INITIAL_FORMS": 0},
    )  # fmt: skip
    # The browser editor (review lock, versi, history) is the members' only write path.
    assert response.status_code == 403
    assert Indikator.objects.get(pk=indikator.pk).nama != "Diubah di admin"


def test_reader_staff_can_view_but_not_change(client, member, plans):
    own, _ = plans
    client.force_login(_staff(member, "kasubbag"))
    url = reverse("admin:plans_rencanaaksi_change", args=[own.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert client.post(url, {"judul": "x"}).status_code == 403
    assert RencanaAksi.objects.get(pk=own.pk).judul != "x"


def test_locked_plan_is_read_only_in_the_admin(client, member, plans):
    own, _ = plans
    RencanaAksi.objects.filter(pk=own.pk).update(status="ditetapkan")
    client.force_login(_staff(member, "tim_zi"))
    page = client.get(reverse("admin:plans_rencanaaksi_change", args=[own.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert client.get(reverse("admin:plans_rencanaaksi_delete", args=[own.pk])).status_code == 403


def test_operator_cannot_set_the_status_in_the_admin(client, member, plans):
    own, _ = plans
    client.force_login(_staff(member, "operator"))
    page = client.get(reverse("admin:plans_rencanaaksi_change", args=[own.pk]))
    assert page.status_code == 200
    assert 'name="status"' not in page.text


def test_tim_zi_cannot_change_the_identity_or_hierarchy_of_its_satker(client, member, plans):
    client.force_login(_staff(member, "tim_zi"))
    kudus = Satker.objects.get(kode="3319")
    url = reverse("admin:access_satker_change", args=[kudus.pk])
    response = client.post(
        url,
        {"kode": "9999", "jenis": "provinsi", "wilayah": "Lepas", "induk": "",
         "kota_penetapan": "Kudus", "ketua_nama": "Ketua Baru", "sekretaris_nama": "",
         "pejabat_salinan_nama": "", "pejabat_salinan_jabatan": "Kasubbag"},
    )  # fmt: skip
    assert response.status_code == 302
    kudus.refresh_from_db()
    assert (kudus.kode, kudus.jenis, kudus.wilayah, kudus.induk.kode) == (
        "3319", "kabupaten", "Kudus", "33",
    )  # fmt: skip
    assert kudus.ketua_nama == "Ketua Baru"  # its signatories stay the Tim ZI's to correct


def test_no_satker_account_deletes_a_plan_in_the_admin(client, member, plans):
    own, _ = plans
    client.force_login(_staff(member, "tim_zi"))
    url = reverse("admin:plans_rencanaaksi_delete", args=[own.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert RencanaAksi.objects.filter(pk=own.pk).exists()
    changelist = reverse("admin:plans_rencanaaksi_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"}
    )
    assert RencanaAksi.objects.filter(pk=own.pk).exists()
    assert response.status_code in (200, 302, 403)


def test_system_admin_save_bumps_versi_so_a_stale_browser_form_conflicts(client, admin_user, plans):
    own, _ = plans
    indikator = Indikator.objects.get(**{tree.lookup("indikator", "rencana"): own})
    before = indikator.versi
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:plans_indikator_change", args=[indikator.pk]),
        {"komponen": indikator.komponen_id, "nama": "Dikoreksi admin", "urutan": 0,
         "langkah_aksi-TOTAL_FORMS": 0, "langkah_aksi-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 302
    indikator.refresh_from_db()
    assert indikator.nama == "Dikoreksi admin"
    assert indikator.versi == before + 1


def test_list_filters_offer_only_visible_satkers(client, member, plans):
    diy = Satker.objects.create(kode="34", jenis="provinsi", wilayah="DI Yogyakarta")
    Satker.objects.create(kode="3404", jenis="kabupaten", wilayah="Sleman", induk=diy)
    client.force_login(_staff(member, "tim_zi"))
    page = client.get(reverse("admin:plans_buktifisik_changelist"))
    assert page.status_code == 200
    assert "KPU Kota Tegal" not in page.text
    assert "KPU Kabupaten Brebes" not in page.text
    client.force_login(_staff(member, "reviewer_provinsi", "33"))
    for name in ("plans_buktifisik_changelist", "access_satker_changelist"):
        page = client.get(reverse(f"admin:{name}"))
        assert "KPU Kota Tegal" in page.text
        assert "KPU Kabupaten Brebes" in page.text
        assert "Sleman" not in page.text


@pytest.mark.parametrize(
    ("url", "query", "status"),
    [
        ("admin:plans_rencanaaksi_changelist", "sk_tanggal__year=99999999999999999999", 400),
        ("admin:evidence_unggahan_changelist", "diunggah_pada__year=99999999999999999999", 400),
        ("admin:plans_rencanaaksi_changelist", "tahun=99999999999999999999", 200),  # empty list
    ],
)
def test_out_of_range_filter_value_is_a_bad_request_not_a_crash(
    client, admin_user, plans, url, query, status
):
    client.force_login(admin_user)
    client.raise_request_exception = False
    response = client.get(f"{reverse(url)}?{query}")
    assert response.status_code == status
    assert "Kudus" not in response.text  # nothing listed


def test_memberships_stay_read_only_for_the_tim_zi(client, member, plans):
    client.force_login(_staff(member, "tim_zi"))
    assert client.get(reverse("admin:access_keanggotaan_add")).status_code == 403
    assert Keanggotaan.objects.filter(peran="reviewer_provinsi").count() == 0


def test_every_admin_export_writes_formulas_as_text(rf, admin_user, plans):
    from django.contrib import admin as django_admin
    from import_export.formats.base_formats import CSV
    from import_export.mixins import BaseExportMixin

    from plans.admin_mixins import FormulaSafeExportMixin
    from plans.models import BuktiFisik

    exporting = [a for a in django_admin.site._registry.values() if isinstance(a, BaseExportMixin)]
    assert exporting, "no admin exports anything any more?"
    for model_admin in exporting:
        assert isinstance(model_admin, FormulaSafeExportMixin), type(model_admin).__name__
    own, _ = plans
    row = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): own})
    row.update(target_waktu="=1+1", nama="@SUM(A1)", penanggung_jawab="-2+3")
    request = rf.get("/")
    request.user = admin_user
    model_admin = django_admin.site._registry[BuktiFisik]
    csv = model_admin.get_export_data(CSV(), request, row)
    assert "'=1+1" in csv
    assert "'@SUM(A1)" in csv
    assert "'-2+3" in csv
    assert ",=1+1" not in csv
    assert ",@SUM" not in csv


def test_admin_import_export_buttons_read_indonesian(client, admin_user, plans):
    client.force_login(admin_user)
    page = client.get(reverse("admin:plans_buktifisik_changelist"))
    assert ">Impor</a>" in page.text
    assert ">Ekspor</a>" in page.text
    assert ">Import</a>" not in page.text
    assert ">Export</a>" not in page.text
