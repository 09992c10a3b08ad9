"""Workbook export/import, the LKE PDF, and the signed evidence download."""

from __future__ import annotations

import base64
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from access.permissions import require
from evidence.models import Unggahan
from evidence.views.files import serve_unggahan
from lke.forms import ImporForm
from lke.reports import LkeReport
from lke.signing import buka_token
from lke.views.answering import get_lke
from lke.workbook import workbook_baca, workbook_ekspor, workbook_impor

MAX_BYTES = 5 * 1024 * 1024
_SESSION_KEY = "lke_xlsx_impor"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluators' workbook of the LKE (answers in the master's cells + summary sheet)."""
    lke = get_lke(request, pk)
    content = workbook_ekspor(lke=lke, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type=XLSX)
    name = slugify(f"lke-{lke.satker.wilayah}-{lke.tahun}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def xlsx_impor_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → dry-run preview (every refused cell named) → confirm → write, all or nothing.

    The confirmed workbook is the previewed one (kept in the session with its digest).
    """
    lke = get_lke(request, pk)
    require(
        request.user, "lke.isi" if lke.status != lke.Status.DIAJUKAN else "lke.tinjau", lke.satker
    )
    if request.method == "POST" and request.POST.get("langkah") == "simpan":
        stored = request.session.pop(_SESSION_KEY, None) or {}
        if stored.get("lke") != lke.pk or stored.get("sha") != request.POST.get("sha"):
            messages.error(request, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
            return redirect("lke:xlsx_impor", pk=lke.pk)
        try:
            hasil = workbook_impor(
                lke=lke,
                data=base64.b64decode(stored["data"]),
                penilai=stored["penilai"],
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("lke:xlsx_impor", pk=lke.pk)
        if hasil.galat:
            messages.error(
                request, "Impor dibatalkan, tidak ada yang disimpan: " + "; ".join(hasil.galat[:5])
            )
            return redirect("lke:xlsx_impor", pk=lke.pk)
        messages.success(
            request, f"{len(hasil.perubahan)} jawaban diimpor, {hasil.tidak_berubah} tidak berubah."
        )
        return redirect("lke:lke_detail", pk=lke.pk)
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["berkas"].read(MAX_BYTES + 1)
        penilai = form.cleaned_data["penilai"]
        if len(data) > MAX_BYTES:
            form.add_error("berkas", "Berkas terlalu besar (maks. 5 MB).")
        else:
            pratinjau = workbook_baca(lke=lke, data=data, penilai=penilai)
            sha = hashlib.sha256(data).hexdigest()
            if not pratinjau.galat:
                request.session[_SESSION_KEY] = {
                    "lke": lke.pk, "sha": sha, "penilai": penilai,
                    "data": base64.b64encode(data).decode(),
                }  # fmt: skip
            return render(
                request,
                "lke/xlsx_pratinjau.html",
                {"lke": lke, "pratinjau": pratinjau, "sha": sha, "penilai": penilai},
                status=400 if pratinjau.galat else 200,
            )
    return render(request, "lke/xlsx_impor.html", {"lke": lke, "form": form})


@login_required
@require_GET
def pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The LKE summary as PDF; ``?kertas=a4`` or ``f4`` (default); ``?html=1`` for the HTML."""
    lke = get_lke(request, pk)
    kertas = request.GET.get("kertas", "f4")
    kertas = kertas if kertas in ("f4", "a4") else "f4"
    filename, content_type, content = LkeReport().render(
        lke_id=lke.pk, kertas=kertas, html_only=request.GET.get("html") == "1"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def bukti_unduh_view(request: HttpRequest, token: str) -> HttpResponse:
    """A bukti dukung through its signed, expiring link (no account needed; 404 otherwise).

    Only accepted, non-withdrawn uploads are served: a link issued for a file later withdrawn
    stops working.
    """
    try:
        pk = buka_token(token)
    except signing.BadSignature:
        raise Http404("Tautan tidak sah atau kedaluwarsa.") from None
    unggahan = (
        Unggahan.objects.select_related("berkas")
        .filter(pk=pk, status=Unggahan.Status.DITERIMA, ditarik=False)
        .first()
    )
    if unggahan is None:
        raise Http404("Berkas tidak tersedia.")
    return serve_unggahan(unggahan, inline=False)
