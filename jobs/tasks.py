"""Background tasks (django-tasks): run with ``manage.py db_worker``, inline in tests.

- ``run_job(job_id)``: runs the handler of a ``Job`` (``jobs.handlers``): cold renders of large
  SK and monev PDFs, evidence packs, imports of large SK documents.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from jobs import services

logger = logging.getLogger(__name__)


def _message(exc: Exception) -> str:
    """What the user is told when a job fails: our own Indonesian messages, or a generic one."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
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
