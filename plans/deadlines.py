"""Deadline engine: a bukti fisik's target waktu + accepted uploads → due periods and their status.

Pure standard library (no Django), so the rules can be tested in isolation and reused by the
dashboards, the monev form, the reminders and ``manage.py monev_status``. The reference date is
always a parameter: nothing here reads the clock.

Input is what ``plans.target_waktu.parse_target_waktu`` stores on ``BuktiFisik``: ``bulan``
(months 1–12), ``minggu`` (weeks of the month 1–5), ``tahun``, plus the original label. Rules,
and where each comes from:

1. **Schedule kind** (``pola``, ``plans.target_waktu.Pola``): the user's choice stored on the
   bukti fisik wins; otherwise what ``plans.target_waktu.pola_otomatis`` reads as the office
   means it. A range is ONE window due at its end (``Januari-Maret`` for a yearly LHKPN report
   is one deadline) unless the label or the row's own text says it recurs (``Per-bulan
   (Januari-Desember)``, ``Data nominatif pegawai per bulan``, ``tiap triwulan``); months listed
   one by one (``Maret, Juni 2022``) are each due; ``Tahun 2022`` is one window due 31 December.
   Periods per kind: *sekali* one window first..last month; *rentang* one window per run of
   consecutive months (the ✓ runs of the monthly format); *bulanan* one period per month;
   *triwulanan*/*semesteran* one window per calendar quarter/half-year among the months, from
   the start of that quarter/half to the end of its last month; *tanggal* one period due on
   the date set.
2. **Deadline of a month** = its last calendar day (the evidence of March is due by 31 March).
3. **Weeks**: when ``minggu`` is given the deadline is the end of the latest week named in the
   period's last month. Week N of a month is days ``7N-6 … 7N`` of that month (``minggu ke-3``
   is due on day 21), week 5
   is day 29 to the month's end (no regulation defines "minggu ke-N"; day blocks keep every week
   1–4 seven days long and never split a week across months). A week that the month does not have
   (week 5 of a 28-day February) ends on the month's last day.
4. **Windows** (``Paling lambat Mei-Juni 2022``, ranges): due at the end of the window's last
   month; an upload tagged with any month of the window counts for it.
5. **Named quarters** (``Triwulan I``, ``TW II``) are read as *triwulanan*, a named ``Semester
   II`` as *semesteran* (one window each).
6. **Quarters (triwulan)** are calendar quarters: I = Januari–Maret, II = April–Juni,
   III = Juli–September, IV = Oktober–Desember (the state budget year is the calendar year,
   UU 17/2003 Pasal 4, and quarterly performance reports follow it, PP 8/2006 Pasal 27). A period
   belongs to the triwulan in which its deadline falls.
7. **Year**: the bukti fisik's ``tahun``, else the plan's year (``tahun_default``). Without either
   the item cannot be dated and is *tanpa jadwal*.
8. **Tanpa jadwal**: no valid month (empty or unparsable target waktu) → no period; the item is
   still listed with the status ``tanpa jadwal``, never dropped. Month or week values outside
   1–12 / 1–5 are ignored (never guessed).
9. **Which upload counts for which period** (uploads = accepted, non-withdrawn evidence as
   ``(periode_bulan or None, upload date)``), taken in upload-date order:
   a. an upload tagged with a month counts for the period covering that month;
   b. an untagged upload ("tanpa periode") covers the whole item, as the evidence app defines it
      (``evidence.models.Unggahan.periode_bulan``): it counts for every period still open;
   c. an upload tagged with a month no period covers (the plan changed after the upload) counts
      for the earliest open period whose window has started on the upload date, else for the
      earliest open period, so accepted evidence is never ignored;
   d. an upload for a period already fulfilled adds nothing (a revision or an extra document).
   A period's *fulfilment date* is the date of the first upload counted for it. Taking uploads
   in date order makes the result on a date depend only on uploads up to that date.
10. **Status of a period on reference date R** (uploads after R are ignored):
    fulfilled by R and on/before the deadline → ``tepat waktu``; fulfilled by R after the
    deadline → ``terlambat``; not fulfilled and R ≤ deadline → ``belum jatuh tempo``; not
    fulfilled and R > deadline → ``tertunggak``.
11. **Status of an item** is its worst period: tertunggak > terlambat > tepat waktu >
    belum jatuh tempo (an item whose fulfilled periods were all on time and whose other periods
    are not yet due is ``tepat waktu``); no period → tanpa jadwal.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from plans.calendar_id import NAMA_BULAN, ROMAWI
from plans.target_waktu import Pola, pola_otomatis, runs_of

ROMAWI_TRIWULAN = ROMAWI[:5]


class Status(StrEnum):
    """Status of a due period or item on a reference date (module docstring, rules 10–11)."""

    BELUM_JATUH_TEMPO = "belum jatuh tempo"
    TEPAT_WAKTU = "tepat waktu"
    TERLAMBAT = "terlambat"
    TERTUNGGAK = "tertunggak"
    TANPA_JADWAL = "tanpa jadwal"


# Worst first: the item's status is the first of these that one of its periods has.
_SEVERITY = (Status.TERTUNGGAK, Status.TERLAMBAT, Status.TEPAT_WAKTU, Status.BELUM_JATUH_TEMPO)


class JenisPeriode(StrEnum):
    """Kind of due period: a month, a week of a month, a window of months, a quarter."""

    BULAN = "bulan"
    MINGGU = "minggu"
    RENTANG = "rentang"
    TRIWULAN = "triwulan"
    SEMESTER = "semester"
    TANGGAL = "tanggal"


@dataclass(frozen=True)
class Periode:
    """One period in which a bukti fisik is due.

    ``bulan``: the months it covers (1–12, sorted); ``minggu``: the weeks named (week periods);
    ``mulai``/``tenggat``: first day of the window and the deadline (inclusive), both dates;
    ``label``: how people say it (``Maret 2022``, ``Minggu ke-3–5 April 2022``).
    """

    jenis: JenisPeriode
    tahun: int
    bulan: tuple[int, ...]
    minggu: tuple[int, ...]
    mulai: date
    tenggat: date
    label: str

    @property
    def kunci(self) -> str:
        """A stable key for the period within its item, e.g. ``2022-03`` or ``2022-05..06``."""
        first, last = self.bulan[0], self.bulan[-1]
        months = f"{first:02d}" if first == last else f"{first:02d}..{last:02d}"
        return f"{self.tahun}-{months}"

    @property
    def triwulan(self) -> int:
        """The quarter (1–4) in which the deadline falls (rule 6)."""
        return triwulan_of(self.tenggat.month)

    def covers(self, month: int) -> bool:
        return month in self.bulan


@dataclass(frozen=True)
class StatusPeriode:
    """A period with its fulfilment date (first counted upload, ``None`` if none) and status."""

    periode: Periode
    status: Status
    tanggal_bukti: date | None


@dataclass(frozen=True)
class Jadwal:
    """An item's periods and the fulfilment date of each (same order), for any reference date.

    Build it once with ``jadwal(...)``; ``status_pada(tanggal)`` is then cheap, so a dashboard can
    evaluate several dates (the quarter trend) without recomputing the periods.
    """

    periode: tuple[Periode, ...]
    terpenuhi: tuple[date | None, ...]

    def status_periode(self, tanggal: date) -> list[StatusPeriode]:
        """Each period's status on ``tanggal`` (rule 10)."""
        return [
            StatusPeriode(p, status_period(p, done, tanggal), done if _by(done, tanggal) else None)
            for p, done in zip(self.periode, self.terpenuhi, strict=True)
        ]

    def status_pada(self, tanggal: date) -> Status:
        """The item's status on ``tanggal`` (rule 11)."""
        if not self.periode:
            return Status.TANPA_JADWAL
        pairs = zip(self.periode, self.terpenuhi, strict=True)
        found = {status_period(p, done, tanggal) for p, done in pairs}
        return next(status for status in _SEVERITY if status in found)


def _by(done: date | None, tanggal: date) -> bool:
    return done is not None and done <= tanggal


def status_period(periode: Periode, terpenuhi: date | None, tanggal: date) -> Status:
    """Status of one period on ``tanggal`` given its fulfilment date (rule 10)."""
    if _by(terpenuhi, tanggal):
        return Status.TEPAT_WAKTU if terpenuhi <= periode.tenggat else Status.TERLAMBAT
    return Status.BELUM_JATUH_TEMPO if tanggal <= periode.tenggat else Status.TERTUNGGAK


def triwulan_of(month: int) -> int:
    """Quarter 1–4 of a month 1–12 (rule 6). Raises ``ValueError`` outside 1–12."""
    if not 1 <= month <= 12:
        raise ValueError(f"bulan harus 1–12, bukan {month}")
    return (month - 1) // 3 + 1


def triwulan_bulan(triwulan: int) -> tuple[int, int, int]:
    """The three months of quarter 1–4 (``2`` → ``(4, 5, 6)``). Raises ``ValueError``."""
    if not 1 <= triwulan <= 4:
        raise ValueError(f"triwulan harus 1–4, bukan {triwulan}")
    first = 3 * triwulan - 2
    return (first, first + 1, first + 2)


def triwulan_rentang(tahun: int, triwulan: int) -> tuple[date, date]:
    """First and last day of quarter ``triwulan`` of ``tahun`` (rule 6)."""
    months = triwulan_bulan(triwulan)
    return date(tahun, months[0], 1), akhir_bulan(tahun, months[-1])


def akhir_bulan(tahun: int, bulan: int) -> date:
    """The last day of a month (rule 2)."""
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def awal_minggu(tahun: int, bulan: int, minggu: int) -> date:
    """First day of week ``minggu`` (1–5) of a month: day ``7N-6`` (rule 3), clamped to the month."""
    last = calendar.monthrange(tahun, bulan)[1]
    return date(tahun, bulan, min(7 * minggu - 6, last))


def akhir_minggu(tahun: int, bulan: int, minggu: int) -> date:
    """Last day of week ``minggu`` (1–5) of a month: day ``7N``, week 5 = month end (rule 3)."""
    last = calendar.monthrange(tahun, bulan)[1]
    return date(tahun, bulan, last if minggu >= 5 else min(7 * minggu, last))


def _window(
    tahun: int, months: tuple[int, ...], weeks: tuple[int, ...], jenis, start: int | None = None
) -> Periode:
    """One period over ``months``; ``start`` (a month) moves its first day earlier (quarters)."""
    first, last = months[0], months[-1]
    if weeks:
        mulai = awal_minggu(tahun, first, weeks[0]) if len(months) == 1 else date(tahun, first, 1)
        tenggat = akhir_minggu(tahun, last, weeks[-1])
    else:
        mulai, tenggat = date(tahun, first, 1), akhir_bulan(tahun, last)
    if start is not None and start < first:
        mulai = date(tahun, start, 1)
    if jenis == JenisPeriode.TRIWULAN:
        label = f"Triwulan {ROMAWI_TRIWULAN[triwulan_of(first)]} {tahun}"
    elif jenis == JenisPeriode.SEMESTER:
        label = f"Semester {'I' if first <= 6 else 'II'} {tahun}"
    elif first == last:
        label = f"{NAMA_BULAN[first]} {tahun}"
    else:
        label = f"{NAMA_BULAN[first]}–{NAMA_BULAN[last]} {tahun}"
    if weeks:
        label = f"{_label_minggu(weeks)} {label}"
    return Periode(jenis, tahun, months, weeks, mulai, tenggat, label)


def _label_minggu(weeks: tuple[int, ...]) -> str:
    if len(weeks) == 1:
        return f"Minggu ke-{weeks[0]}"
    if list(weeks) == list(range(weeks[0], weeks[-1] + 1)):
        return f"Minggu ke-{weeks[0]}–{weeks[-1]}"
    return "Minggu ke-" + ", ".join(map(str, weeks))


def due_periods(
    *,
    bulan: Iterable[int],
    minggu: Iterable[int] = (),
    tahun: int | None,
    label: str = "",
    tahun_default: int | None = None,
    pola: str | None = None,
    teks_baris: str = "",
    tenggat: date | None = None,
) -> list[Periode]:
    """The periods in which an item is due, in deadline order (rules 1–8).

    Args:
        bulan: months 1–12 (``BuktiFisik.bulan``); invalid values are ignored.
        minggu: weeks of the month 1–5 (``BuktiFisik.minggu``); invalid values are ignored.
        tahun: the year the target names (``BuktiFisik.tahun``) or ``None``.
        label: the original TARGET WAKTU text; read for the schedule kind when ``pola`` is empty.
        tahun_default: the plan's year, used when ``tahun`` is ``None``.
        pola: a ``plans.target_waktu.Pola`` value chosen by the user (``BuktiFisik.jadwal``);
            empty or ``None``: read from ``label``, ``bulan`` and ``teks_baris`` (rule 1).
        teks_baris: the row's own text (bukti fisik and langkah aksi names).
        tenggat: the date of a *tanggal tertentu* schedule (``BuktiFisik.tenggat``).

    Returns:
        A list of ``Periode`` (empty = *tanpa jadwal*). Never raises for well-typed input.
    """
    if pola == Pola.TANGGAL and tenggat is not None:
        return [_on_date(tenggat)]
    year = tahun if tahun is not None else tahun_default
    months = sorted({m for m in bulan if isinstance(m, int) and 1 <= m <= 12})
    weeks = tuple(sorted({w for w in minggu if isinstance(w, int) and 1 <= w <= 5}))
    if year is None or not months:
        return []
    kind = Pola(pola) if pola in Pola._value2member_map_ else None
    if kind is None or kind == Pola.TANGGAL:  # a date schedule without a date: read the label
        kind = pola_otomatis(label, teks_baris=teks_baris)
    if kind == Pola.SEKALI:
        return [_window(year, tuple(months), weeks, JenisPeriode.RENTANG)]
    if kind == Pola.RENTANG:
        return [_window(year, run, weeks, _single(run, weeks)) for run in runs_of(months)]
    if kind in (Pola.TRIWULANAN, Pola.SEMESTERAN):
        size = 3 if kind == Pola.TRIWULANAN else 6
        groups: dict[int, list[int]] = {}
        for m in months:
            groups.setdefault((m - 1) // size, []).append(m)
        jenis = JenisPeriode.TRIWULAN if size == 3 else JenisPeriode.SEMESTER
        return [
            _window(year, tuple(group), weeks, jenis, start=size * key + 1)
            for key, group in groups.items()
        ]
    jenis = JenisPeriode.MINGGU if weeks else JenisPeriode.BULAN
    return [_window(year, (m,), weeks, jenis) for m in months]


def _single(run: tuple[int, ...], weeks: tuple[int, ...]) -> JenisPeriode:
    if len(run) > 1:
        return JenisPeriode.RENTANG
    return JenisPeriode.MINGGU if weeks else JenisPeriode.BULAN


def _on_date(day: date) -> Periode:
    """A *tanggal tertentu* period: the month of the date, due on that day."""
    label = f"{day.day} {NAMA_BULAN[day.month]} {day.year}"
    return Periode(
        JenisPeriode.TANGGAL, day.year, (day.month,), (), date(day.year, day.month, 1), day, label
    )


def assign_uploads(
    periods: Sequence[Periode], uploads: Iterable[tuple[int | None, date]]
) -> list[date | None]:
    """Fulfilment date of each period (same order) from uploads ``(periode_bulan | None, date)``.

    Rule 9. Uploads are taken in date order (ties: tagged before untagged, then by month) so the
    outcome up to a date depends only on uploads up to that date. Raises nothing.
    """
    done: list[date | None] = [None] * len(periods)
    ordered = sorted(uploads, key=lambda u: (u[1], u[0] is None, u[0] or 0))
    for month, uploaded in ordered:
        open_ = [i for i in range(len(periods)) if done[i] is None]
        if not open_:
            break
        if month is None:  # rule 9b: covers the whole item
            for i in open_:
                done[i] = uploaded
            continue
        target = next((i for i, p in enumerate(periods) if p.covers(month)), None)
        if target is None:  # rule 9c
            started = [i for i in open_ if periods[i].mulai <= uploaded]
            target = started[0] if started else open_[0]
        if done[target] is None:  # rule 9d
            done[target] = uploaded
    return done


def jadwal(
    *,
    bulan: Iterable[int],
    minggu: Iterable[int] = (),
    tahun: int | None,
    label: str = "",
    tahun_default: int | None = None,
    uploads: Iterable[tuple[int | None, date]] = (),
    **schedule,
) -> Jadwal:
    """Periods (``due_periods``) and their fulfilment dates (``assign_uploads``) of one item.

    ``schedule``: ``pola``, ``teks_baris``, ``tenggat`` as ``due_periods`` takes them."""
    periods = due_periods(
        bulan=bulan,
        minggu=minggu,
        tahun=tahun,
        label=label,
        tahun_default=tahun_default,
        **schedule,
    )
    return Jadwal(tuple(periods), tuple(assign_uploads(periods, uploads)))


def evaluate(
    *,
    bulan: Iterable[int],
    minggu: Iterable[int] = (),
    tahun: int | None,
    tanggal: date,
    label: str = "",
    tahun_default: int | None = None,
    uploads: Iterable[tuple[int | None, date]] = (),
) -> tuple[Status, list[StatusPeriode]]:
    """Item status and per-period statuses on the reference date ``tanggal`` (rules 1–11)."""
    j = jadwal(
        bulan=bulan,
        minggu=minggu,
        tahun=tahun,
        label=label,
        tahun_default=tahun_default,
        uploads=uploads,
    )
    return j.status_pada(tanggal), j.status_periode(tanggal)
