"""Read queries of the monitoring app: the dashboards and the item lists behind their numbers.

Each selector runs a fixed number of queries whatever the number of satkers and rows (the rows
come from ``progress.load_butir``; grouping and counting happen in Python). Objects passed in
(``satker``, ``provinsi``, ``kerangka``) must already have been fetched through
``for_user`` by the view, so scoping stays in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from access.models import Satker
from monitoring.progress import (
    BarisPeriode,
    Kelompok,
    Ringkasan,
    ScheduledBukti,
    baris_periode,
    load_butir,
)
from plans.calendar_id import NAMA_BULAN, ROMAWI
from plans.deadlines import Status, triwulan_rentang
from plans.models import AreaPerubahan, Kerangka, RencanaAksi
from plans.selectors import rencana_berlaku

_DUE = (Status.TEPAT_WAKTU, Status.TERLAMBAT, Status.TERTUNGGAK)
LAINNYA = 0  # area key of plan areas not linked to a framework area


def tanggal_acuan(*, tahun: int, hari_ini: date) -> date:
    """Default reference date for a plan year seen on ``hari_ini``.

    The current year → today; a past year → 31 December of it (its final state); a future
    year → today (nothing is due yet).
    """
    if tahun < hari_ini.year:
        return date(tahun, 12, 31)
    return hari_ini


def tahun_tersedia(*, user) -> list[int]:
    """Years for which ``user`` can see at least one plan, newest first (one query)."""
    return list(
        RencanaAksi.objects.for_user(user)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def rencana_terpilih(
    *, satker_ids: list[int], tahun: int, kerangka: Kerangka
) -> dict[int, RencanaAksi]:
    """Per satker, its plan in force of ``tahun``/``kerangka`` (one query).

    The newest ditetapkan revision, else the newest revision (``plans.selectors.rencana_berlaku``):
    a new revision being drafted does not replace the signed plan on the dashboards.
    """
    plans = RencanaAksi.objects.filter(satker_id__in=satker_ids, tahun=tahun, kerangka=kerangka)
    return {r.satker_id: r for r in rencana_berlaku(plans, "satker_id")}


def _area_key(butir: ScheduledBukti) -> int:
    return butir.area_perubahan_id or LAINNYA


@dataclass
class DasborSatker:
    """What the satker dashboard shows (one plan, one reference date)."""

    satker: Satker
    rencana: RencanaAksi | None
    tanggal: date
    ringkasan: Ringkasan = field(default_factory=Ringkasan)
    per_area: list[Kelompok] = field(default_factory=list)
    per_bulan: list[Kelompok] = field(default_factory=list)
    per_triwulan: list[Kelompok] = field(default_factory=list)
    jatuh_tempo_bulan_ini: list[BarisPeriode] = field(default_factory=list)
    tertunggak: list[BarisPeriode] = field(default_factory=list)
    jumlah_tertunggak: int = 0


def dasbor_satker(
    *, satker: Satker, tahun: int, kerangka: Kerangka, tanggal: date, batas: int = 25
) -> DasborSatker:
    """The satker dashboard: progress by area, by month and by quarter, due this month, overdue.

    ``batas`` caps the overdue list (its full count is ``jumlah_tertunggak``; the list page shows
    all). Three queries.
    """
    rencana = rencana_terpilih(satker_ids=[satker.pk], tahun=tahun, kerangka=kerangka).get(
        satker.pk
    )
    dasbor = DasborSatker(satker=satker, rencana=rencana, tanggal=tanggal)
    if rencana is None:
        return dasbor
    butir_list = load_butir(rencana_ids=[rencana.pk])
    months = _count_areas_months(dasbor, butir_list, tahun)
    for q in range(1, 5):
        start, end = triwulan_rentang(tahun, q)
        kelompok = Kelompok(q, f"Triwulan {['I', 'II', 'III', 'IV'][q - 1]}")
        for m in range(start.month, end.month + 1):
            kelompok.ringkasan.merge(months[m].ringkasan)
        dasbor.per_triwulan.append(kelompok)
    _list_lines(dasbor, butir_list, batas)
    return dasbor


def _count_areas_months(dasbor: DasborSatker, butir_list: list[ScheduledBukti], tahun: int) -> dict:
    """Fill ``dasbor``'s summary, ``per_area`` and ``per_bulan``; return the months by number."""
    tanggal = dasbor.tanggal
    areas: dict[int, Kelompok] = {}
    months = {m: Kelompok(m, f"{NAMA_BULAN[m]}") for m in range(1, 13)}
    for butir in butir_list:
        dasbor.ringkasan.add_butir(butir, tanggal)
        area = areas.get(butir.rencana_area_id)
        if area is None:
            area = areas[butir.rencana_area_id] = Kelompok(
                butir.rencana_area_id, f"{butir.area_nomor} {butir.area_judul}".strip()
            )
        area.ringkasan.add_butir(butir, tanggal)
        for periode, done in zip(butir.jadwal.periode, butir.jadwal.terpenuhi, strict=True):
            if periode.tahun == tahun:
                months[periode.tenggat.month].ringkasan.add_period(periode, done, tanggal)
    dasbor.per_area = list(areas.values())
    dasbor.per_bulan = list(months.values())
    return months


def _list_lines(dasbor: DasborSatker, butir_list: list[ScheduledBukti], batas: int) -> None:
    """Fill ``dasbor``'s overdue list (first ``batas``, with the full count) and the periods due
    in the reference date's month."""
    tanggal = dasbor.tanggal
    for line in baris_periode(butir_list, tanggal):
        if line.periode is None:
            continue
        if line.status == Status.TERTUNGGAK:
            dasbor.jumlah_tertunggak += 1
            if len(dasbor.tertunggak) < batas:
                dasbor.tertunggak.append(line)
        deadline = line.periode.tenggat
        if (deadline.year, deadline.month) == (tanggal.year, tanggal.month):
            dasbor.jatuh_tempo_bulan_ini.append(line)


@dataclass
class BarisMatriks:
    """One satker's row of the province matrix: a ``Ringkasan`` per area column, the total and
    the cumulative percentage at the end of each quarter (``None`` for quarters not reached)."""

    satker: Satker
    rencana: RencanaAksi | None
    sel: list[Ringkasan]
    total: Ringkasan
    tren: list[int | None]
    peringkat: int | None = None
    url_butir: str = ""  # item list of this satker with the filter (set by the view)
    url_dasbor: str = ""  # this satker's dashboard with the filter (set by the view)

    def sel_kolom(self, kolom: list[tuple[int, str]]) -> list[tuple[int, Ringkasan]]:
        return [(key, cell) for (key, _title), cell in zip(kolom, self.sel, strict=True)]


@dataclass
class DasborProvinsi:
    """The province dashboard: satker × area matrix, ranking, trend per quarter."""

    provinsi: Satker
    kerangka: Kerangka
    tahun: int
    tanggal: date
    kolom: list[tuple[int, str]]  # (area key, column title); key LAINNYA = unlinked areas
    baris: list[BarisMatriks]
    total_area: list[Ringkasan]
    total: Ringkasan
    tren: list[int | None]  # the province's cumulative percentage per quarter

    @property
    def peringkat(self) -> list[BarisMatriks]:
        """Satkers with a plan, best first: percentage, then fewer overdue, then code."""
        ranked = [b for b in self.baris if b.rencana is not None]
        return sorted(
            ranked,
            key=lambda b: (-(b.total.persen if b.total.persen is not None else -1),
                           b.total.tertunggak, b.satker.kode),
        )  # fmt: skip

    @property
    def tanpa_rencana(self) -> list[Satker]:
        return [b.satker for b in self.baris if b.rencana is None]


def _trend_dates(tahun: int, tanggal: date) -> list[date | None]:
    dates: list[date | None] = []
    for q in range(1, 5):
        start, end = triwulan_rentang(tahun, q)
        dates.append(None if start > tanggal else min(end, tanggal))
    return dates


def dasbor_provinsi(
    *, provinsi: Satker, tahun: int, kerangka: Kerangka, tanggal: date
) -> DasborProvinsi:
    """Every satker under ``provinsi`` (and the province itself) as a matrix satker × area.

    Cells count due periods per area on ``tanggal``; ``tren`` gives the cumulative percentage
    at each quarter's end (or ``tanggal`` within the current quarter). Four queries.
    """
    satkers = list(Satker.objects.filter(pk=provinsi.pk) | Satker.objects.filter(induk=provinsi))
    satkers.sort(key=lambda s: (s.pk != provinsi.pk, s.kode))
    plans = rencana_terpilih(satker_ids=[s.pk for s in satkers], tahun=tahun, kerangka=kerangka)
    butir_list = load_butir(rencana_ids=[p.pk for p in plans.values()])
    area_refs = list(AreaPerubahan.objects.filter(kerangka=kerangka).order_by("nomor"))
    kolom = [(a.pk, f"{_romawi(a.nomor)}. {a.nama}") for a in area_refs]
    if any(b.area_perubahan_id is None for b in butir_list):
        kolom.append((LAINNYA, "Area lain"))
    index = {key: i for i, (key, _title) in enumerate(kolom)}
    trend_dates = _trend_dates(tahun, tanggal)
    per_satker: dict[int, list[ScheduledBukti]] = {}
    for butir in butir_list:
        per_satker.setdefault(butir.satker_id, []).append(butir)
    rows = []
    total_area = [Ringkasan() for _ in kolom]
    total = Ringkasan()
    trend_due = [0] * len(trend_dates)
    trend_done = [0] * len(trend_dates)
    for satker in satkers:
        cells = [Ringkasan() for _ in kolom]
        due = [0] * len(trend_dates)
        done_by = [0] * len(trend_dates)
        for butir in per_satker.get(satker.pk, ()):
            cell = cells[index[_area_key(butir)]]
            cell.add_butir(butir, tanggal)
            _count_trend(butir, trend_dates, due, done_by)
        row_total = Ringkasan()
        for i, cell in enumerate(cells):
            total_area[i].merge(cell)
            row_total.merge(cell)
        total.merge(row_total)
        for i in range(len(trend_dates)):
            trend_due[i] += due[i]
            trend_done[i] += done_by[i]
        rows.append(
            BarisMatriks(
                satker=satker,
                rencana=plans.get(satker.pk),
                sel=cells,
                total=row_total,
                tren=_percentages(trend_dates, due, done_by),
            )
        )
    dasbor = DasborProvinsi(
        provinsi=provinsi, kerangka=kerangka, tahun=tahun, tanggal=tanggal, kolom=kolom,
        baris=rows, total_area=total_area, total=total,
        tren=_percentages(trend_dates, trend_due, trend_done),
    )  # fmt: skip
    for rank, row in enumerate(dasbor.peringkat, start=1):
        row.peringkat = rank
    return dasbor


def _count_trend(
    butir: ScheduledBukti, dates: list[date | None], due: list[int], done: list[int]
) -> None:
    """Add ``butir``'s due and fulfilled periods at each date (as ``Ringkasan`` counts them:
    due = deadline passed, or due that day and fulfilled). A tight loop: it runs for every
    period × quarter of a province."""
    for periode, fulfilled in zip(butir.jadwal.periode, butir.jadwal.terpenuhi, strict=True):
        deadline = periode.tenggat
        for i, when in enumerate(dates):
            if when is None or deadline > when:
                continue
            is_done = fulfilled is not None and fulfilled <= when
            if deadline < when or is_done:
                due[i] += 1
                done[i] += is_done


def _percentages(dates: list[date | None], due: list[int], done: list[int]) -> list[int | None]:
    return [
        None if when is None or not due[i] else done[i] * 100 // due[i]
        for i, when in enumerate(dates)
    ]


def _romawi(n: int) -> str:
    return ROMAWI[n] if n <= 10 else str(n)


@dataclass(frozen=True)
class SaringanButir:
    """Filters of the item list behind a dashboard number (all optional).

    ``status``: a ``deadlines.Status`` value or ``"selesai"`` (tepat waktu + terlambat) or
    ``"jatuh_tempo"`` (every period due by the date); ``area``: an ``AreaPerubahan`` id (0 =
    areas not linked); ``rencana_area``: a plan area id; ``bulan``/``triwulan``: of the deadline.
    """

    status: str = ""
    area: int | None = None
    rencana_area: int | None = None
    bulan: int | None = None
    triwulan: int | None = None


def daftar_butir(
    *, rencana: RencanaAksi, tanggal: date, saring: SaringanButir
) -> list[BarisPeriode]:
    """One line per due period of the plan's items matching ``saring`` (two queries)."""
    lines = baris_periode(load_butir(rencana_ids=[rencana.pk]), tanggal)
    return [line for line in lines if _matches(line, tanggal, saring)]


def _matches(line: BarisPeriode, tanggal: date, s: SaringanButir) -> bool:
    butir, periode = line.butir, line.periode
    if s.area is not None and _area_key(butir) != s.area:
        return False
    if s.rencana_area is not None and butir.rencana_area_id != s.rencana_area:
        return False
    if s.bulan is not None and (periode is None or periode.tenggat.month != s.bulan):
        return False
    if s.triwulan is not None and (periode is None or periode.triwulan != s.triwulan):
        return False
    if not s.status:
        return True
    if periode is None:  # not due in any period: only a plain status can match
        return line.status == s.status
    if s.status == "selesai":
        return line.status in (Status.TEPAT_WAKTU, Status.TERLAMBAT) and periode.tenggat <= tanggal
    if s.status == "jatuh_tempo":  # as counted by Ringkasan.jatuh_tempo
        return line.status in _DUE and periode.tenggat <= tanggal
    if s.status == "lebih_awal":
        return line.status == Status.TEPAT_WAKTU and periode.tenggat > tanggal
    if s.status == Status.TEPAT_WAKTU:
        return line.status == Status.TEPAT_WAKTU and periode.tenggat <= tanggal
    return line.status == s.status
