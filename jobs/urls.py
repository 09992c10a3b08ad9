"""URLs of background jobs, mounted at ``/pekerjaan/`` (namespace ``jobs``)."""

from __future__ import annotations

from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/", views.status_view, name="status"),
    path("<uuid:pk>/status.json", views.status_json_view, name="status_json"),
    path("<uuid:pk>/unduh/", views.unduh_view, name="unduh"),
]
