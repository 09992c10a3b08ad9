"""URLs of the plans app (mounted at ``/rencana/``)."""

from __future__ import annotations

from django.urls import path

from plans.views import (
    browse,
    cetak,
    editing,
    history,
    importing,
    members,
    spreadsheet,
    workflow,
)

app_name = "plans"
urlpatterns = [
    path("", browse.rencana_list_view, name="rencana_list"),
    path("<int:rencana_pk>/", browse.rencana_detail_view, name="rencana_detail"),
    path("impor/", importing.impor_view, name="impor"),
    path("<int:rencana_pk>/cetak/", cetak.rencana_cetak_view, name="rencana_cetak"),
    # Editing, workflow, history, members
    path("baru/", editing.rencana_baru_view, name="rencana_baru"),
    path("target-waktu/", editing.target_waktu_pratinjau_view, name="target_waktu_pratinjau"),
    path("<int:rencana_pk>/ubah/", editing.rencana_ubah_view, name="rencana_ubah"),
    path("<int:rencana_pk>/sk/", editing.rencana_sk_view, name="rencana_sk"),
    path(
        "<int:rencana_pk>/tambah/<str:tingkat>/<int:induk_id>/",
        editing.baris_tambah_view,
        name="baris_tambah",
    ),
    path(
        "<int:rencana_pk>/<str:tingkat>/<int:row_id>/ubah/",
        editing.baris_ubah_view,
        name="baris_ubah",
    ),
    path(
        "<int:rencana_pk>/<str:tingkat>/<int:row_id>/hapus/",
        editing.baris_hapus_view,
        name="baris_hapus",
    ),
    path(
        "<int:rencana_pk>/<str:tingkat>/<int:row_id>/pindah/",
        editing.baris_pindah_view,
        name="baris_pindah",
    ),
    path(
        "<int:rencana_pk>/status/<str:aksi>/",
        workflow.rencana_transisi_view,
        name="rencana_transisi",
    ),
    path("<int:rencana_pk>/revisi/", workflow.rencana_revisi_view, name="rencana_revisi"),
    path("tinjauan/", workflow.antrean_tinjauan_view, name="antrean_tinjauan"),
    path("<int:rencana_pk>/riwayat/", history.rencana_riwayat_view, name="rencana_riwayat"),
    path("<int:rencana_pk>/riwayat/pulihkan/", history.baris_pulihkan_view, name="baris_pulihkan"),
    path("<int:rencana_pk>/xlsx/", spreadsheet.rencana_xlsx_view, name="rencana_xlsx"),
    path(
        "<int:rencana_pk>/xlsx/impor/",
        spreadsheet.rencana_xlsx_impor_view,
        name="rencana_xlsx_impor",
    ),
    path("satker/<str:kode>/anggota/", members.anggota_view, name="anggota"),
    path(
        "satker/<str:kode>/anggota/<int:pk>/hapus/",
        members.anggota_hapus_view,
        name="anggota_hapus",
    ),
]
