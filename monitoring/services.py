"""Writes of the monitoring app: opening, saving and submitting a quarterly monev.

Every function is keyword-only and atomic; a submitted (locked) monev is never changed.
The realisation prefilled into a new monev comes from the deadline engine and the accepted
evidence (``realisasi_langkah``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.deadlines import triwulan_rentang
from monitoring.models import BarisMonev, Monev
from monitoring.progress import Butir, load_butir
from plans.models import LangkahAksi, RencanaAksi


@dataclass
class RealisasiLangkah:
    """Planned vs realised of one langkah aksi in one quarter, on a reference date.

    ``rencana``: its bukti fisik's periods with a deadline in the quarter; ``selesai``: of those,
    fulfilled by the date (on time or late); ``terlambat``/``tertunggak``: late / overdue on the
    date; ``label_periode``: the periods as people say them.
    """

    rencana: int = 0
    selesai: int = 0
    terlambat: int = 0
    tertunggak: int = 0
    label_periode: tuple[str, ...] = ()
    tanpa_jadwal: bool = False

    @property
    def persen(self) -> int:
        return self.selesai * 100 // self.rencana if self.rencana else 0

    @property
    def status(self) -> str:
        """The ``BarisMonev.Realisasi`` value this realisation suggests."""
        if not self.rencana:
            return BarisMonev.Realisasi.TIDAK_DIJADWALKAN
        if self.selesai == self.rencana:
            return BarisMonev.Realisasi.SELESAI
        return BarisMonev.Realisasi.PROSES if self.selesai else BarisMonev.Realisasi.BELUM


def realisasi_langkah(
    butir_list: list[Butir], *, tahun: int, triwulan: int, tanggal: date
) -> dict[int, RealisasiLangkah]:
    """Per langkah aksi id, its ``RealisasiLangkah`` for ``triwulan`` of ``tahun`` on ``tanggal``.

    A period belongs to the quarter in which its deadline falls (``deadlines`` rule 6). The state
    is taken at the end of ``tanggal`` (evidence filed that day counts; a period due that day
    without evidence is overdue), as the monev records the close of its reference date. Pure
    computation over ``load_butir`` output.
    """
    start, end = triwulan_rentang(tahun, triwulan)
    result: dict[int, RealisasiLangkah] = defaultdict(RealisasiLangkah)
    labels: dict[int, list[str]] = defaultdict(list)
    for butir in butir_list:
        r = result[butir.langkah_aksi_id]
        if not butir.jadwal.periode:
            r.tanpa_jadwal = True
        for sp in butir.jadwal.status_periode(tanggal):
            if not start <= sp.periode.tenggat <= end:
                continue
            r.rencana += 1
            labels[butir.langkah_aksi_id].append(sp.periode.label)
            if sp.tanggal_bukti is not None:
                r.selesai += 1
                r.terlambat += sp.tanggal_bukti > sp.periode.tenggat
            elif sp.periode.tenggat <= tanggal:  # end of the reference day: due and missing
                r.tertunggak += 1
    for la_id, names in labels.items():
        result[la_id].label_periode = tuple(dict.fromkeys(names))
    return dict(result)


def monev_tanggal_acuan(*, tahun: int, triwulan: int, hari_ini: date) -> date:
    """The reference date of a quarter's monev: the quarter's last day, or today if earlier."""
    return min(triwulan_rentang(tahun, triwulan)[1], hari_ini)


@transaction.atomic
def monev_mulai(*, rencana: RencanaAksi, triwulan: int, hari_ini: date) -> Monev:
    """Open the draft monev of ``rencana`` for ``triwulan`` with one row per live langkah aksi.

    Rows are prefilled from the evidence (status and percentage, ``realisasi_langkah``) on the
    monev's reference date. Idempotent: an existing monev is returned unchanged. Raises
    ``ValidationError`` for a quarter outside 1–4.
    """
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError(_("Triwulan harus I sampai IV."))
    existing = Monev.objects.select_for_update().filter(rencana=rencana, triwulan=triwulan).first()
    if existing is not None:
        return existing
    tanggal = monev_tanggal_acuan(tahun=rencana.tahun, triwulan=triwulan, hari_ini=hari_ini)
    monev = Monev.objects.create(rencana=rencana, triwulan=triwulan, tanggal_acuan=tanggal)
    realisasi = realisasi_langkah(
        load_butir(rencana_ids=[rencana.pk]), tahun=rencana.tahun, triwulan=triwulan,
        tanggal=tanggal,
    )  # fmt: skip
    rows = []
    for urutan, (la_id, teks, area_teks) in enumerate(langkah_aksi_rencana(rencana)):
        r = realisasi.get(la_id, RealisasiLangkah())
        rows.append(
            BarisMonev(
                monev=monev,
                langkah_aksi_id=la_id,
                urutan=urutan,
                langkah_aksi_teks=teks,
                area_teks=area_teks[:320],
                realisasi_status=r.status,
                realisasi_persen=r.persen,
            )  # fmt: skip
        )
    BarisMonev.objects.bulk_create(rows)
    return monev


def langkah_aksi_rencana(rencana: RencanaAksi) -> list[tuple[int, str, str]]:
    """``(langkah_aksi_id, langkah aksi text, area "II Penataan …")`` of the plan's live rows,
    in SK order (one query)."""
    area = "indikator__komponen__rencana_area"
    rows = (
        LangkahAksi.objects.filter(
            **{f"{area}__rencana": rencana, f"{area}__diarsipkan": False},
            diarsipkan=False,
            indikator__diarsipkan=False,
            indikator__komponen__diarsipkan=False,
        )
        .order_by(
            f"{area}__urutan",
            f"{area}__id",
            "indikator__komponen__urutan",
            "indikator__komponen__id",
            "indikator__urutan",
            "indikator__id",
            "urutan",
            "id",
        )  # fmt: skip
        .values_list("id", "nama", f"{area}__nomor", f"{area}__judul")
    )
    return [(pk, nama, f"{nomor} {judul}".strip()) for pk, nama, nomor, judul in rows]


def _ensure_draft(monev: Monev) -> Monev:
    locked = Monev.objects.select_for_update().get(pk=monev.pk)
    if locked.terkunci:
        raise ValidationError(_("Monev ini sudah diajukan dan terkunci; tidak dapat diubah."))
    return locked


@transaction.atomic
def monev_simpan(*, monev: Monev, formset, kesimpulan: str) -> Monev:
    """Save a draft monev's rows (a valid ``BarisMonevFormSet`` bound to its rows) and its
    conclusion. Raises ``ValidationError`` if the monev was locked meanwhile."""
    locked = _ensure_draft(monev)
    for form in formset.forms:
        if form.instance.monev_id != locked.pk:
            raise ValidationError(_("Baris tidak termasuk monev ini."))
    formset.save()
    locked.kesimpulan = kesimpulan
    locked.save(update_fields=["kesimpulan", "diubah"])
    return locked


@transaction.atomic
def monev_ajukan(*, monev: Monev, nama: str, jabatan: str, user) -> Monev:
    """Submit and lock a draft monev, signed off by ``nama`` (``jabatan``) through ``user``.

    Raises ``ValidationError`` if it is already locked or the name is empty.
    """
    locked = _ensure_draft(monev)
    if not nama.strip():
        raise ValidationError(_("Nama penandatangan wajib diisi."))
    locked.status = Monev.Status.DIAJUKAN
    locked.disahkan_nama = nama.strip()
    locked.disahkan_jabatan = jabatan.strip()
    locked.disahkan_oleh = user
    locked.disahkan_pada = timezone.now()
    locked.full_clean()
    locked.save()
    return locked
