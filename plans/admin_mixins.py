"""Admin mixins of the plan models: exports safe from formulas, plans and rows view-only for
satker accounts, locked when the plan is ditetapkan (docs/architecture.md §3, §4.1). The
satker scoping underneath is ``access.admin_scoping``.
"""

from __future__ import annotations

from django.contrib import admin

from access.admin_scoping import CapabilityAdminMixin
from plans.models import RencanaAksi


def _rencana_terkunci(obj) -> bool:
    """Whether ``obj`` is, or belongs to, a plan that is ditetapkan (locked)."""
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


class FormulaSafeExportMixin:
    """Every cell of an admin export (CSV, XLSX, …) that a spreadsheet would read as a formula
    is written as text (``plans.resources.safe_cell``): a plan row whose target waktu is
    ``=HYPERLINK(...)`` must not become a live formula on the evaluator's machine. Put it
    before django-import-export's mixin in the bases of every ModelAdmin that exports."""

    def get_data_for_export(self, request, queryset, **kwargs):
        import tablib

        from plans.resources import safe_cell

        data = super().get_data_for_export(request, queryset, **kwargs)
        rows = [tuple(safe_cell(cell) for cell in row) for row in data]
        return tablib.Dataset(*rows, headers=data.headers, title=data.title)


def _bump_versi(obj) -> None:
    """Raise ``obj.versi`` past the stored one, so a browser form opened before this admin
    save is refused as stale (optimistic locking) instead of overwriting it."""
    if obj.pk is None or not hasattr(obj, "versi"):
        return
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("versi", flat=True).first()
    obj.versi = (stored or obj.versi or 0) + 1


class PlanAdminMixin(CapabilityAdminMixin):
    """Plans and their rows: view-only in the admin for every satker account.

    The browser editor is the one write path for members: it checks the review lock, the
    optimistic version (``versi``) and writes the history with who and why. An admin form
    does none of that, so members only read here (and export). The system admin may still
    correct anything; its saves bump ``versi`` so a stale browser form cannot overwrite them.
    Nothing is hard-deleted by a satker account.
    """

    change_action = None

    def is_locked(self, obj) -> bool:
        return _rencana_terkunci(obj)

    def save_model(self, request, obj, form, change):
        _bump_versi(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.instance.pk and inline_form.has_changed():
                _bump_versi(inline_form.instance)
        super().save_formset(request, form, formset, change)


class ScopedInline(PlanAdminMixin, admin.TabularInline):
    """A tabular inline of plan rows whose rows, choices and permissions follow its parent's
    satker (view-only for satker accounts, like ``PlanAdminMixin``)."""

    extra = 0
    show_change_link = True
