"""URLs of the evidence app, mounted at ``/bukti/`` (namespace ``evidence``)."""

from __future__ import annotations

from django.urls import path

from evidence.views import browse, files, review, upload

app_name = "evidence"
urlpatterns = [
    path("rencana/<int:rencana_pk>/", browse.rencana_bukti, name="rencana_bukti"),
    path("rencana/<int:rencana_pk>/paket.zip", files.paket, name="paket"),
    path("fisik/<int:pk>/", browse.bukti_detail, name="bukti_detail"),
    path("fisik/<int:pk>/unggah/", upload.unggah, name="unggah"),
    path("berkas/<int:pk>/unduh/", files.unduh, name="unduh"),
    path("berkas/<int:pk>/lihat/", files.pratinjau, name="pratinjau"),
    path("berkas/<int:pk>/verifikasi/", review.verifikasi, name="verifikasi"),
    path("berkas/<int:pk>/tarik/", review.tarik, name="tarik"),
    path("berkas/<int:pk>/pulihkan/", review.pulihkan, name="pulihkan"),
    path("berkas/<int:pk>/musnahkan/", review.musnahkan, name="musnahkan"),
    path("berkas/<int:pk>/tautkan/", review.tautkan, name="tautkan"),
]
