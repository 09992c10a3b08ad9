"""URLs of the plans app (mounted at ``/rencana/``)."""

from __future__ import annotations

from django.urls import path

from plans.views import browse, cetak, importing

app_name = "plans"
urlpatterns = [
    path("", browse.rencana_list_view, name="rencana_list"),
    path("<int:pk>/", browse.rencana_detail_view, name="rencana_detail"),
    path("impor/", importing.impor_view, name="impor"),
    path("<int:pk>/cetak/", cetak.rencana_cetak_view, name="rencana_cetak"),
]
