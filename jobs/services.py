"""Starting a job and recording its progress (the writes of the jobs app).

``mulai_job`` is what a view calls when a result is too slow for the request: it returns the
job that already makes the same result (same ``key``) or a finished one whose file is still in
the storage, else it creates a ``Job`` and enqueues ``jobs.tasks.run_job``. The worker then
calls the handler of ``jobs.handlers`` through ``jalankan``.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.models import Job
from zona_integritas.hasil import hasil_storage

logger = logging.getLogger(__name__)

#: A running job not updated for this long is taken as dead (its worker was killed).
STALE_AFTER = datetime.timedelta(seconds=getattr(settings, "ZI_JOB_STALE_SECONDS", 900))


def runs_inline() -> bool:
    """Whether jobs run inside the request (the immediate backend: tests, no worker needed)."""
    from django_tasks.backends.immediate import ImmediateBackend

    from jobs.tasks import run_job

    return isinstance(run_job.get_backend(), ImmediateBackend)


def job_reusable(job: Job) -> bool:
    """Whether a finished job's result is still there (its file exists, or it made no file)."""
    if job.status != Job.Status.SELESAI:
        return False
    return not job.nama_hasil or hasil_storage().exists(job.nama_hasil)


def mulai_job(
    *,
    kind: str,
    key: str,
    judul: str,
    params: dict,
    satker,
    capability: str,
    user=None,
    reuse_finished: bool = True,
) -> Job:
    """The job making the result ``key``: an existing one, or a new one queued for the worker.

    ``kind`` is a key of ``jobs.handlers.HANDLERS``, filled by the apps; ``params`` its JSON inputs; ``satker`` and
    ``capability`` decide who may see the job (checked by the views). ``reuse_finished=False``
    ignores finished jobs (for work that changes data, like an import). A running job whose
    ``diperbarui`` is older than ``STALE_AFTER`` is marked failed and replaced. With the
    immediate backend (tests) the job has run when this returns. Returns the ``Job``.
    """
    if reuse_finished:
        done = Job.objects.filter(key=key, status=Job.Status.SELESAI).order_by("-selesai").first()
        if done is not None and job_reusable(done):
            return done
    active = Job.objects.filter(key=key, status__in=Job.AKTIF).first()
    if active is not None:
        if (
            active.status == Job.Status.BERJALAN
            and active.diperbarui < timezone.now() - STALE_AFTER
        ):
            Job.objects.filter(pk=active.pk, status=Job.Status.BERJALAN).update(
                status=Job.Status.GAGAL,
                galat="Pekerja berhenti sebelum pekerjaan selesai.",
                selesai=timezone.now(),
            )
        else:
            return active
    from jobs.tasks import run_job

    fields = {
        "kind": kind,
        "key": key,
        "judul": judul[:255],
        "params": params,
        "satker": satker,
        "capability": capability,
        "dibuat_oleh": user if getattr(user, "is_authenticated", False) else None,
        "pesan": "Menunggu giliran pekerja latar belakang.",
    }
    inline = runs_inline()
    try:
        # The job row and its task row commit together: the worker never sees a task without
        # its job, and a failed enqueue leaves no job that would wait for ever.
        with transaction.atomic():
            job = Job.objects.create(**fields)
            if not inline:
                result = run_job.enqueue(str(job.pk))
                job.task_id = str(result.id)
                job.save(update_fields=["task_id"])
    except IntegrityError:
        # Another request created the same job between our read and our insert.
        return Job.objects.get(key=key, status__in=Job.AKTIF)
    if inline:
        run_job.enqueue(str(job.pk))
        job.refresh_from_db()
    return job


def set_progress(job: Job, progress: int, pesan: str) -> None:
    """Record progress (percent 0–100) and the current step of a running job."""
    Job.objects.filter(pk=job.pk).update(
        progress=max(0, min(100, int(progress))), pesan=pesan[:200], diperbarui=timezone.now()
    )


def claim(job_id: str) -> Job | None:
    """Mark a waiting job as running; ``None`` if it is not waiting (run already, or failed)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.MENUNGGU).update(
        status=Job.Status.BERJALAN, mulai=now, diperbarui=now, pesan="Mulai dikerjakan."
    )
    return Job.objects.get(pk=job_id) if claimed else None


def finish(job: Job, **result) -> None:
    """Mark ``job`` done with its result fields (``nama_hasil``, ``nama_unduhan``, …)."""
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SELESAI,
        progress=100,
        pesan="Selesai.",
        selesai=timezone.now(),
        **result,
    )


def fail(job: Job, galat: str) -> None:
    """Mark ``job`` failed with an Indonesian message for the user."""
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.GAGAL, galat=galat[:2000], selesai=timezone.now()
    )
