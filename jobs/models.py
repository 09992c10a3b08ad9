"""A background job as the user sees it: what is being made, how far it is, where the file is.

django-tasks runs the work (``jobs.tasks``); a ``Job`` row is what the status page polls and what
makes identical requests share one job: ``key`` names the result (e.g. the SK of plan 12 on F4 in
content version ``ab12…``), and at most one job per key is waiting or running (a partial unique
constraint), so two users printing the same plan wait for the same render.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.models import Satker


class Job(models.Model):
    """One background job and its result file in the ``hasil`` storage.

    ``kind`` selects the handler (``jobs.handlers.HANDLERS``, filled by the apps), ``params`` are its JSON inputs.
    ``satker`` and ``capability`` (a key of ``access.permissions.CAPABILITIES``) decide
    who may see the job and download its file: the same check as the page that started it.
    ``progress`` is a percentage (0–100), ``pesan`` the current step in Indonesian. A job that
    makes a file names it in ``nama_hasil`` (storage name) and ``nama_unduhan`` (download name);
    one that changes data (an import) links its result page in ``tautan``.
    """

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu giliran")
        BERJALAN = "berjalan", _("Sedang dikerjakan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    AKTIF = (Status.MENUNGGU, Status.BERJALAN)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=255, db_index=True)
    judul = models.CharField(_("judul"), max_length=255)
    params = models.JSONField(default=dict)
    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="+")
    capability = models.CharField(max_length=40)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    progress = models.PositiveSmallIntegerField(default=0)
    pesan = models.CharField(max_length=200, blank=True)
    nama_hasil = models.CharField(max_length=255, blank=True)
    nama_unduhan = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    ukuran = models.PositiveBigIntegerField(null=True, blank=True)
    tautan = models.CharField(max_length=255, blank=True)
    galat = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(status__in=["menunggu", "berjalan"]),
                name="job_one_active_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def aktif(self) -> bool:
        return self.status in self.AKTIF
