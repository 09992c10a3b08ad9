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


class ScopedInline(SatkerScopedAdminMixin, admin.TabularInline):
    """A tabular inline whose rows and choices are scoped like its parent."""

    extra = 0
    show_change_link = True
