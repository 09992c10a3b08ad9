"""The Django admin: the Tim ZI's tool to correct anything in a plan.

Plans open on their areas; each row level is a page with its children as an inline (nested
pages), so a plan of hundreds of rows stays editable. Non-superusers see only their satkers.
"""

from __future__ import annotations

from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import (
    AreaPerubahan,
    BuktiFisik,
    Indikator,
    Keanggotaan,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
    Satker,
)
from plans.resources import BuktiFisikResource
from zona_integritas.admin_scoping import SatkerScopedAdminMixin, ScopedInline


class AreaPerubahanInline(admin.TabularInline):
    model = AreaPerubahan
    extra = 0


@admin.register(Kerangka)
class KerangkaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama")
    inlines = [AreaPerubahanInline]


@admin.register(Satker)
class SatkerAdmin(SatkerScopedAdminMixin, admin.ModelAdmin):
    list_display = ("kode", "nama", "jenis", "induk", "kota_penetapan", "ketua_nama")
    list_filter = ("jenis", "induk")
    search_fields = ("kode", "wilayah", "ketua_nama")
    ordering = ("kode",)


@admin.register(Keanggotaan)
class KeanggotaanAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("user", "satker", "peran", "dibuat")
    list_filter = ("peran", "satker__jenis")
    search_fields = ("user__username", "user__first_name", "satker__wilayah", "satker__kode")
    autocomplete_fields = ("user", "satker")


class RencanaAreaInline(ScopedInline):
    model = RencanaArea
    fields = ("urutan", "nomor", "judul", "area")


@admin.register(RencanaAksi)
class RencanaAksiAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("satker", "tahun", "kerangka", "revisi", "sk_nomor", "status", "diubah")
    list_filter = ("tahun", "status", "kerangka", "format_lampiran", "satker__jenis")
    search_fields = ("judul", "sk_nomor", "satker__wilayah", "satker__kode")
    list_select_related = ("satker", "kerangka")
    ordering = ("-tahun", "satker__kode")
    date_hierarchy = "sk_tanggal"
    inlines = [RencanaAreaInline]
    fieldsets = (
        (None, {"fields": ("satker", "kerangka", "tahun", "revisi", "format_lampiran", "status")}),
        (
            "Surat Keputusan",
            {
                "fields": (
                    "judul",
                    "judul_tabel",
                    "sk_nomor",
                    "sk_tanggal",
                    "sk_tempat",
                    "ketua_nama",
                    "pejabat_salinan_nama",
                    "pejabat_salinan_jabatan",
                )
            },
        ),
        (
            "Isi SK",
            {
                "classes": ("collapse",),
                "fields": (
                    "menimbang",
                    "mengingat",
                    "memperhatikan",
                    "menetapkan",
                    "diktum",
                    "bab_lampiran",
                ),
            },
        ),
        ("Asal", {"fields": ("sumber_dokumen",)}),
    )


class KomponenInline(ScopedInline):
    model = Komponen
    fields = ("urutan", "nomor", "nama")


@admin.register(RencanaArea)
class RencanaAreaAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("nomor", "judul", "rencana", "urutan")
    list_filter = ("rencana__tahun", "area__kerangka")
    search_fields = ("judul", "rencana__satker__wilayah")
    list_select_related = ("rencana__satker", "rencana__kerangka")
    inlines = [KomponenInline]


class IndikatorInline(ScopedInline):
    model = Indikator
    fields = ("urutan", "nama")


@admin.register(Komponen)
class KomponenAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("nomor", "nama", "rencana_area", "urutan")
    list_filter = ("rencana_area__rencana__tahun",)
    search_fields = ("nama", "rencana_area__rencana__satker__wilayah")
    list_select_related = ("rencana_area",)
    inlines = [IndikatorInline]


class LangkahAksiInline(ScopedInline):
    model = LangkahAksi
    fields = ("urutan", "nama")


@admin.register(Indikator)
class IndikatorAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("nama", "komponen", "urutan")
    list_filter = ("komponen__rencana_area__rencana__tahun",)
    search_fields = ("nama", "komponen__nama")
    list_select_related = ("komponen",)
    inlines = [LangkahAksiInline]


class BuktiFisikInline(ScopedInline):
    model = BuktiFisik
    fields = ("urutan", "nama", "target_waktu", "bulan", "penanggung_jawab")


@admin.register(LangkahAksi)
class LangkahAksiAdmin(SatkerScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("nama", "indikator", "urutan")
    list_filter = ("indikator__komponen__rencana_area__rencana__tahun",)
    search_fields = ("nama", "indikator__nama")
    list_select_related = ("indikator",)
    inlines = [BuktiFisikInline]


@admin.register(BuktiFisik)
class BuktiFisikAdmin(SatkerScopedAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    """Every row of every plan the user may see, with XLSX/CSV import and export."""

    resource_classes = [BuktiFisikResource]
    list_display = (
        "nama",
        "target_waktu",
        "bulan",
        "penanggung_jawab",
        "langkah_aksi",
        "diarsipkan",
    )
    list_filter = (
        "diarsipkan",
        "langkah_aksi__indikator__komponen__rencana_area__rencana__tahun",
        "langkah_aksi__indikator__komponen__rencana_area__rencana__satker",
    )
    search_fields = ("nama", "target_waktu", "penanggung_jawab", "langkah_aksi__nama")
    list_select_related = ("langkah_aksi",)

    def get_resource_kwargs(self, request, **kwargs):
        # Exports and imports see only the rows the user may see (same scoping as the views).
        kwargs = super().get_resource_kwargs(request, **kwargs)
        kwargs["queryset"] = BuktiFisik.objects.for_user(request.user)
        return kwargs
