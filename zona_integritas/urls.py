"""Root URL configuration: each app mounts its own ``urls.py`` (with ``app_name``)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from access.accounts import GantiSandiSelesaiView, GantiSandiView, LoginForm
from zona_integritas import views

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/", GantiSandiView.as_view(), name="password_change"),
    path("sandi/selesai/", GantiSandiSelesaiView.as_view(), name="password_change_done"),
    path("rencana/", include("plans.urls")),
    path("bukti/", include("evidence.urls")),
    path("monev/", include("monitoring.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("pekerjaan/", include("jobs.urls")),
    path("lke/", include("lke.urls")),
    path("api/portalrb/", include("lke.api_urls")),
    # Satker, Keanggotaan and WajibGantiSandi moved from plans to access
    # (docs/architecture.md §3): admin pages bookmarked under their old app go to the new one.
    re_path(
        r"^admin/plans/(?P<model>satker|keanggotaan|wajibgantisandi)/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/access/%(model)s/%(rest)s", permanent=True, query_string=True
        ),
        name="admin_lama",
    ),
    path("admin/", admin.site.urls),
    path("sehat/", views.sehat, name="sehat"),
    # Browsers ask for /favicon.ico on pages that do not link one (the admin, a PDF tab).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.ico"), permanent=True),
        name="favicon",
    ),
]

admin.site.site_header = "Administrasi Zona Integritas"
admin.site.site_title = "Zona Integritas"
admin.site.index_title = "Pengelolaan data"
