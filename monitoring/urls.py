"""URLs of the monitoring app (mounted at ``/monev/``)."""

from __future__ import annotations

from django.urls import path

from monitoring.views import dashboards, monev, rekap

app_name = "monitoring"
urlpatterns = [
    path("", dashboards.dasbor_view, name="dasbor"),
    path("satker/<int:pk>/", dashboards.dasbor_satker_view, name="dasbor_satker"),
    path("satker/<int:pk>/butir/", dashboards.butir_list_view, name="butir_list"),
    path("provinsi/<int:pk>/", dashboards.dasbor_provinsi_view, name="dasbor_provinsi"),
    path("provinsi/<int:pk>/rekap/", rekap.rekap_view, name="rekap"),
    path("provinsi/<int:pk>/rekap/pdf/", rekap.rekap_pdf_view, name="rekap_pdf"),
    path("provinsi/<int:pk>/rekap/xlsx/", rekap.rekap_xlsx_view, name="rekap_xlsx"),
    path("rencana/<int:pk>/", monev.monev_list_view, name="monev_list"),
    path("rencana/<int:pk>/triwulan/<int:triwulan>/", monev.monev_form_view, name="monev_form"),
    path(
        "rencana/<int:pk>/triwulan/<int:triwulan>/ajukan/",
        monev.monev_ajukan_view,
        name="monev_ajukan",
    ),
    path("rencana/<int:pk>/triwulan/<int:triwulan>/pdf/", monev.monev_pdf_view, name="monev_pdf"),
]
