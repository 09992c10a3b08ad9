"""Content of the quarterly monev report: per area → indikator → langkah aksi, with figures.

``isi_laporan(monev)`` gathers what the report prints (four queries whatever the plan's size):
per area and indikator the target, realisation and achievement year to date and for the quarter
(``monitoring.capaian``; overdue periods of earlier quarters carried into the quarter), the
accepted evidence named with its date, the Tim ZI's status, obstacles and follow-up per langkah
aksi, and a summary per area and for the plan. RB plans name their levels as their lampiran does
(*indikator keberhasilan*, *sub kegiatan*).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from evidence.models import Unggahan
from monitoring.capaian import Capaian, capaian_langkah
from monitoring.models import BarisMonev, Monev
from monitoring.progress import load_butir
from plans.models import LangkahAksi, RencanaAksi
from plans.tree import lookup

#: How many evidence files a langkah aksi row names before "dan N berkas lain".
BUKTI_DISEBUT = 4


@dataclass
class BuktiDisebut:
    """One accepted evidence file as the report names it."""

    nama: str
    tanggal: date


@dataclass
class LangkahLaporan:
    """One langkah aksi (RB: sub kegiatan) with its monev row and figures."""

    teks: str
    baris: BarisMonev
    capaian: Capaian
    bukti: list[BuktiDisebut] = field(default_factory=list)
    bukti_lain: int = 0


@dataclass
class IndikatorLaporan:
    """One indikator (RB: indikator keberhasilan) with its langkah aksi and summed figures."""

    teks: str
    komponen: str
    capaian: Capaian = field(default_factory=Capaian)
    langkah: list[LangkahLaporan] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The indikator's state from its rows' statuses (the Tim ZI's, not recomputed)."""
        values = {la.baris.realisasi_status for la in self.langkah}
        r = BarisMonev.Realisasi
        if values <= {r.TIDAK_DIJADWALKAN}:
            return r.TIDAK_DIJADWALKAN.label
        if values <= {r.SELESAI, r.TIDAK_DIJADWALKAN}:
            return r.SELESAI.label
        if values & {r.SELESAI, r.PROSES}:
            return r.PROSES.label
        return r.BELUM.label


@dataclass
class AreaLaporan:
    """One area with its indikator, summed figures and the count of rows per status."""

    judul: str
    capaian: Capaian = field(default_factory=Capaian)
    indikator: list[IndikatorLaporan] = field(default_factory=list)
    status: Counter = field(default_factory=Counter)

    @property
    def jumlah_langkah(self) -> int:
        return sum(self.status.values())


@dataclass
class IsiLaporan:
    """Everything the report prints besides the monev's own fields."""

    areas: list[AreaLaporan]
    total: Capaian
    status: Counter
    label_indikator: str
    label_langkah: str
    dasar_kerangka: str
    judul_kerangka: str

    @property
    def jumlah_langkah(self) -> int:
        return sum(self.status.values())


def dasar_kerangka(rencana: RencanaAksi) -> str:
    """The framework regulation as the plan's SK cites it (its *Mengingat* item naming Zona
    Integritas, or Reformasi Birokrasi for an RB plan), without its list number; the framework's
    name when the SK cites none."""
    kata = "Reformasi Birokrasi" if rencana.kerangka.kode == "rb" else "Zona Integritas"
    found = [str(m) for m in rencana.mengingat or [] if kata.lower() in str(m).lower()]
    if not found:
        return rencana.kerangka.nama
    # The most recent citation is the one in force (SKs list them oldest first).
    return re.sub(r"^\s*\d+[.)]\s*", "", found[-1]).rstrip(" ;")


def _bukti_per_langkah(
    butir_ids: list[int], la_of: dict[int, int], tanggal: date
) -> dict[int, list[BuktiDisebut]]:
    rows = (
        Unggahan.objects.filter(
            bukti_fisik_id__in=butir_ids, status=Unggahan.Status.DITERIMA, ditarik=False
        )
        .order_by("diunggah_pada", "pk")
        .values_list("bukti_fisik_id", "nama_berkas", "diunggah_pada")
    )
    result: dict[int, list[BuktiDisebut]] = defaultdict(list)
    for bukti_id, nama, waktu in rows:
        day = timezone.localdate(waktu)
        if day <= tanggal:  # the report states the evidence as at its reference date
            result[la_of[bukti_id]].append(BuktiDisebut(nama, day))
    return result


def isi_laporan(monev: Monev) -> IsiLaporan:
    """The report content of ``monev`` (its rencana, satker and kerangka fetched with it)."""
    rencana = monev.rencana
    butir_list = load_butir(rencana_ids=[rencana.pk])
    capaian = capaian_langkah(
        butir_list, tahun=rencana.tahun, triwulan=monev.triwulan, tanggal=monev.tanggal_acuan
    )
    bukti = _bukti_per_langkah(
        [b.id for b in butir_list], {b.id: b.langkah_aksi_id for b in butir_list},
        monev.tanggal_acuan,
    )  # fmt: skip
    rows = list(BarisMonev.objects.filter(monev=monev).order_by("urutan", "pk"))
    tree = {
        pk: (ind_id, ind, komponen)
        for pk, ind_id, ind, komponen in LangkahAksi.objects.filter(
            pk__in=[r.langkah_aksi_id for r in rows if r.langkah_aksi_id]
        ).values_list(
            "pk", "indikator_id", "indikator__nama", lookup("langkah", "komponen", "nama")
        )
    }
    areas: dict[str, AreaLaporan] = {}
    indikator: dict[tuple[str, int | None], IndikatorLaporan] = {}
    total, status = Capaian(), Counter()
    for row in rows:
        area = areas.setdefault(row.area_teks, AreaLaporan(row.area_teks))
        ind_id, ind_teks, komponen = tree.get(row.langkah_aksi_id, (None, "", ""))
        key = (row.area_teks, ind_id)
        if key not in indikator:
            indikator[key] = IndikatorLaporan(ind_teks or "(baris rencana telah dihapus)", komponen)
            area.indikator.append(indikator[key])
        c = capaian.get(row.langkah_aksi_id, Capaian())
        named = bukti.get(row.langkah_aksi_id, [])
        indikator[key].langkah.append(
            LangkahLaporan(
                row.langkah_aksi_teks,
                row,
                c,
                named[-BUKTI_DISEBUT:],
                max(0, len(named) - BUKTI_DISEBUT),
            )
        )
        for target in (indikator[key].capaian, area.capaian, total):
            target.tambah(c)
        area.status[row.realisasi_status] += 1
        status[row.realisasi_status] += 1
    rb = rencana.format_lampiran == RencanaAksi.Format.RB
    return IsiLaporan(
        areas=list(areas.values()),
        total=total,
        status=status,
        label_indikator="Indikator keberhasilan" if rb else "Indikator",
        label_langkah="Sub kegiatan" if rb else "Langkah aksi",
        dasar_kerangka=dasar_kerangka(rencana),
        # "Zona Integritas (PermenPANRB 90/2021)" → "Zona Integritas": the regulation the
        # plan follows is the one its SK cites (dasar_kerangka), not the framework's default.
        judul_kerangka=re.sub(r"\s*\(.*\)\s*$", "", rencana.kerangka.nama),
    )
