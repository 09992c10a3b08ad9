"""Admin scoping: a non-superuser sees and picks only rows of satkers they may see.

Used by every ModelAdmin of a satker-owned model, so the admin follows the same rule as the
views (``Model.objects.for_user``; docs/architecture.md §3).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import BadRequest, FieldDoesNotExist
from django.db import DataError
from django.db.models import Q

from access.permissions import can, satker_of, satkers_where


def _scoped_relation(model, path: str) -> bool:
    """Whether the list-filter ``path`` of ``model`` ends in a relation to a satker-scoped model."""
    try:
        field = get_fields_from_path(model, path)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return False
    related = getattr(field, "related_model", None)
    return related is not None and hasattr(related._default_manager, "for_user")


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related-object filter that offers only the objects the user may see.

    Django's filter lists every row of the related table (every satker of the country); a
    satker account must not even learn which satkers exist beyond its scope.
    """

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        visible = field.related_model._default_manager.for_user(request.user).values("pk")
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to=Q(pk__in=visible)
        )


class SatkerScopedAdminMixin:
    """Scope the changelist, the change pages, foreign-key choices and list filters with
    ``for_user``; a filter value the database cannot hold is a 400, not a server error."""

    def get_list_filter(self, request):
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and _scoped_relation(self.model, item):
                item = (item, ScopedRelatedFieldListFilter)
            filters.append(item)
        return filters

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except (OverflowError, DataError) as exc:
            # ``?tahun=99999999999999999999`` or a date-hierarchy year past 9999: the value
            # cannot be compared in SQL; answer like any other malformed request.
            raise BadRequest("Nilai penyaring di luar jangkauan.") from exc

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


class CapabilityAdminMixin(SatkerScopedAdminMixin):
    """Model permissions of the admin from the capability table (``permissions.can``).

    Non-superuser staff (a Tim ZI is made staff) get no Django model permissions; instead a
    ModelAdmin names the capabilities that let a member view and change its rows
    (``view_action``, ``change_action``; ``add``/``delete`` follow ``change_action``). Rows of a
    plan that is ditetapkan are read-only for them (a new revision is needed).
    Superusers keep Django's defaults.
    """

    view_action = "rencana.lihat"
    change_action: str | None = "rencana.ubah"
    allow_add_delete = True

    def is_locked(self, obj) -> bool:
        """Whether ``obj`` is read-only for every satker account whatever its role (a plan
        that is ditetapkan); none here, the plans' admins say when (``plans.admin_mixins``)."""
        return False

    def _may(self, request, action: str | None, obj=None) -> bool:
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
        if obj is not None and self.is_locked(obj):
            return False
        return self._may(request, self.change_action, obj)

    def has_add_permission(self, request, *args):
        if request.user.is_superuser:
            return super().has_add_permission(request, *args)
        return self.allow_add_delete and self._may(request, self.change_action)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_delete_permission(request, obj)
        if obj is not None and self.is_locked(obj):
            return False
        return self.allow_add_delete and self._may(request, self.change_action, obj)
