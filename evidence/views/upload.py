"""The upload endpoint: size enforced while streaming, content checked, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from access.permissions import require
from evidence.forms import UnggahForm
from evidence.models import Unggahan
from evidence.services import unggahan_create
from evidence.upload_handlers import UkuranTerbatasUploadHandler
from evidence.views.browse import detail_context
from evidence.views.common import get_bukti, satker_dari, wants_json


@csrf_exempt  # the CSRF check runs in _simpan, after our upload handler is installed
@login_required
@require_http_methods(["GET", "POST"])
def unggah(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload one or many files for bukti fisik ``pk`` (``bukti.unggah``).

    GET goes to the bukti fisik page's upload form. POST (multipart: ``berkas`` files,
    ``periode``, ``catatan``, optional ``revisi_dari``) answers a redirect (or JSON for the
    drag-and-drop uploader: ``{"ok", "pesan", "redirect"}`` / ``{"ok": false, "errors"}``
    with status 400). Another satker's bukti fisik is a 404, a reader's POST a 403 — both
    before a byte of the body is parsed.
    """
    bukti = get_bukti(request, pk)
    require(request.user, "bukti.unggah", satker_dari(bukti))
    detail = reverse("evidence:bukti_detail", args=[bukti.pk])
    if request.method == "GET":
        periode = request.GET.get("periode")
        return redirect(f"{detail}?periode={periode}#unggah" if periode else f"{detail}#unggah")
    handler = UkuranTerbatasUploadHandler(request)
    request.upload_handlers.insert(0, handler)
    try:
        return _simpan(request, bukti, handler, detail)
    except MultiPartParserError:
        # Django's multipart parser gives up on a part header over 10 KiB (a file name of
        # thousands of characters) or a malformed body; answer like any other refusal.
        return _tolak(
            request,
            bukti,
            UnggahForm(bukti=bukti),
            [
                "Permintaan unggah tidak dapat dibaca: nama berkas terlalu panjang atau data "
                "formulir rusak. Perpendek nama berkasnya lalu unggah lagi."
            ],
        )


def _tolak(request: HttpRequest, bukti, form, errors: list[str]) -> HttpResponse:
    """The refusal: JSON for the uploader script, else the bukti fisik page; status 400."""
    errors = [*errors, "Tidak ada berkas yang disimpan; perbaiki lalu unggah lagi."]
    if wants_json(request):
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    return render(
        request,
        "evidence/bukti_detail.html",
        detail_context(request, bukti, form=form, penolakan=errors),
        status=400,
    )


@csrf_protect
def _simpan(request: HttpRequest, bukti, handler: UkuranTerbatasUploadHandler, detail: str):
    form = UnggahForm(request.POST, bukti=bukti)
    uploaded = request.FILES.getlist("berkas")  # parses the body through `handler`
    errors = list(handler.penolakan)
    revisi_dari = None
    if not form.is_valid():
        errors += [e for field_errors in form.errors.values() for e in field_errors]
    elif form.cleaned_data.get("revisi_dari"):
        revisi_dari = Unggahan.objects.filter(
            pk=form.cleaned_data["revisi_dari"], bukti_fisik=bukti
        ).first()
        if revisi_dari is None:
            errors.append("Berkas yang hendak direvisi tidak ditemukan pada bukti fisik ini.")
    if not errors and not uploaded:
        errors.append("Pilih minimal satu berkas untuk diunggah.")
    created: list[Unggahan] = []
    if not errors:
        try:
            created = unggahan_create(
                bukti_fisik=bukti,
                files=[(f, f.name, f.size) for f in uploaded],
                user=request.user,
                periode_bulan=form.cleaned_data["periode"],
                catatan=form.cleaned_data["catatan"],
                revisi_dari=revisi_dari,
            )
        except ValidationError as exc:
            errors += exc.messages
    if errors:
        return _tolak(request, bukti, form, errors)
    pesan = f"{len(created)} berkas diunggah dan menunggu verifikasi: " + ", ".join(
        f"{u.nama_berkas} (revisi {u.revisi})" for u in created
    )
    messages.success(request, pesan)
    if wants_json(request):
        return JsonResponse({"ok": True, "pesan": pesan, "redirect": detail})
    return redirect(detail)
