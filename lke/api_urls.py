"""URLs of the PortalRB exchange (mounted at ``/api/portalrb/``, namespace ``portalrb``)."""

from __future__ import annotations

from django.urls import path

from lke import api

app_name = "portalrb"
urlpatterns = [
    path("pengusulan/unit-wbk", api.unit_wbk_view, name="unit_wbk"),
    path("pengusulan/unit-wbbm", api.unit_wbbm_view, name="unit_wbbm"),
    path("lke/jawaban-unit/<str:unit_id>", api.jawaban_unit_view, name="jawaban_unit"),
]
