"""Evidence (bukti fisik) files: stored content, uploads with revisions, verification.

- ``Berkas`` is stored content: one row (and one stored file) per satker and SHA-256, so the
  same document uploaded twice, or linked to several bukti fisik, is stored once.
- ``Unggahan`` is one upload of a file for a ``plans.BuktiFisik`` (and a period, the month it
  is due, from ``BuktiFisik.bulan``). Uploads are never overwritten: a file uploaded again
  under the same name for the same bukti fisik and period is the next *revision* of it
  (``kunci_revisi`` + ``revisi``). Withdrawing hides an upload but keeps it; only the system
  admin can purge (``evidence.services.unggahan_purge``, logged in the history).

Both point at plan rows with ``on_delete=PROTECT``: the plan importer relies on
``ProtectedError`` to archive rows instead of destroying evidence. Both are satker-scoped
(``SATKER_PATH``, ``objects.for_user(user)``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from access.models import Satker
from access.permissions import SatkerScopedQuerySet
from evidence.validation import JENIS
from plans import tree
from plans.calendar_id import NAMA_BULAN
from plans.models import BuktiFisik


def nama_bulan(bulan: int | None) -> str:
    """``"Maret"`` for 3; ``"Tanpa periode"`` for ``None`` (an upload for the whole item)."""
    return NAMA_BULAN[bulan] if bulan else "Tanpa periode"


class Berkas(models.Model):
    """Stored content of one satker: its SHA-256, size in bytes, detected type, storage name."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bait)"))
    jenis = models.CharField(
        _("jenis"), max_length=8, choices=[(k, j.label) for k, j in JENIS.items()]
    )
    content_type = models.CharField(_("tipe MIME"), max_length=120)
    nama_penyimpanan = models.CharField(_("nama di penyimpanan"), max_length=255, unique=True)
    dibuat = models.DateTimeField(_("disimpan pada"), auto_now_add=True)

    SATKER_PATH = "satker"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("berkas tersimpan")
        verbose_name_plural = _("berkas tersimpan")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "sha256"], name="berkas_satu_per_isi"),
        ]

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… ({self.get_jenis_display()})"

    @property
    def jenis_berkas(self):
        """The ``evidence.validation.JenisBerkas`` of this content."""
        return JENIS[self.jenis]


class Unggahan(models.Model):
    """One uploaded file for a bukti fisik and period, with its verification.

    ``periode_bulan`` is a month 1–12 taken from ``bukti_fisik.bulan``, or ``None`` for an
    upload that covers the whole item. ``nama_berkas`` is the sanitised name used for display
    and download; ``nama_asli`` is what the browser sent, for display only.
    """

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu verifikasi")
        DITERIMA = "diterima", _("Diterima")
        DITOLAK = "ditolak", _("Ditolak")

    bukti_fisik = models.ForeignKey(BuktiFisik, on_delete=models.PROTECT, related_name="unggahan")
    berkas = models.ForeignKey(Berkas, on_delete=models.PROTECT, related_name="unggahan")
    periode_bulan = models.PositiveSmallIntegerField(
        _("periode (bulan)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    nama_berkas = models.CharField(_("nama berkas"), max_length=200)
    nama_asli = models.CharField(_("nama asli"), max_length=255, blank=True)
    kunci_revisi = models.CharField(_("kunci revisi"), max_length=200)
    revisi = models.PositiveSmallIntegerField(_("revisi"), default=1)
    catatan = models.TextField(_("catatan"), blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    catatan_verifikasi = models.TextField(_("catatan verifikasi"), blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)

    ditarik = models.BooleanField(_("ditarik"), default=False)
    ditarik_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditarik oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ditarik_pada = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    alasan_tarik = models.TextField(_("alasan penarikan"), blank=True)

    SATKER_PATH = tree.lookup("bukti", "satker", via="bukti_fisik")
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unggahan bukti")
        verbose_name_plural = _("unggahan bukti")
        ordering = ["bukti_fisik", "periode_bulan", "kunci_revisi", "-revisi"]
        constraints = [
            # Two partial indexes because NULL periods are distinct in SQL unique indexes.
            models.UniqueConstraint(
                fields=["bukti_fisik", "periode_bulan", "kunci_revisi", "revisi"],
                condition=Q(periode_bulan__isnull=False),
                name="unggahan_revisi_unik_periode",
            ),
            models.UniqueConstraint(
                fields=["bukti_fisik", "kunci_revisi", "revisi"],
                condition=Q(periode_bulan__isnull=True),
                name="unggahan_revisi_unik_tanpa_periode",
            ),
            models.CheckConstraint(
                condition=Q(periode_bulan__isnull=True)
                | Q(periode_bulan__gte=1, periode_bulan__lte=12),
                name="unggahan_periode_bulan_sah",
            ),
        ]
        indexes = [models.Index(fields=["status", "ditarik"], name="unggahan_status_idx")]

    def __str__(self) -> str:
        return f"{self.nama_berkas} (revisi {self.revisi})"

    @property
    def periode_label(self) -> str:
        """``"Maret"`` or ``"Tanpa periode"``."""
        return nama_bulan(self.periode_bulan)

    @property
    def perlu_unggah_ulang(self) -> bool:
        """A rejected upload asks for a new one (it shows as needing a new upload)."""
        return self.status == self.Status.DITOLAK and not self.ditarik
