"""Accounts in the admin: a password the system admin sets must be changed by its owner.

Django's user admin is registered again with two additions: an account created here, or
whose password the admin sets here, gets a ``plans.WajibGantiSandi`` mark (the admin has seen
the password), and the marks themselves are listed (add one to force a change).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from plans.models import WajibGantiSandi
from zona_integritas.accounts import wajibkan_ganti_sandi

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
