"""Review workflow pages: a transition with its notes, new revisions, the province's queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from access.permissions import require, satkers_where
from plans.forms.workflow import CatatanForm, TetapkanForm
from plans.selectors import rencana_for_user
from plans.services import workflow
from plans.services.copying import rencana_revisi_baru

#: aksi → (service, capability, button label, success message)
TRANSISI = {
    "ajukan": (workflow.rencana_ajukan, "rencana.ajukan", "Ajukan ke provinsi", "Rencana diajukan ke provinsi."),
    "tarik": (workflow.rencana_tarik, "rencana.ajukan", "Tarik kembali ke draf", "Rencana ditarik kembali ke draf."),
    "setujui": (workflow.rencana_setujui, "rencana.tinjau", "Setujui", "Rencana disetujui."),
    "kembalikan": (workflow.rencana_kembalikan, "rencana.tinjau", "Kembalikan dengan catatan", "Rencana dikembalikan ke satker."),
    "tetapkan": (workflow.rencana_tetapkan, "rencana.tetapkan", "Tetapkan (SK ditandatangani)", "Rencana ditetapkan dan dikunci."),
}  # fmt: skip


@login_required
def rencana_transisi_view(request: HttpRequest, rencana_pk: int, aksi: str) -> HttpResponse:
    """GET: the confirmation with a notes box (and SK number/date to enact); POST: do it."""
    if aksi not in TRANSISI:
        raise Http404("Tindakan tidak dikenal.")
    service, capability, label, sukses = TRANSISI[aksi]
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, capability, rencana.satker)
    form_class = TetapkanForm if aksi == "tetapkan" else CatatanForm
    kwargs = {} if aksi == "tetapkan" else {"wajib": aksi == "kembalikan"}
    initial = {"sk_nomor": rencana.sk_nomor, "sk_tanggal": rencana.sk_tanggal}
    form = form_class(request.POST if request.method == "POST" else None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(rencana=rencana, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, sukses)
            return redirect("plans:rencana_detail", rencana_pk=rencana.pk)
    context = {"rencana": rencana, "form": form, "aksi": aksi, "label": label}
    return render(request, "plans/rencana_transisi.html", context)


@login_required
def rencana_revisi_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """GET: what a new revision of a signed plan means, with a confirm button; POST: make it.

    The confirmation says what happens (a draft copy; the signed plan stays in force with its
    evidence and monev until the revision is itself enacted). 403 without ``rencana.ubah``.
    """
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "rencana.ubah", rencana.satker)
    if request.method != "POST":
        return render(request, "plans/rencana_revisi.html", {"rencana": rencana})
    try:
        baru = rencana_revisi_baru(rencana=rencana, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("plans:rencana_detail", rencana_pk=rencana.pk)
    messages.success(
        request,
        f"Revisi {baru.revisi} dibuat sebagai draf. Revisi {rencana.revisi} tetap berlaku "
        "sampai revisi baru ditetapkan.",
    )
    return redirect("plans:rencana_ubah", rencana_pk=baru.pk)


@login_required
def antrean_tinjauan_view(request: HttpRequest) -> HttpResponse:
    """The province's queue: submitted plans of the satkers the user reviews, oldest first."""
    satkers = satkers_where(request.user, "rencana.tinjau")
    if not request.user.is_superuser and not satkers.exists():
        raise PermissionDenied("Halaman ini untuk reviewer provinsi.")
    qs = (
        rencana_for_user(user=request.user)
        .filter(status="diajukan", satker__in=satkers)
        .order_by("diubah")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "plans/antrean_tinjauan.html", {"page": page})
