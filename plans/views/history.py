"""The per-plan history page and restoring deleted rows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from access.permissions import can, require
from plans.selectors import rencana_for_user, riwayat_rencana
from plans.services.guards import TINGKAT, alasan_terkunci
from plans.services.restore import baris_pulihkan


@login_required
def rencana_riwayat_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """Who changed what in the plan and its rows, newest first, with the values before.

    ``?tingkat=indikator&id=12`` narrows the list to one row. Readable by anyone who may see
    the plan; the restore buttons show only to those who may edit it.
    """
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "rencana.lihat", rencana.satker)
    tingkat = request.GET.get("tingkat") or None
    if tingkat not in TINGKAT and tingkat != "rencana":
        tingkat = None
    try:
        obj_id = int(request.GET.get("id", "")) if tingkat else None
    except ValueError:
        obj_id = None
    items = riwayat_rencana(rencana=rencana, tingkat=tingkat, obj_id=obj_id)
    page = Paginator(items, 100).get_page(request.GET.get("halaman"))
    context = {
        "rencana": rencana,
        "page": page,
        "tingkat": tingkat,
        "obj_id": obj_id,
        # A plan under review refuses a restore as it refuses any edit: no button then.
        "boleh_pulihkan": can(request.user, "rencana.ubah", rencana.satker)
        and not alasan_terkunci(rencana=rencana, user=request.user),
    }
    return render(request, "plans/rencana_riwayat.html", context)


@login_required
@require_POST
def baris_pulihkan_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """Restore a deleted row (POST ``tingkat``, ``history_id``) with the rows deleted with it."""
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "rencana.ubah", rencana.satker)
    try:
        history_id = int(request.POST.get("history_id", ""))
        n = baris_pulihkan(
            rencana=rencana,
            user=request.user,
            tingkat=request.POST.get("tingkat", ""),
            history_id=history_id,
        )
    except ValueError:
        messages.error(request, "Permintaan pemulihan tidak lengkap.")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{n} baris dipulihkan.")
    return redirect("plans:rencana_riwayat", rencana_pk=rencana.pk)
