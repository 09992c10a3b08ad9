"""A print request answered now or by the worker: the shared step of the SK and monev views.

A cached PDF (or one small enough to render quickly) is answered in the request; a large one
that is not cached becomes a background job and the user is sent to its status page, so a
web worker is never held for the tens of seconds a 1,200-row SK takes. Two users asking for
the same document and content version share one job (its key is the print version).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from jobs.heartbeat import worker_alive
from jobs.services import mulai_job, runs_inline
from plans.models import BuktiFisik
from plans.tree import path_to_rencana
from zona_integritas import printing
from zona_integritas.printing import PrintJob


def plan_rows(rencana_id: int) -> int:
    """Number of bukti fisik rows of a plan (archived included): the size of its print."""
    return BuktiFisik.objects.filter(**{f"{path_to_rencana(BuktiFisik)}_id": rencana_id}).count()


def is_large(rencana_id: int) -> bool:
    """Whether a cold print of this plan goes to the worker (``ZI_CETAK_LANGSUNG_MAX_BARIS``).

    Only while a worker is alive (``jobs.heartbeat``) or jobs run inline: without one the user
    would wait for ever, so the print is rendered in the request as before.
    """
    if plan_rows(rencana_id) <= settings.ZI_CETAK_LANGSUNG_MAX_BARIS:
        return False
    return worker_alive() or runs_inline()


def pdf_or_job(
    request,
    *,
    print_job: PrintJob,
    rencana_id: int,
    kind: str,
    params: dict,
    satker,
    capability: str = "rencana.cetak",
) -> HttpResponse:
    """The PDF of ``print_job`` inline (cached, or small and rendered now), or a redirect to
    the status page of the job ``kind`` with ``params`` that renders it in the background.

    The caller has checked ``capability`` on ``satker`` and handled ``If-None-Match``.
    """
    if not printing.is_cached(print_job) and is_large(rencana_id):
        job = mulai_job(
            kind=kind,
            key=f"{kind}:{print_job.cache_group}:{print_job.version}",
            judul=f"Cetak {print_job.filename}.pdf",
            params=params,
            satker=satker,
            capability=capability,
            user=request.user,
        )
        return redirect("jobs:status", pk=job.pk)
    content = printing.pdf_for_job(print_job)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{print_job.filename}.pdf"
    )
    return response
