"""The plan data model: satkers, frameworks (kerangka) and the yearly action plan with its rows.

Tree of one plan (docs/architecture.md §1): ``RencanaAksi`` → ``RencanaArea`` (an area perubahan as the SK
lists it) → ``Komponen`` → ``Indikator`` → ``LangkahAksi`` → ``BuktiFisik`` (with its target
waktu and penanggung jawab). Order is data: every row has ``urutan`` so the SK's order
round-trips. Access control: every satker-owned model is reached through
``Model.objects.for_user(user)`` (see ``access.permissions``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from access.models import Satker
from access.permissions import SatkerScopedQuerySet
from plans import tree
from plans.target_waktu import POLA_LABEL, Pola


class Kerangka(models.Model):
    """A framework of change areas: ZI (six areas, PermenPANRB 90/2021) or RB (eight areas)."""

    kode = models.SlugField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    keterangan = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("kerangka")
        verbose_name_plural = _("kerangka")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class AreaPerubahan(models.Model):
    """One change area of a framework, numbered I, II, … in the SK."""

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="area")
    nomor = models.PositiveSmallIntegerField(_("nomor"), validators=[MinValueValidator(1)])
    nama = models.CharField(_("nama"), max_length=200)
    sinonim = models.JSONField(
        _("sinonim"),
        default=list,
        blank=True,
        help_text=_("Sebutan lain area ini di dokumen SK, untuk pencocokan saat impor."),
    )

    class Meta:
        verbose_name = _("area perubahan")
        verbose_name_plural = _("area perubahan")
        ordering = ["kerangka", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "nomor"], name="area_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kerangka.kode.upper()} {self.nomor}. {self.nama}"


class RencanaAksi(models.Model):
    """A yearly action plan of one satker in one framework, with the SK that enacts it.

    One plan per (satker, tahun, kerangka, revisi): a new revision is an explicit new version
    (e.g. after the SK was signed and must change). The SK's consideranda are lists of strings
    (``menimbang``, ``mengingat``, ``memperhatikan``), ``diktum`` is a list of
    ``{"label": "KESATU", "isi": "..."}`` and ``bab_lampiran`` a list of
    ``{"judul": "1. PENDAHULUAN", "isi": "..."}``.
    """

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan ke provinsi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    class Format(models.TextChoices):
        ZI = "zi", _("ZI enam kolom")
        ZI_BULANAN = "zi_bulanan", _("ZI jadwal bulanan")
        RB = "rb", _("RB lima kolom")

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="rencana_aksi")
    kerangka = models.ForeignKey(Kerangka, on_delete=models.PROTECT, related_name="rencana_aksi")
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    revisi = models.PositiveSmallIntegerField(_("revisi"), default=1)
    format_lampiran = models.CharField(
        _("format lampiran"), max_length=12, choices=Format.choices, default=Format.ZI
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAF
    )

    judul = models.TextField(_("tentang"), help_text=_("Judul SK (bagian TENTANG)."))
    judul_tabel = models.TextField(_("judul tabel lampiran"), blank=True)
    sk_nomor = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_tanggal = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    sk_tempat = models.CharField(_("tempat penetapan"), max_length=100, blank=True)
    ketua_nama = models.CharField(_("nama ketua"), max_length=150, blank=True)
    pejabat_salinan_nama = models.CharField(
        _("pejabat pengesah salinan"), max_length=150, blank=True
    )
    pejabat_salinan_jabatan = models.CharField(
        _("jabatan pengesah salinan"), max_length=200, blank=True
    )
    menimbang = models.JSONField(_("menimbang"), default=list, blank=True)
    mengingat = models.JSONField(_("mengingat"), default=list, blank=True)
    memperhatikan = models.JSONField(_("memperhatikan"), default=list, blank=True)
    menetapkan = models.TextField(_("menetapkan"), blank=True)
    diktum = models.JSONField(_("diktum"), default=list, blank=True)
    bab_lampiran = models.JSONField(_("bab naratif lampiran"), default=list, blank=True)
    # The lampiran's own heading (LAMPIRAN KEPUTUSAN … NOMOR … TANGGAL … TENTANG …) as the
    # source writes it; empty: the print uses the SK's nomor, date and title (§1.3).
    lampiran_nomor = models.CharField(_("nomor pada kepala lampiran"), max_length=100, blank=True)
    lampiran_tanggal = models.CharField(
        _("tanggal pada kepala lampiran"),
        max_length=100,
        blank=True,
        help_text=_("Seperti tertulis di dokumen, mis. '8 Februari 2022'."),
    )
    lampiran_tentang = models.TextField(_("tentang pada kepala lampiran"), blank=True)

    sumber_dokumen = models.CharField(_("dokumen sumber"), max_length=255, blank=True)
    # Whether the imported document is a certified copy (SALINAN: "ttd." for the signature and a
    # "Salinan sesuai dengan aslinya" block) rather than the signed original; the SK prints as
    # its source by default.
    dokumen_salinan = models.BooleanField(_("dokumen sumber berupa salinan"), default=False)
    disalin_dari = models.ForeignKey(
        "self",
        verbose_name=_("disalin dari"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        help_text=_("Rencana asal bila rencana ini dibuat dengan menyalin (tahun lalu, revisi)."),
    )
    # Optimistic locking (docs/architecture.md §4.1): every edit through plans.services checks and bumps it, so a
    # second editor working from a stale page is refused instead of overwriting silently.
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    # Content version: bumped by every write to the plan's rows (plans.versi), so whether a
    # printed SK is still current is decided from this row alone. Not a lock: row edits must
    # not make the SK form's ``versi`` stale.
    versi_isi = models.PositiveIntegerField(_("versi isi"), default=1, editable=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    SATKER_PATH = "satker"
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["-tahun", "satker__kode", "kerangka__kode", "-revisi"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "kerangka", "revisi"], name="rencana_satu_per_tahun"
            ),
        ]

    def __str__(self) -> str:
        rev = f" (revisi {self.revisi})" if self.revisi > 1 else ""
        return f"{self.kerangka.kode.upper()} {self.tahun} — {self.satker}{rev}"

    @property
    def terkunci(self) -> bool:
        """A plan whose SK is signed can no longer be edited (a new revision is needed)."""
        return self.status == self.Status.DITETAPKAN


class BarisRencana(models.Model):
    """Common fields of a plan row: its position among its siblings, and the archive flag.

    A row that a replacing import no longer lists, but under which evidence was uploaded, is
    archived instead of deleted (evidence is never lost); selectors leave archived rows out.
    """

    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    diarsipkan = models.BooleanField(_("diarsipkan"), default=False)
    # Optimistic locking: see RencanaAksi.versi.
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["urutan", "pk"]


class RencanaArea(BarisRencana):
    """An area perubahan as one plan's SK lists it: the area row ``I  PENATAAN TATA LAKSANA``.

    ``judul`` keeps the document's own wording (it varies: "Area Manajemen Perubahan",
    "PEMBANGUNAN UNIT KERJA …"); ``area`` links it to the framework's area when recognised.
    """

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(
        AreaPerubahan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nomor = models.CharField(_("nomor"), max_length=10, help_text=_("Angka Romawi, mis. II"))
    judul = models.CharField(_("judul"), max_length=300)

    SATKER_PATH = tree.path_to_satker("RencanaArea")
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(BarisRencana.Meta):
        verbose_name = _("area rencana")
        verbose_name_plural = _("area rencana")

    def __str__(self) -> str:
        return f"{self.nomor} {self.judul}"


class Komponen(BarisRencana):
    """A komponen of an area (``1  Tim Kerja``); spans several indikator rows."""

    rencana_area = models.ForeignKey(RencanaArea, on_delete=models.CASCADE, related_name="komponen")
    nomor = models.CharField(_("nomor"), max_length=10, blank=True)
    nama = models.TextField(_("komponen"), blank=True)

    SATKER_PATH = tree.path_to_satker("Komponen")
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(BarisRencana.Meta):
        verbose_name = _("komponen")
        verbose_name_plural = _("komponen")

    def __str__(self) -> str:
        return self.nama or "—"


class Indikator(BarisRencana):
    """An indikator of a komponen (RB: an *indikator keberhasilan*)."""

    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="indikator")
    nama = models.TextField(_("indikator"))

    SATKER_PATH = tree.path_to_satker("Indikator")
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(BarisRencana.Meta):
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")

    def __str__(self) -> str:
        return self.nama


class LangkahAksi(BarisRencana):
    """A langkah aksi (action step) of an indikator (RB: the *sub kegiatan*)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="langkah_aksi")
    nama = models.TextField(_("langkah aksi"))

    SATKER_PATH = tree.path_to_satker("LangkahAksi")
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(BarisRencana.Meta):
        verbose_name = _("langkah aksi")
        verbose_name_plural = _("langkah aksi")

    def __str__(self) -> str:
        return self.nama


# What a user may choose as a bukti fisik's schedule (``BuktiFisik.jadwal``); "rentang" (one
# window per run of months) is only ever read by the app, never offered.
JADWAL_PILIHAN = [(pola.value, text) for pola, text in POLA_LABEL.items() if pola != Pola.RENTANG]


class BuktiFisik(BarisRencana):
    """A bukti fisik (evidence item) of a langkah aksi, with its target waktu.

    ``target_waktu`` keeps the document's label verbatim; ``bulan`` (sorted months 1–12),
    ``minggu`` (weeks of the month, 1–5) and ``tahun`` are what
    ``plans.target_waktu.parse_target_waktu`` read from it, or, in the monthly-schedule format,
    the ✓ months of the grid. Empty ``bulan`` means no schedule could be read (*tanpa jadwal*).
    """

    langkah_aksi = models.ForeignKey(
        LangkahAksi, on_delete=models.CASCADE, related_name="bukti_fisik"
    )
    nama = models.TextField(_("bukti fisik"), blank=True)
    target_waktu = models.CharField(_("target waktu"), max_length=300, blank=True)
    bulan = models.JSONField(_("bulan"), default=list, blank=True)
    minggu = models.JSONField(_("minggu ke"), default=list, blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun target"), null=True, blank=True)
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=300, blank=True)
    # The schedule kind the user chose in the editor; empty = as the app reads the target waktu
    # (``plans.target_waktu.pola_otomatis``). ``tenggat`` is the date of a "tanggal tertentu".
    jadwal = models.CharField(_("jadwal"), max_length=12, choices=JADWAL_PILIHAN, blank=True)
    tenggat = models.DateField(_("tanggal tenggat"), null=True, blank=True)

    SATKER_PATH = tree.path_to_satker("BuktiFisik")
    objects = SatkerScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(BarisRencana.Meta):
        verbose_name = _("bukti fisik")
        verbose_name_plural = _("bukti fisik")

    def __str__(self) -> str:
        return self.nama or str(self.langkah_aksi)


class RiwayatStatus(models.Model):
    """One step of a plan's review workflow: who moved it from which status to which, and why.

    Written only by ``plans.services.workflow`` (every transition records who, when and notes);
    the plan page shows these as its timeline. Never edited afterwards.
    """

    rencana = models.ForeignKey(
        RencanaAksi, on_delete=models.CASCADE, related_name="riwayat_status"
    )
    dari = models.CharField(_("dari status"), max_length=14, choices=RencanaAksi.Status.choices)
    ke = models.CharField(_("ke status"), max_length=14, choices=RencanaAksi.Status.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)
    catatan = models.TextField(_("catatan"), blank=True)

    SATKER_PATH = "rencana__satker"
    objects = SatkerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.rencana} {self.dari} → {self.ke}"
