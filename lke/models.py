"""LKE (Lembar Kerja Evaluasi) data: the master question set per year, a satker's answers.

- ``MasterLke`` is one loaded master file (year, version, content digest and the file itself);
  ``NodeLke`` and ``SoalLke`` are its tree and questions as rows, so answers can point at them.
  A changed file for a year already loaded becomes a NEW version; answers keep pointing at the
  version they were given for, so a past year's answers are never rewritten.
- ``Lke`` is one satker's self-assessment for one year on one master version, with its
  workflow status (draf → diajukan → final) and a version number for optimistic locking.
- ``JawabanLke`` holds per question the unit's answer, note and bukti dukung (accepted
  ``evidence.Unggahan``), and the TPI's answer and note.
- ``TautanLke`` links an LKE sub area to the plan rows (komponen, optionally one indikator)
  that serve it.

History of ``Lke`` and ``JawabanLke`` is kept with django-simple-history, like the plan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from access.models import Satker
from access.permissions import SatkerScopedQuerySet
from evidence.models import Unggahan
from plans import tree
from plans.models import Indikator, Komponen


class MasterLke(models.Model):
    """One loaded master question set: its year, version within the year, and content."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)
    generated_at = models.CharField(_("dibuat pada (menurut berkas)"), max_length=40, blank=True)
    sumber = models.CharField(_("berkas sumber"), max_length=255, blank=True)
    data = models.JSONField(_("isi master"))
    dimuat = models.DateTimeField(_("dimuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("master soal LKE")
        verbose_name_plural = _("master soal LKE")
        ordering = ["-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "versi"], name="master_lke_versi_unik"),
            models.UniqueConstraint(fields=["tahun", "sha256"], name="master_lke_isi_unik"),
        ]

    def __str__(self) -> str:
        return f"Master LKE {self.tahun} (versi {self.versi})"


class NodeLke(models.Model):
    """A node of a master: komponen, sub komponen, area perubahan or sub area."""

    master = models.ForeignKey(MasterLke, on_delete=models.CASCADE, related_name="nodes")
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="anak"
    )
    id_master = models.PositiveIntegerField(_("id di master"))
    nama = models.CharField(_("nama"), max_length=300)
    level = models.CharField(_("tingkat"), max_length=20)
    bobot = models.DecimalField(_("bobot maksimal"), max_digits=6, decimal_places=3)
    urutan = models.PositiveIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("simpul LKE")
        verbose_name_plural = _("simpul LKE")
        ordering = ["master", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["master", "id_master"], name="node_lke_unik"),
        ]

    def __str__(self) -> str:
        return self.nama


class SoalLke(models.Model):
    """A question of a master, with its criterion, answer scheme and workbook cell."""

    master = models.ForeignKey(MasterLke, on_delete=models.CASCADE, related_name="soal")
    node = models.ForeignKey(NodeLke, on_delete=models.CASCADE, related_name="soal")
    id_master = models.PositiveIntegerField(_("id soal di master"))
    urutan = models.PositiveIntegerField(_("urutan"))
    teks = models.TextField(_("pertanyaan"))
    kriteria = models.TextField(_("kriteria nilai"), blank=True)
    jenis_jawaban = models.CharField(_("jenis jawaban"), max_length=12)
    bobot = models.DecimalField(_("bobot maksimal"), max_digits=6, decimal_places=3, default=0)
    skema = models.JSONField(_("skema penilaian"), default=list, blank=True)
    excel_sheet = models.CharField(_("lembar"), max_length=60)
    excel_baris = models.PositiveIntegerField(_("baris"))
    kolom_jawaban_unit = models.CharField(max_length=3)
    kolom_catatan_unit = models.CharField(max_length=3)
    kolom_bukti_dukung_unit = models.CharField(max_length=3)
    kolom_jawaban_tpi = models.CharField(max_length=3)
    kolom_catatan_tpi = models.CharField(max_length=3)

    class Meta:
        verbose_name = _("soal LKE")
        verbose_name_plural = _("soal LKE")
        ordering = ["master", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["master", "id_master"], name="soal_lke_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.id_master}. {self.teks[:60]}"


class Lke(models.Model):
    """A satker's LKE for one year: status, master version, optimistic-locking version."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf (diisi unit)")
        DIAJUKAN = "diajukan", _("Diajukan ke TPI")
        FINAL = "final", _("Final (ditetapkan TPI)")

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="lke")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    master = models.ForeignKey(MasterLke, on_delete=models.PROTECT, related_name="lke")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draf")
    pengajuan = models.PositiveSmallIntegerField(
        _("pengajuan ke"), default=0, help_text=_("Berapa kali unit telah mengajukan LKE ini.")
    )
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    difinalkan_pada = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    SATKER_PATH = "satker"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LKE")
        verbose_name_plural = _("LKE")
        ordering = ["-tahun", "satker__kode"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun"], name="lke_satu_per_tahun"),
        ]

    def __str__(self) -> str:
        return f"LKE {self.tahun} — {self.satker}"


class JawabanLke(models.Model):
    """The answers to one question of one LKE: the unit's and the TPI's, with notes."""

    lke = models.ForeignKey(Lke, on_delete=models.CASCADE, related_name="jawaban")
    soal = models.ForeignKey(SoalLke, on_delete=models.PROTECT, related_name="+")
    jawaban_unit = models.CharField(_("jawaban unit"), max_length=40, blank=True)
    catatan_unit = models.TextField(_("catatan unit"), blank=True)
    bukti = models.ManyToManyField(
        Unggahan, verbose_name=_("bukti dukung"), blank=True, related_name="jawaban_lke"
    )
    jawaban_tpi = models.CharField(_("jawaban TPI"), max_length=40, blank=True)
    catatan_tpi = models.TextField(_("catatan TPI"), blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    diubah = models.DateTimeField(auto_now=True)

    SATKER_PATH = "lke__satker"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[bukti])

    class Meta:
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        ordering = ["lke", "soal__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["lke", "soal"], name="jawaban_lke_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.lke} — soal {self.soal.id_master}"


class TautanLke(models.Model):
    """A plan row serving an LKE sub area: a komponen, or one indikator of it."""

    node = models.ForeignKey(NodeLke, on_delete=models.CASCADE, related_name="tautan")
    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="tautan_lke")
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.CASCADE, related_name="tautan_lke"
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    SATKER_PATH = tree.lookup("komponen", "satker", via="komponen")
    objects = SatkerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tautan LKE–rencana")
        verbose_name_plural = _("tautan LKE–rencana")
        ordering = ["node__urutan", "komponen__urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["node", "komponen"],
                condition=Q(indikator__isnull=True),
                name="tautan_lke_komponen_unik",
            ),
            models.UniqueConstraint(
                fields=["node", "komponen", "indikator"],
                condition=Q(indikator__isnull=False),
                name="tautan_lke_indikator_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node} ↔ {self.indikator or self.komponen}"
