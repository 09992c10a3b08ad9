"""Admin of the evidence app: read-mostly and scoped like the views.

Uploads go through the upload view (content validation, dedup, revisions), verification and
withdrawal through their views, purge through ``evidence.services.unggahan_purge``; so the
admin neither adds nor deletes, and a non-superuser sees only the satkers they may see.
"""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from access.admin_scoping import SatkerScopedAdminMixin
from evidence.models import Berkas, Unggahan


class _ReadOnlyScopedAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Berkas)
class BerkasAdmin(_ReadOnlyScopedAdmin):
    list_display = ["sha256", "satker", "jenis", "ukuran", "dibuat"]
    list_filter = ["jenis", "satker"]
    search_fields = ["sha256", "nama_penyimpanan"]
    date_hierarchy = "dibuat"


@admin.register(Unggahan)
class UnggahanAdmin(_ReadOnlyScopedAdmin):
    list_display = [
        "nama_berkas",
        "revisi",
        "periode_bulan",
        "status",
        "ditarik",
        "diunggah_oleh",
        "diunggah_pada",
    ]
    list_filter = ["status", "ditarik", "berkas__jenis"]
    search_fields = ["nama_berkas", "nama_asli", "berkas__sha256", "bukti_fisik__nama"]
    list_select_related = ["diunggah_oleh"]
    date_hierarchy = "diunggah_pada"
    raw_id_fields = ["bukti_fisik", "berkas"]
