"""The admin of access control: satkers, memberships and accounts.

A Tim ZI may correct its satker's signatories; the identity and hierarchy of a satker (kode,
jenis, wilayah, induk) are the system admin's alone. A password the system admin sets must be
changed by its owner: Django's user admin is registered again with two additions: an account created here, or
whose password the admin sets here, gets an ``access.WajibGantiSandi`` mark (the admin has seen
the password), and the marks themselves are listed (add one to force a change).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from access.accounts import wajibkan_ganti_sandi
from access.admin_scoping import CapabilityAdminMixin
from access.models import Keanggotaan, Satker, WajibGantiSandi

User = get_user_model()


class PenggunaAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password() and obj != request.user:
            wajibkan_ganti_sandi(obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            if user is not None and user != request.user:
                wajibkan_ganti_sandi(user)
        return response


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PenggunaAdmin)


@admin.register(WajibGantiSandi)
class WajibGantiSandiAdmin(admin.ModelAdmin):
    list_display = ("user", "dibuat")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)


@admin.register(Satker)
class SatkerAdmin(CapabilityAdminMixin, admin.ModelAdmin):
    # A Tim ZI may correct its satker's signatories; satkers are created by the system admin.
    change_action = "anggota.kelola"
    allow_add_delete = False

    list_display = ("kode", "nama", "jenis", "induk", "kota_penetapan", "ketua_nama")
    list_filter = ("jenis", "induk")
    search_fields = ("kode", "wilayah", "ketua_nama")
    ordering = ("kode",)

    #: Who the satker is and where it sits: moving it out of its province would hide it
    #: from the province's reviewers, so only the system admin changes these.
    IDENTITAS = ("kode", "jenis", "wilayah", "induk")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else (*fields, *self.IDENTITAS)


@admin.register(Keanggotaan)
class KeanggotaanAdmin(CapabilityAdminMixin, SimpleHistoryAdmin):
    # A Tim ZI sees its satker's memberships here but manages them on the member page
    # (plans:anggota), which does not expose other satkers' accounts through user pickers.
    view_action = "anggota.kelola"
    change_action = None

    list_display = ("user", "satker", "peran", "dibuat")
    list_filter = ("peran", "satker__jenis")
    search_fields = ("user__username", "user__first_name", "satker__wilayah", "satker__kode")
    autocomplete_fields = ("user", "satker")
