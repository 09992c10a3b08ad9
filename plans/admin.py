"""The Django admin: the system admin's tool to correct anything; a read view for the Tim ZI.

Plans open on their areas; each row level is a page with its children as an inline (nested
pages), so a plan of hundreds of rows stays readable. Non-superusers see only their satkers,
and plans and rows are view-only for them (``PlanAdminMixin``): they edit in the browser,
where the review lock, the version check and the history apply. The identity and hierarchy of
a satker (kode, jenis, wilayah, induk) are the system admin's alone.
"""

from __future__ import annotations

from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from plans import tree
from plans.admin_mixins import FormulaSafeExportMixin, PlanAdminMixin, ScopedInline
from plans.models import (
    AreaPerubahan,
    BuktiFisik,
    Indikator,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
)
from plans.resources import BuktiFisikResource


class AreaPerubahanInline(admin.TabularInline):
    model = AreaPerubahan
    extra = 0


@admin.register(Kerangka)
class KerangkaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama")
    inlines = [AreaPerubahanInline]


class RencanaAreaInline(ScopedInline):
    model = RencanaArea
    fields = ("urutan", "nomor", "judul", "area")


@admin.register(RencanaAksi)
class RencanaAksiAdmin(PlanAdminMixin, SimpleHistoryAdmin):
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
class RencanaAreaAdmin(PlanAdminMixin, SimpleHistoryAdmin):
    list_display = ("nomor", "judul", "rencana", "urutan")
    list_filter = ("rencana__tahun", "area__kerangka")
    search_fields = ("judul", tree.lookup("area", "satker", "wilayah"))
    list_select_related = ("rencana__satker", "rencana__kerangka")
    inlines = [KomponenInline]


class IndikatorInline(ScopedInline):
    model = Indikator
    fields = ("urutan", "nama")


@admin.register(Komponen)
class KomponenAdmin(PlanAdminMixin, SimpleHistoryAdmin):
    list_display = ("nomor", "nama", "rencana_area", "urutan")
    list_filter = (tree.lookup("komponen", "rencana", "tahun"),)
    search_fields = ("nama", tree.lookup("komponen", "satker", "wilayah"))
    list_select_related = ("rencana_area",)
    inlines = [IndikatorInline]


class LangkahAksiInline(ScopedInline):
    model = LangkahAksi
    fields = ("urutan", "nama")


@admin.register(Indikator)
class IndikatorAdmin(PlanAdminMixin, SimpleHistoryAdmin):
    list_display = ("nama", "komponen", "urutan")
    list_filter = (tree.lookup("indikator", "rencana", "tahun"),)
    search_fields = ("nama", "komponen__nama")
    list_select_related = ("komponen",)
    inlines = [LangkahAksiInline]


class BuktiFisikInline(ScopedInline):
    model = BuktiFisik
    fields = ("urutan", "nama", "target_waktu", "bulan", "penanggung_jawab")


@admin.register(LangkahAksi)
class LangkahAksiAdmin(PlanAdminMixin, SimpleHistoryAdmin):
    list_display = ("nama", "indikator", "urutan")
    list_filter = (tree.lookup("langkah", "rencana", "tahun"),)
    search_fields = ("nama", "indikator__nama")
    list_select_related = ("indikator",)
    inlines = [BuktiFisikInline]


@admin.register(BuktiFisik)
class BuktiFisikAdmin(
    PlanAdminMixin, FormulaSafeExportMixin, ImportExportMixin, SimpleHistoryAdmin
):
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
        tree.lookup("bukti", "rencana", "tahun"),
        tree.lookup("bukti", "satker"),
    )
    search_fields = ("nama", "target_waktu", "penanggung_jawab", "langkah_aksi__nama")
    list_select_related = ("langkah_aksi",)

    def get_resource_kwargs(self, request, **kwargs):
        # Exports and imports see only the rows the user may see (same scoping as the views).
        kwargs = super().get_resource_kwargs(request, **kwargs)
        kwargs["queryset"] = BuktiFisik.objects.for_user(request.user)
        return kwargs

    def get_import_resource_kwargs(self, request, **kwargs):
        # An import may only touch rows of plans the user may edit now (not locked, not under
        # review): the same rule as editing in the browser.
        from access.permissions import satkers_where
        from plans.services.workflow import STATUS_BOLEH_UBAH

        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        plan = tree.lookup("bukti", "rencana")
        kwargs["queryset"] = BuktiFisik.objects.for_user(request.user).filter(
            **{
                f"{plan}__satker__in": satkers_where(request.user, "rencana.ubah"),
                f"{plan}__status__in": STATUS_BOLEH_UBAH,
            }
        )
        return kwargs

    def has_import_permission(self, request):
        return self.has_change_permission(request)
