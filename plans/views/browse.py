"""Browsing plans: the list and the plan page laid out as the SK lampiran."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from access.permissions import can
from plans.forms import RencanaFilterForm
from plans.selectors import (
    halaman_area,
    lampiran_table,
    rencana_for_user,
    rencana_list,
    rencana_tree,
)

BULAN = list(range(1, 13))


@login_required
def rencana_list_view(request: HttpRequest) -> HttpResponse:
    """Plans the user may see, by year and satker, filterable."""
    form = RencanaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = rencana_list(
        user=request.user,
        tahun=filters.get("tahun"),
        satker_kode=filters.get("satker") or None,
        q=filters.get("q") or "",
    )
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "plans/rencana_list.html", {"form": form, "page": page})


@login_required
def rencana_detail_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """The plan page: SK data and the lampiran table as the SK lays it out.

    Runs a fixed number of queries whatever the plan's size (the tree is prefetched); a large
    plan is shown one area at a time (``?area=``, ``halaman_area``).
    """
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    halaman = halaman_area(
        rencana=rencana, area=request.GET.get("area"), bagian=request.GET.get("bagian")
    )
    tabel = lampiran_table(
        rencana_tree(rencana=rencana, area_ids=halaman.area_ids, komponen_ids=halaman.komponen_ids)
    )
    jumlah = {
        "area": len(halaman.areas),
        "komponen": halaman.jumlah_komponen,
        "bukti": halaman.jumlah_bukti,
    }
    context = {
        "rencana": rencana,
        "tabel": tabel,
        "halaman": halaman,
        "jumlah": jumlah,
        "bulan": BULAN,
        "format": rencana.format_lampiran,
        "boleh_ubah": can(request.user, "rencana.ubah", rencana.satker) and not rencana.terkunci,
    }
    return render(request, "plans/rencana_detail.html", context)
