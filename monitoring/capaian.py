"""Target, realisation and achievement (*capaian*) of a plan's rows for a quarterly monev.

Pure computation over ``progress.load_butir`` output (no queries). For triwulan T of year Y and
a reference date R (the monev's ``tanggal_acuan``; the state is taken at the end of that day):

- **Target s.d. triwulan** (year to date): the due periods whose deadline falls on or before the
  quarter's last day (what the plan asks for by the end of T);
- **Target triwulan**: the periods due in T (``deadlines`` rule 6) plus the periods of earlier
  quarters still not fulfilled when T began (*terbawa*, carried over): an overdue January item
  stays in every later quarter's monev until its evidence is filed;
- **Realisasi**: of those targets, the periods fulfilled (accepted evidence) by the end of R;
- **Tertunggak**: target periods whose deadline has passed by the end of R without evidence;
- **Capaian** = realisasi ÷ target × 100, rounded half up to one decimal (``persen_satu_desimal``;
  4 of 6 is 66,7 %, never truncated), ``None`` when nothing is due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from monitoring.progress import ScheduledBukti
from plans.deadlines import triwulan_rentang


def persen_satu_desimal(bagian: int, jumlah: int) -> Decimal | None:
    """``bagian / jumlah × 100`` rounded half up to one decimal, ``None`` when ``jumlah`` is 0.

    >>> persen_satu_desimal(4, 6)
    Decimal('66.7')
    """
    if not jumlah:
        return None
    return (Decimal(bagian) * 100 / Decimal(jumlah)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def persen_bulat(bagian: int, jumlah: int) -> int:
    """``bagian / jumlah × 100`` rounded half up to a whole percent (0 when ``jumlah`` is 0)."""
    if not jumlah:
        return 0
    return int((Decimal(bagian) * 100 / Decimal(jumlah)).quantize(Decimal("1"), ROUND_HALF_UP))


@dataclass
class Capaian:
    """Counts of due periods for one langkah aksi, indikator, area or plan (module docstring).

    ``target_ytd``/``realisasi_ytd``: year to date; ``target_tw``/``realisasi_tw``: the quarter
    including ``terbawa`` carried-over periods; ``tertunggak``: overdue at the end of R;
    ``terlambat``: fulfilled after the deadline; ``tanpa_jadwal``: bukti fisik with no schedule.
    """

    target_ytd: int = 0
    realisasi_ytd: int = 0
    target_tw: int = 0
    realisasi_tw: int = 0
    terbawa: int = 0
    tertunggak: int = 0
    terlambat: int = 0
    tanpa_jadwal: int = 0
    label_periode: list[str] = field(default_factory=list)

    @property
    def persen_ytd(self) -> Decimal | None:
        return persen_satu_desimal(self.realisasi_ytd, self.target_ytd)

    @property
    def persen_tw(self) -> Decimal | None:
        return persen_satu_desimal(self.realisasi_tw, self.target_tw)

    @property
    def dijadwalkan(self) -> bool:
        """Whether anything is due in the quarter (its own periods or carried-over ones)."""
        return self.target_tw > 0

    def tambah(self, other: Capaian) -> None:
        """Add ``other``'s counts (for indikator, area and plan totals)."""
        for name in (
            "target_ytd", "realisasi_ytd", "target_tw", "realisasi_tw", "terbawa",
            "tertunggak", "terlambat", "tanpa_jadwal",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def status_saran(self) -> str:
        """The ``BarisMonev.Realisasi`` value these figures suggest for the quarter."""
        from monitoring.models import BarisMonev

        if not self.target_tw:
            return BarisMonev.Realisasi.TIDAK_DIJADWALKAN
        if self.realisasi_tw == self.target_tw:
            return BarisMonev.Realisasi.SELESAI
        return BarisMonev.Realisasi.PROSES if self.realisasi_tw else BarisMonev.Realisasi.BELUM

    @property
    def persen_saran(self) -> int:
        """The quarter's realisation as a whole percent, rounded half up (for the monev row)."""
        return persen_bulat(self.realisasi_tw, self.target_tw)


def capaian_per(
    butir_list: Iterable[ScheduledBukti],
    *,
    key: Callable[[ScheduledBukti], Hashable],
    tahun: int,
    triwulan: int,
    tanggal: date,
) -> dict[Hashable, Capaian]:
    """``Capaian`` for ``triwulan`` of ``tahun`` at the end of ``tanggal``, per ``key(butir)``
    (a langkah aksi, an area, a satker…). Every key of ``butir_list`` is present."""
    start, end = triwulan_rentang(tahun, triwulan)
    result: dict[Hashable, Capaian] = defaultdict(Capaian)
    for butir in butir_list:
        c = result[key(butir)]
        if not butir.jadwal.periode:
            c.tanpa_jadwal += 1
            continue
        for periode, done in zip(butir.jadwal.periode, butir.jadwal.terpenuhi, strict=True):
            if periode.tenggat > end:
                continue
            selesai = done is not None and done <= tanggal
            c.target_ytd += 1
            c.realisasi_ytd += selesai
            c.terlambat += selesai and done > periode.tenggat
            in_quarter = periode.tenggat >= start
            carried = not in_quarter and (done is None or done >= start)
            if in_quarter or carried:
                c.target_tw += 1
                c.realisasi_tw += selesai
                c.terbawa += carried
                label = periode.label if in_quarter else f"{periode.label} (terbawa)"
                if label not in c.label_periode:
                    c.label_periode.append(label)
            if not selesai and periode.tenggat <= tanggal:
                c.tertunggak += 1
    return dict(result)


def capaian_langkah(
    butir_list: Iterable[ScheduledBukti], *, tahun: int, triwulan: int, tanggal: date
) -> dict[int, Capaian]:
    """Per langkah aksi id, its ``Capaian`` (``capaian_per`` keyed by langkah aksi)."""
    return capaian_per(
        butir_list, key=_langkah_aksi, tahun=tahun, triwulan=triwulan, tanggal=tanggal
    )


def _langkah_aksi(butir: ScheduledBukti) -> int:
    return butir.langkah_aksi_id
