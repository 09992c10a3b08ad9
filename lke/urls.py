"""URLs of the LKE app (mounted at ``/lke/``, namespace ``lke``)."""

from __future__ import annotations

from django.urls import path

from lke.views import answering, files, scores

app_name = "lke"
urlpatterns = [
    path("", answering.daftar_view, name="daftar"),
    path("mulai/", answering.mulai_view, name="mulai"),
    path("<int:pk>/", answering.lke_detail_view, name="lke_detail"),
    path("<int:pk>/soal/<int:jawaban_pk>/", answering.jawaban_view, name="jawaban"),
    path(
        "<int:pk>/soal/<int:jawaban_pk>/rencana/", scores.tambah_rencana_view, name="tambah_rencana"
    ),
    path("<int:pk>/status/<str:aksi>/", answering.transisi_view, name="transisi"),
    path("<int:pk>/riwayat/", answering.riwayat_view, name="riwayat"),
    path("<int:pk>/skor/", scores.skor_view, name="skor"),
    path("<int:pk>/tautan/", scores.tautan_view, name="tautan"),
    path("<int:pk>/xlsx/", files.xlsx_view, name="xlsx"),
    path("<int:pk>/xlsx/impor/", files.xlsx_impor_view, name="xlsx_impor"),
    path("<int:pk>/pdf/", files.pdf_view, name="pdf"),
    path("bukti/<str:token>/", files.bukti_unduh_view, name="bukti_unduh"),
    path("rencana/<int:rencana_pk>/", answering.rencana_lke_view, name="rencana_lke"),
]
