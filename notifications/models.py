"""In-app notifications: what concerns a user (a plan returned or approved, evidence
rejected, items due this week), listed on *Notifikasi* with an unread count in the navbar.

The app sits below ``plans``, ``evidence`` and ``monitoring``: they call
``notifications.services.notifikasi_create``; this app imports none of them, so a notification
carries its text and link, not a foreign key into another app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notifikasi(models.Model):
    """One message to one user. ``tautan`` is a path inside the app (``/rencana/12/``);
    ``dibaca_pada`` is empty while unread."""

    class Jenis(models.TextChoices):
        RENCANA = "rencana", "Rencana aksi"
        BUKTI = "bukti", "Bukti fisik"
        TENGGAT = "tenggat", "Tenggat"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    jenis = models.CharField(max_length=16, choices=Jenis.choices)
    judul = models.CharField(max_length=200)
    isi = models.TextField(blank=True)
    tautan = models.CharField(max_length=500, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)
    dibaca_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["user", "dibaca_pada"], name="notifikasi_belum_dibaca")]
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"

    def __str__(self) -> str:
        return self.judul

    @property
    def dibaca(self) -> bool:
        return self.dibaca_pada is not None
