"""Root URL configuration: each app mounts its own ``urls.py`` (with ``app_name``)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zona_integritas import views

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("rencana/", include("plans.urls")),
    path("bukti/", include("evidence.urls")),
    path("monev/", include("monitoring.urls")),
    path("lke/", include("lke.urls")),
    path("api/portalrb/", include("lke.api_urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Administrasi Zona Integritas"
admin.site.site_title = "Zona Integritas"
admin.site.index_title = "Pengelolaan data"
