"""What each kind of job does (called by ``jobs.tasks.run_job`` in the worker).

A handler takes the running ``Job`` and returns the result fields for ``services.finish``
(``nama_hasil``, ``nama_unduhan``, ``content_type``, ``ukuran``, ``tautan``). It reports its
steps with ``services.set_progress``. Inputs are re-read from the database: the job may run
minutes after the request, and only the ids were stored.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable

from django.core.files import File
from django.urls import reverse

from jobs import services
from jobs.models import Job
from jobs.storage import hasil_storage, pangkas_sesekali, temp_dir


def _render_report(job: Job, report, params: dict) -> dict:
    from zona_integritas import printing

    services.set_progress(job, 10, "Membaca data dari basis data.")
    print_job = report.prepare(**params)
    name = printing.cached_pdf_name(print_job)
    if not printing.is_cached(print_job):
        services.set_progress(job, 25, "Menyusun dokumen (HTML).")
        html = print_job.html
        services.set_progress(job, 40, "Membuat PDF: menata halaman dan huruf.")
        content = printing.html_to_pdf(html, pdf_variant=print_job.pdf_variant)
        services.set_progress(job, 95, "Menyimpan PDF.")
        name = printing.store_pdf(print_job, content)
    return {
        "nama_hasil": name,
        "nama_unduhan": f"{print_job.filename}.pdf",
        "content_type": "application/pdf",
        "ukuran": hasil_storage().size(name),
    }


def sk_pdf(job: Job) -> dict:
    """The SK with its Lampiran: params ``rencana_id``, ``kertas``, ``tata_letak``, ``salinan``."""
    from plans.models import RencanaAksi
    from plans.reports import SkReport

    p = job.params
    rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(pk=p["rencana_id"])
    params = {
        "rencana": rencana,
        "kertas": p["kertas"],
        "tata_letak": p.get("tata_letak"),
        "salinan": p.get("salinan", False),
    }
    return _render_report(job, SkReport(), params)


def monev_pdf(job: Job) -> dict:
    """The monev report: params ``monev_id``, ``kertas``."""
    from monitoring.reports import MonevReport

    return _render_report(
        job, MonevReport(), {"monev_id": job.params["monev_id"], "kertas": job.params["kertas"]}
    )


class _BuiltFile(File):
    """A finished file on disk that the storage may move into place instead of copying."""

    def temporary_file_path(self) -> str:
        return self.name


def paket_bukti(job: Job) -> dict:
    """The evidence pack ZIP of a plan: params ``rencana_id``, ``semua_revisi``.

    Written to a temporary file beside the storage (progress by bytes, updated at most once a
    second), then saved into ``paket/`` of the ``hasil`` storage: a rename on local disk, an
    upload on S3. The temporary file is removed whatever happens.
    """
    from evidence.pack import paket_bukti as collect
    from plans.models import RencanaAksi

    rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(
        pk=job.params["rencana_id"]
    )
    services.set_progress(job, 2, "Mengumpulkan daftar berkas.")
    paket = collect(rencana=rencana, semua_revisi=bool(job.params.get("semua_revisi")))
    stream = paket.stream()
    total = len(stream) or 1
    fd, tmp = tempfile.mkstemp(dir=temp_dir(), prefix=".tmp-paket-", suffix=".zip")
    try:
        written, last = 0, 0.0
        with os.fdopen(fd, "wb") as out:
            for chunk in stream:
                out.write(chunk)
                written += len(chunk)
                if time.monotonic() - last >= 1:
                    last = time.monotonic()
                    services.set_progress(
                        job,
                        5 + 90 * written // total,
                        f"Menulis ZIP: {written // 2**20} dari {total // 2**20} MB.",
                    )
        services.set_progress(job, 96, "Menyimpan paket.")
        digest = hashlib.sha256(job.key.encode()).hexdigest()[:16]
        with open(tmp, "rb") as handle:
            name = hasil_storage().save(f"paket/{rencana.pk}-{digest}.zip", _BuiltFile(handle, tmp))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    pangkas_sesekali()
    return {
        "nama_hasil": name,
        "nama_unduhan": paket.nama_zip,
        "content_type": "application/zip",
        "ukuran": written,
    }


def impor_lampiran(job: Job) -> dict:
    """Import a large SK document: params ``text``, ``satker_id``, ``tahun``, ``replace``,
    ``sumber``, ``user_id``. Same service and rules as the import page (all or nothing).
    """
    from django.contrib.auth import get_user_model

    from plans.models import Satker
    from plans.services import lampiran_import

    p = job.params
    services.set_progress(job, 10, "Membaca dan memeriksa dokumen.")
    user = get_user_model().objects.filter(pk=p.get("user_id")).first()
    rencana, _hasil = lampiran_import(
        text=p["text"],
        satker=Satker.objects.get(pk=p["satker_id"]) if p.get("satker_id") else None,
        tahun=p.get("tahun"),
        replace=bool(p.get("replace")),
        user=user,
        sumber=p.get("sumber", ""),
    )
    return {"tautan": reverse("plans:rencana_detail", args=[rencana.pk])}


HANDLERS: dict[str, Callable[[Job], dict]] = {
    "sk_pdf": sk_pdf,
    "monev_pdf": monev_pdf,
    "paket_bukti": paket_bukti,
    "impor_lampiran": impor_lampiran,
}
