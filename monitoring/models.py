"""Models of the monitoring app: the quarterly monev and the record of reminders sent.

A ``Monev`` is one plan's monitoring and evaluation for one triwulan; its ``BarisMonev`` rows
are the plan's langkah aksi with their realisation. A submitted monev is locked (signed off by
name) and kept with its history. Deadlines and progress are not stored: they are derived from the
plan and the evidence on demand (``plans.deadlines``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from access.permissions import SatkerScopedQuerySet
from plans import tree


class Triwulan(models.IntegerChoices):
    """Calendar quarters (``plans.deadlines`` rule 6)."""

    I = 1, _("Triwulan I")  # noqa: E741 - the roman numeral is the name people use
    II = 2, _("Triwulan II")
    III = 3, _("Triwulan III")
    IV = 4, _("Triwulan IV")


class Monev(models.Model):
    """The monev of one plan for one triwulan.

    ``status`` DRAF → DIAJUKAN (locked): ``disahkan_nama``/``disahkan_jabatan`` are the name and
    title of the person who signed it off, ``disahkan_oleh`` the account that submitted it and
    ``disahkan_pada`` when. ``tanggal_acuan`` is the reference date of the realisation figures
    (the end of the quarter, or the day it was filled in if earlier).
    """

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan (terkunci)")

    rencana = models.ForeignKey("plans.RencanaAksi", on_delete=models.PROTECT, related_name="monev")
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAF
    )
    tanggal_acuan = models.DateField(_("tanggal acuan"))
    kesimpulan = models.TextField(_("kesimpulan umum"), blank=True)
    disahkan_nama = models.CharField(_("disahkan oleh (nama)"), max_length=150, blank=True)
    disahkan_jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    disahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("diajukan oleh akun"),
    )
    disahkan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disahkan_nip = models.CharField(_("NIP penandatangan"), max_length=30, blank=True)
    # The report as the province files it: its number, its date (the figures are "as of" the
    # quarter's end, so that is the default, not the day it was submitted) and the head of the
    # office who acknowledges it ("Mengetahui").
    nomor_laporan = models.CharField(_("nomor laporan"), max_length=100, blank=True)
    tanggal_laporan = models.DateField(_("tanggal laporan"), null=True, blank=True)
    mengetahui_nama = models.CharField(_("mengetahui (nama)"), max_length=150, blank=True)
    mengetahui_nip = models.CharField(_("mengetahui (NIP)"), max_length=30, blank=True)
    mengetahui_jabatan = models.CharField(_("mengetahui (jabatan)"), max_length=200, blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    SATKER_PATH = "rencana__satker"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monev")
        verbose_name_plural = _("monev")
        ordering = ["rencana", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "triwulan"], name="monev_satu_per_triwulan"),
            models.CheckConstraint(
                condition=Q(status="draf") | ~Q(disahkan_nama=""),
                name="monev_diajukan_punya_penandatangan",
            ),
        ]

    def __str__(self) -> str:
        return f"Monev {self.get_triwulan_display()} — {self.rencana}"

    @property
    def terkunci(self) -> bool:
        """A submitted monev can no longer be edited."""
        return self.status == self.Status.DIAJUKAN

    @property
    def triwulan_romawi(self) -> str:
        return Triwulan(self.triwulan).name


class BarisMonev(models.Model):
    """One langkah aksi in a monev: its realisation, obstacles, follow-up and notes.

    ``langkah_aksi`` becomes NULL if the plan row is later deleted by a replacing import; the
    texts copied at creation (``area_teks``, ``langkah_aksi_teks``) keep the monev readable, so a
    submitted monev never loses a row.
    """

    class Realisasi(models.TextChoices):
        SELESAI = "selesai", _("Selesai")
        PROSES = "proses", _("Dalam proses")
        BELUM = "belum", _("Belum dilaksanakan")
        TIDAK_DIJADWALKAN = "tidak_dijadwalkan", _("Tidak dijadwalkan triwulan ini")

    monev = models.ForeignKey(Monev, on_delete=models.CASCADE, related_name="baris")
    langkah_aksi = models.ForeignKey(
        "plans.LangkahAksi", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    area_teks = models.CharField(_("area"), max_length=320, blank=True)
    langkah_aksi_teks = models.TextField(_("langkah aksi"))
    realisasi_status = models.CharField(
        _("status realisasi"), max_length=20, choices=Realisasi.choices, default=Realisasi.BELUM
    )
    realisasi_persen = models.PositiveSmallIntegerField(
        _("realisasi (%)"), default=0, validators=[MaxValueValidator(100), MinValueValidator(0)]
    )
    kendala = models.TextField(_("kendala"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    # Bumped by every save: a form posted with an older value is refused (optimistic locking).
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    SATKER_PATH = f"monev__{Monev.SATKER_PATH}"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("baris monev")
        verbose_name_plural = _("baris monev")
        ordering = ["monev", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["monev", "langkah_aksi"], name="baris_monev_langkah_unik"
            ),
            models.CheckConstraint(
                condition=Q(realisasi_persen__lte=100), name="baris_monev_persen_maks_100"
            ),
        ]

    def __str__(self) -> str:
        return self.langkah_aksi_teks[:80]


class PengingatTerkirim(models.Model):
    """A reminder sent for one bukti fisik and one due period (at most once: the constraint).

    ``periode`` is ``deadlines.Periode.kunci`` (``2022-03``); ``jenis`` says whether the item was
    coming due or overdue when the reminder went out; ``penerima`` the addresses mailed.
    """

    class Jenis(models.TextChoices):
        AKAN_JATUH_TEMPO = "akan_jatuh_tempo", _("Akan jatuh tempo")
        TERTUNGGAK = "tertunggak", _("Tertunggak")

    bukti_fisik = models.ForeignKey("plans.BuktiFisik", on_delete=models.CASCADE, related_name="+")
    periode = models.CharField(_("periode"), max_length=20)
    tenggat = models.DateField(_("tenggat"))
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    penerima = models.TextField(_("penerima"), blank=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    SATKER_PATH = tree.lookup("bukti", "satker", via="bukti_fisik")
    objects = SatkerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        ordering = ["-dikirim_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["bukti_fisik", "periode"], name="pengingat_sekali_per_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bukti_fisik_id} {self.periode} ({self.get_jenis_display()})"
