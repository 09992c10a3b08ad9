"""Printing a plan's SK with its Lampiran: the PDF download and the HTML preview.

GET ``/rencana/<rencana_pk>/cetak/`` with ``kertas=f4|a4``, ``tata_letak=zi|zi_bulanan|rb``,
``salinan=1|0`` (default: as the source document), ``html=1``. The plan is fetched through
``RencanaAksi.objects.for_user`` (another
satker's plan is a 404) and printing needs ``rencana.cetak`` (403 otherwise). The PDF is cached by
content version, and a conditional request whose ``If-None-Match`` matches gets a 304 without
rendering anything. A large plan whose PDF is not cached is rendered by the background worker:
the answer is then a redirect to the job's status page (``plans.print_jobs.pdf_or_job``).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET

from access.permissions import require
from plans.print_jobs import pdf_or_job
from plans.reports import KERTAS, TATA_LETAK, SkReport
from plans.selectors import rencana_for_user


class CetakForm(forms.Form):
    """The print options of the query string; every field is optional."""

    kertas = forms.ChoiceField(label="Kertas", choices=list(KERTAS.items()), required=False)
    tata_letak = forms.ChoiceField(
        label="Tata letak tabel", choices=list(TATA_LETAK.items()), required=False
    )
    # "1" copy, "0" original; absent: as the imported document was (``dokumen_salinan``).
    salinan = forms.TypedChoiceField(
        label="Cetak sebagai",
        choices=[("1", "Salinan"), ("0", "Asli")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=None,
    )
    html = forms.BooleanField(label="Pratinjau HTML", required=False)


@require_GET
@login_required
def rencana_cetak_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """The SK + Lampiran of plan ``rencana_pk`` as PDF (inline), or its HTML with ``html=1``.

    Responses: 200 PDF with ``ETag`` and ``Cache-Control: private, no-cache``; 302 to the
    status page of a background render (large plan, not cached); 304 when the
    client's ``If-None-Match`` matches; 400 for an unknown option; 403 without the
    ``rencana.cetak`` capability; 404 for a plan the user may not see.
    """
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "rencana.cetak", rencana.satker)
    form = CetakForm(request.GET)
    if not form.is_valid():
        pesan = "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())
        return HttpResponseBadRequest(
            f"Pilihan cetak tidak sah. {pesan}", content_type="text/plain; charset=utf-8"
        )
    options = form.cleaned_data
    report = SkReport()
    params = {
        "rencana": rencana,
        "kertas": options["kertas"] or "f4",
        "tata_letak": options["tata_letak"] or None,
        "salinan": options["salinan"],
    }
    if options["html"]:
        _filename, content_type, content = report.render(html_only=True, **params)
        return HttpResponse(content, content_type=content_type)

    job = report.prepare(**params)
    response = get_conditional_response(request, etag=job.etag)
    if response is None:
        response = pdf_or_job(
            request,
            print_job=job,
            rencana_id=rencana.pk,
            kind="sk_pdf",
            params={
                "rencana_id": rencana.pk,
                "kertas": params["kertas"],
                "tata_letak": params["tata_letak"],
                "salinan": params["salinan"],
            },
            satker=rencana.satker,
        )
        if response.status_code != 200:
            return response  # the status page of the background render
    response["ETag"] = job.etag
    # The PDF is personal data of a satker: browsers may keep it but must revalidate (cheap 304).
    response["Cache-Control"] = "private, no-cache"
    return response
