"""Downloads after the permission check, and the evidence pack of a plan.

A file is streamed with ``FileResponse`` from the evidence storage, or, when
``settings.ZI_BUKTI_X_ACCEL_PREFIX`` is set and the storage is on local disk, handed to nginx
with ``X-Accel-Redirect`` (the app still checks the permission; nginx only sends the bytes).
Every answer carries ``Content-Disposition`` with the sanitised name, ``nosniff`` and
``Cache-Control: private``. Inline preview only for PDF and images, and then with
``Content-Security-Policy: sandbox``: should active content ever get past the upload checks,
the browser shows the file in a unique origin with scripts, forms and plugins disabled.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from access.permissions import require
from evidence.models import Unggahan
from evidence.pack import paket_bukti
from evidence.storage import bukti_storage, local_path
from evidence.views.common import get_rencana, get_unggahan, satker_dari
from jobs.services import mulai_job


def _secure(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "same-origin"
    return response


#: The only content types ever sent inline.
INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def serve_unggahan(unggahan: Unggahan, *, inline: bool) -> HttpResponse:
    """The response sending ``unggahan``'s file; the caller has checked the access already.

    Inline only for PDF and images, and then sandboxed (``Content-Security-Policy: sandbox``),
    so active content in a file never runs with the app's origin."""
    berkas = unggahan.berkas
    inline = inline and berkas.content_type in INLINE_TYPES
    response = _respond(unggahan, inline=inline)
    if inline:
        response["Content-Security-Policy"] = "sandbox"
    return response


def _respond(unggahan: Unggahan, *, inline: bool) -> HttpResponse:
    berkas = unggahan.berkas
    storage = bukti_storage()
    prefix = getattr(settings, "ZI_BUKTI_X_ACCEL_PREFIX", "")
    disposition = content_disposition_header(not inline, unggahan.nama_berkas)
    if prefix and local_path(storage, berkas.nama_penyimpanan):
        response = HttpResponse(content_type=berkas.content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(berkas.nama_penyimpanan)
        response["Content-Disposition"] = disposition
        return _secure(response)
    response = FileResponse(
        storage.open(berkas.nama_penyimpanan, "rb"),
        as_attachment=not inline,
        filename=unggahan.nama_berkas,
        content_type=berkas.content_type,
    )
    response["Content-Length"] = str(berkas.ukuran)
    # No HTML/SVG can get here (content is sniffed at upload), so a browser has nothing to run.
    return _secure(response)


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int) -> HttpResponse:
    """Download an upload as an attachment (``bukti.lihat``; another satker's → 404)."""
    unggahan = get_unggahan(request, pk)
    require(request.user, "bukti.lihat", satker_dari(unggahan.bukti_fisik))
    return serve_unggahan(unggahan, inline=False)


@login_required
@require_GET
def pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a PDF or an image inline; other types download as attachments."""
    unggahan = get_unggahan(request, pk)
    require(request.user, "bukti.lihat", satker_dari(unggahan.bukti_fisik))
    return serve_unggahan(unggahan, inline=unggahan.berkas.jenis_berkas.inline)


@login_required
@require_GET
def paket(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """The plan's evidence pack as a streamed ZIP (``?semua_revisi=1`` for every revision).

    A pack larger than ``ZI_PAKET_LANGSUNG_MAX_MB`` is built by the background worker: the
    answer redirects to the job's page, or straight to its file once built (same contents).
    """
    rencana = get_rencana(request, rencana_pk)
    require(request.user, "bukti.lihat", rencana.satker)
    semua_revisi = request.GET.get("semua_revisi") == "1"
    pack = paket_bukti(rencana=rencana, semua_revisi=semua_revisi)
    if pack.total_bytes > settings.ZI_PAKET_LANGSUNG_MAX_MB * 1024 * 1024:
        # Built once by the worker into the storage, then sent by nginx or a FileResponse:
        # a slow client of a 1 GB pack never holds a web worker for the whole download.
        job = mulai_job(
            kind="paket_bukti",
            key=f"paket_bukti:{pack.versi}",
            judul=f"Paket bukti fisik {pack.nama_zip}",
            params={"rencana_id": rencana.pk, "semua_revisi": semua_revisi},
            satker=rencana.satker,
            capability="bukti.lihat",
            user=request.user,
        )
        return redirect(
            "jobs:unduh" if job.status == job.Status.SELESAI else "jobs:status", pk=job.pk
        )
    stream = pack.stream()
    response = StreamingHttpResponse(stream, content_type="application/zip")
    response["Content-Length"] = str(len(stream))
    response["Content-Disposition"] = content_disposition_header(True, pack.nama_zip)
    return _secure(response)
