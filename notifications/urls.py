"""URLs of the notifications app (mounted at ``/notifikasi/``)."""

from __future__ import annotations

from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notifikasi_list_view, name="list"),
    path("<int:pk>/", views.notifikasi_buka_view, name="buka"),
    path("baca-semua/", views.notifikasi_baca_semua_view, name="baca_semua"),
]
