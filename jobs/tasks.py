"""Background tasks (django-tasks): run with ``manage.py db_worker``, inline in tests.

- ``run_job(job_id)``: runs the handler of a ``Job`` (``jobs.handlers``): cold renders of large
  SK and monev PDFs, evidence packs, imports of large SK documents.
- ``kirim_pengingat_task(tanggal, hari)``: the deadline reminder mail of ``kirim_pengingat``.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from jobs import services

logger = logging.getLogger(__name__)


def _message(exc: Exception) -> str:
    """What the user is told when a job fails: our own Indonesian messages, or a generic one."""
    from plans.lampiran import LampiranError

    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, LampiranError):
        return str(exc)
    return "Terjadi kesalahan saat mengerjakan permintaan ini; coba lagi atau hubungi admin."


@task()
def run_job(job_id: str) -> str:
    """Run the waiting ``Job`` ``job_id`` once; return its final status (``selesai``/``gagal``).

    A job that is not waiting any more (claimed by another worker, or failed as stale) is left
    alone. An exception marks the job failed with a message for the user and is raised again,
    so the task result records it too.
    """
    from jobs.handlers import HANDLERS

    job = services.claim(job_id)
    if job is None:
        return "dilewati"
    try:
        result = HANDLERS[job.kind](job)
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        services.fail(job, _message(exc))
        raise
    services.finish(job, **result)
    return "selesai"


@task()
def kirim_pengingat_task(tanggal: str | None = None, hari: int = 7) -> dict:
    """Send the deadline reminders as of ``tanggal`` (ISO date, default today) for ``hari`` days.

    Returns ``{"email": n, "butir": n, "gagal": [satker names]}`` (JSON for the task result).
    """
    from django.utils import timezone

    from monitoring.reminders import pengingat_kirim

    acuan = datetime.date.fromisoformat(tanggal) if tanggal else timezone.localdate()
    hasil = pengingat_kirim(tanggal=acuan, hari=hari)
    return {"email": hasil.email, "butir": hasil.butir, "gagal": list(hasil.gagal)}
