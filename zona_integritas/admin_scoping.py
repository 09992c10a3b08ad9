"""Admin scoping: a non-superuser sees and picks only rows of satkers they may see.

Used by every ModelAdmin of a satker-owned model, so the admin follows the same rule as the
views (``Model.objects.for_user``; DESIGN.md §2).
"""

from __future__ import annotations

from django.contrib import admin


class SatkerScopedAdminMixin:
    """Scope the changelist, the change pages and foreign-key choices with ``for_user``."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if hasattr(qs, "for_user"):
            return qs.for_user(request.user)
        return qs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        manager = related._default_manager
        if hasattr(manager, "for_user") and "queryset" not in kwargs:
            kwargs["queryset"] = manager.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def satker_of(obj):
    """The ``Satker`` an object of a satker-owned model belongs to (follows ``SATKER_PATH``)."""
    path = type(obj).SATKER_PATH
    target = obj
    for part in path.split("__") if path else []:
        target = getattr(target, part)
    return target


def _rencana_terkunci(obj) -> bool:
    """Whether ``obj`` is, or belongs to, a plan that is ditetapkan (locked)."""
    from plans.models import RencanaAksi

    path = type(obj).SATKER_PATH
    if isinstance(obj, RencanaAksi):
        return obj.terkunci
    if "rencana" not in path:
        return False
    target = obj
    for part in path.split("__"):
        target = getattr(target, part)
        if isinstance(target, RencanaAksi):
            return target.terkunci
    return False


class CapabilityAdminMixin(SatkerScopedAdminMixin):
    """Model permissions of the admin from the capability table (``permissions.can``).

    Non-superuser staff (a Tim ZI is made staff) get no Django model permissions; instead a
    ModelAdmin names the capabilities that let a member view and change its rows
    (``view_action``, ``change_action``; ``add``/``delete`` follow ``change_action``). Rows of a
    plan that is ditetapkan are read-only for them (a new revision is needed, issue 4).
    Superusers keep Django's defaults.
    """

    view_action = "rencana.lihat"
    change_action: str | None = "rencana.ubah"
    allow_add_delete = True

    def _may(self, request, action: str | None, obj=None) -> bool:
        from zona_integritas.permissions import can, satkers_where

        user = request.user
        if action is None or not (user.is_active and user.is_staff):
            return False
        if obj is None:
            return satkers_where(user, action).exists()
        return can(user, action, satker_of(obj))

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._may(request, self.view_action)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._may(
            request, self.view_action, obj
        )

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_change_permission(request, obj)
        if obj is not None and _rencana_terkunci(obj):
            return False
        return self._may(request, self.change_action, obj)

    def has_add_permission(self, request, *args):
        if request.user.is_superuser:
            return super().has_add_permission(request, *args)
        return self.allow_add_delete and self._may(request, self.change_action)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_delete_permission(request, obj)
        if obj is not None and _rencana_terkunci(obj):
            return False
        return self.allow_add_delete and self._may(request, self.change_action, obj)


class ScopedInline(CapabilityAdminMixin, admin.TabularInline):
    """A tabular inline whose rows, choices and permissions follow its parent's satker."""

    extra = 0
    show_change_link = True
