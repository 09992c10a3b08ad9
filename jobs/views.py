"""The status page of a background job, its JSON for the polling script, and its file.

URLs under ``/pekerjaan/<uuid>/``. A job is shown to whoever may do its ``capability`` on its
satker (the same check as the page that started it): another satker's job is a 404, a member
without the right gets 403. The page works without JavaScript (a refresh link); with it,
``static/jobs/status.js`` polls ``status.json`` every 1.5 s and offers the file when ready.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from access.models import Satker
from access.permissions import require
from jobs.heartbeat import worker_alive
from jobs.models import Job
from jobs.serving import serve_hasil


def _job(request: HttpRequest, pk) -> Job:
    job = get_object_or_404(Job.objects.select_related("satker"), pk=pk)
    if not Satker.objects.for_user(request.user).filter(pk=job.satker_id).exists():
        raise Http404("Pekerjaan tidak ditemukan.")
    require(request.user, job.capability, job.satker)
    return job


def status_data(job: Job) -> dict:
    """The JSON the status page polls: status, progress, message, links and timings."""
    end = job.selesai or timezone.now()
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "progress": job.progress,
        "pesan": job.pesan,
        "galat": job.galat,
        "selesai": job.status == Job.Status.SELESAI,
        "gagal": job.status == Job.Status.GAGAL,
        "detik": round((end - job.dibuat).total_seconds(), 1),
        "unduh": reverse("jobs:unduh", args=[job.pk]) if job.nama_hasil else "",
        "tautan": job.tautan,
        "pekerja_aktif": worker_alive(),
    }


@require_GET
@login_required
def status_view(request: HttpRequest, pk) -> HttpResponse:
    """The job's page: title, progress bar, current step; the download once it is done."""
    job = _job(request, pk)
    context = {"job": job, "data": status_data(job)}
    return render(request, "jobs/status.html", context)


@require_GET
@login_required
def status_json_view(request: HttpRequest, pk) -> JsonResponse:
    """``status_data`` of the job, never cached by the browser."""
    response = JsonResponse(status_data(_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def unduh_view(request: HttpRequest, pk) -> HttpResponse:
    """The job's file; a job not finished yet sends the user back to its page, a pruned file
    gets 410 with a way to ask for it again."""
    job = _job(request, pk)
    if job.status != Job.Status.SELESAI or not job.nama_hasil:
        return redirect("jobs:status", pk=job.pk)
    try:
        return serve_hasil(
            job.nama_hasil,
            filename=job.nama_unduhan,
            content_type=job.content_type,
            inline=job.content_type == "application/pdf",
        )
    except FileNotFoundError:
        return render(request, "jobs/kedaluwarsa.html", {"job": job}, status=410)
