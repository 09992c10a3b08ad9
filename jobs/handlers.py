"""What each kind of job does (called by ``jobs.tasks.run_job`` in the worker).

The handlers live in the apps whose work they do (``plans.jobs``, ``evidence.jobs``,
``monitoring.jobs``) and are registered from their ``AppConfig.ready`` with
``register_handler``, so ``jobs`` (below them) imports none of them.

A handler takes the running ``Job`` and returns the result fields for ``services.finish``
(``nama_hasil``, ``nama_unduhan``, ``content_type``, ``ukuran``, ``tautan``). It reports its
steps with ``services.set_progress``. Inputs are re-read from the database: the job may run
minutes after the request, and only the ids were stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files import File

from jobs import services
from jobs.models import Job
from zona_integritas.hasil import hasil_storage


def render_report(job: Job, report, params: dict) -> dict:
    """Render ``report`` (a ``zona_integritas.printing.Report``) with ``params`` into the
    generated-files storage, reporting progress; the result fields for ``services.finish``."""
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


HANDLERS: dict[str, Callable[[Job], dict]] = {}


def register_handler(kind: str, handler: Callable[[Job], dict]) -> None:
    """Make ``handler`` run the jobs of ``kind`` (called from an app's ``AppConfig.ready``)."""
    HANDLERS[kind] = handler


class BuiltFile(File):
    """A finished file on disk that the storage may move into place instead of copying."""

    def temporary_file_path(self) -> str:
        return self.name
