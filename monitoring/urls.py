"""URLs of the monitoring app (mounted at ``/monev/``)."""

from __future__ import annotations

from django.urls import path

from monitoring.views import dashboards, monev, redirects, rekap

app_name = "monitoring"
urlpatterns = [
    path("", dashboards.dasbor_view, name="dasbor"),
    # A satker (a province too) is addressed by its kode, as users see it.
    path("satker/kode/<str:kode>/", dashboards.dasbor_satker_view, name="dasbor_satker"),
    path("satker/kode/<str:kode>/butir/", dashboards.butir_list_view, name="butir_list"),
    path("provinsi/kode/<str:kode>/", dashboards.dasbor_provinsi_view, name="dasbor_provinsi"),
    path("provinsi/kode/<str:kode>/rekap/", rekap.rekap_view, name="rekap"),
    path("provinsi/kode/<str:kode>/rekap/pdf/", rekap.rekap_pdf_view, name="rekap_pdf"),
    path("provinsi/kode/<str:kode>/rekap/xlsx/", rekap.rekap_xlsx_view, name="rekap_xlsx"),
    # The old addresses by database id (bookmarks, links in old notifications): 301 to the above.
    *[
        path(
            route,
            redirects.satker_lama_view,
            {"target": f"monitoring:{name}", **extra},
            name=f"{name}_lama",
        )
        for route, name, extra in [
            ("satker/<int:pk>/", "dasbor_satker", {}),
            ("satker/<int:pk>/butir/", "butir_list", {}),
            ("provinsi/<int:pk>/", "dasbor_provinsi", {"provinsi": True}),
            ("provinsi/<int:pk>/rekap/", "rekap", {"provinsi": True}),
            ("provinsi/<int:pk>/rekap/pdf/", "rekap_pdf", {"provinsi": True}),
            ("provinsi/<int:pk>/rekap/xlsx/", "rekap_xlsx", {"provinsi": True}),
        ]
    ],
    path("rencana/<int:rencana_pk>/", monev.monev_list_view, name="monev_list"),
    path(
        "rencana/<int:rencana_pk>/triwulan/<int:triwulan>/",
        monev.monev_form_view,
        name="monev_form",
    ),
    path(
        "rencana/<int:rencana_pk>/triwulan/<int:triwulan>/ajukan/",
        monev.monev_ajukan_view,
        name="monev_ajukan",
    ),
    path(
        "rencana/<int:rencana_pk>/triwulan/<int:triwulan>/pdf/",
        monev.monev_pdf_view,
        name="monev_pdf",
    ),
]
