"""Who may do what: satkers, the memberships (roles) of users in them, and forced password
changes (docs/architecture.md §3).

These models were created by the ``plans`` app; they keep its table names (``db_table``), so
moving them here moved no row (``access/migrations/0001_initial_moved_access.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from access.permissions import SatkerScopedQuerySet
from access.roles import Peran


class Satker(models.Model):
    """A work unit (satuan kerja): a KPU Provinsi or a KPU Kabupaten/Kota.

    ``kode`` is the Kemendagri region code ("33" for Jawa Tengah, "3319" for Kudus); a
    kabupaten/kota points at its province through ``induk``.
    """

    class Jenis(models.TextChoices):
        PUSAT = "pusat", _("Pusat")
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kode = models.CharField(_("kode wilayah"), max_length=10, unique=True)
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    wilayah = models.CharField(_("nama wilayah"), max_length=100, help_text=_("mis. Kudus"))
    induk = models.ForeignKey(
        "self",
        verbose_name=_("provinsi induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    kota_penetapan = models.CharField(
        _("tempat penetapan SK"),
        max_length=100,
        blank=True,
        help_text=_("kota tempat SK ditetapkan"),
    )
    ketua_nama = models.CharField(_("nama ketua"), max_length=150, blank=True)
    sekretaris_nama = models.CharField(_("nama sekretaris"), max_length=150, blank=True)
    pejabat_salinan_nama = models.CharField(
        _("nama pejabat pengesah salinan"), max_length=150, blank=True
    )
    pejabat_salinan_jabatan = models.CharField(
        _("jabatan pejabat pengesah salinan"),
        max_length=200,
        default="Kepala Sub Bagian Hukum dan SDM",
    )

    SATKER_PATH = ""
    objects = SatkerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("satker")
        verbose_name_plural = _("satker")
        # Created by the plans app; kept so that moving the model moved no row.
        db_table = "plans_satker"
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["pusat", "provinsi"]) | Q(induk__isnull=False),
                name="satker_kabkota_punya_induk",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def wilayah_lengkap(self) -> str:
        """``Kabupaten Kudus``, ``Kota Tegal``, ``Provinsi Jawa Tengah``."""
        if self.jenis == self.Jenis.PUSAT:
            return self.wilayah
        return f"{self.get_jenis_display()} {self.wilayah}"

    @property
    def nama(self) -> str:
        """Short name as people say it: ``KPU Kabupaten Kudus``."""
        return f"KPU {self.wilayah_lengkap}"

    @property
    def nama_lembaga(self) -> str:
        """The institution as the decree heading prints it, upper-case."""
        return f"KOMISI PEMILIHAN UMUM {self.wilayah_lengkap.upper()}"


class Keanggotaan(models.Model):
    """A user's membership of a satker with a role; the unit of access control."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keanggotaan"
    )
    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="keanggotaan")
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    dibuat = models.DateTimeField(auto_now_add=True)

    SATKER_PATH = "satker"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="plans_historicalkeanggotaan")

    class Meta:
        verbose_name = _("keanggotaan")
        db_table = "plans_keanggotaan"
        verbose_name_plural = _("keanggotaan")
        ordering = ["satker__kode", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "satker", "peran"], name="keanggotaan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.satker}"


class WajibGantiSandi(models.Model):
    """An account whose password someone else has seen (generated on the member page, printed
    by ``import_users``, set by the system admin): its owner must change it at the next
    login. The row exists while the change is due; ``access.accounts`` enforces it
    and deletes the row when the owner has chosen their own password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wajib_ganti_sandi"
    )
    dibuat = models.DateTimeField(_("sejak"), auto_now_add=True)

    class Meta:
        verbose_name = _("wajib ganti kata sandi")
        verbose_name_plural = _("wajib ganti kata sandi")
        db_table = "plans_wajibgantisandi"

    def __str__(self) -> str:
        return str(self.user)
