"""Progress of plans: their bukti fisik with schedules (deadline engine) and counts per group.

``load_butir`` turns the live rows of some plans into ``ScheduledBukti`` records (one values
query + the evidence selector's query, whatever the number of plans or rows); ``Ringkasan``
counts due periods by status for any grouping (area, satker, month). Everything here is
read-only.

Figures (used by the dashboards, the monev and its PDF), for a reference date R:
- ``jatuh_tempo``: periods whose deadline has passed (before R), plus those due on R that are
  already fulfilled (a period due on R without evidence can still be filed that day: it is
  *belum jatuh tempo*, ``deadlines`` rule 10);
- ``tepat``/``terlambat``/``tertunggak``: of those, fulfilled on time / late / not at all by R;
- ``selesai`` = tepat + terlambat; ``persen`` = selesai / jatuh_tempo × 100 (rounded down, so
  100 % means really everything), ``None`` when nothing is due yet;
- ``belum``: periods not yet due and not yet fulfilled; ``lebih_awal``: not yet due but already
  fulfilled (early evidence);
- ``tanpa_jadwal``: items (not periods) without any schedule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import TextField
from django.db.models.functions import Cast

from evidence import selectors as evidence_selectors
from plans import deadlines, tree
from plans.deadlines import Jadwal, Periode, Status
from plans.models import BuktiFisik
from plans.target_waktu import pola_dari, pola_teks

_LIVE = {
    "diarsipkan": False,
    "langkah_aksi__diarsipkan": False,
    tree.lookup("bukti", "indikator", "diarsipkan"): False,
    tree.lookup("bukti", "komponen", "diarsipkan"): False,
    tree.lookup("bukti", "area", "diarsipkan"): False,
}
_AREA = tree.lookup("bukti", "area")


def bukti_diterima(*, bukti_fisik_ids) -> dict[int, list[tuple[int | None, date]]]:
    """Accepted, non-withdrawn uploads per bukti fisik: ``{id: [(periode_bulan|None, date)]}``.

    ``bukti_fisik_ids``: ids, or a ``values_list("id", flat=True)`` queryset (a subquery: a
    province's thousands of ids then cost no per-parameter work in the ORM). Delegates to
    ``evidence.selectors.bukti_diterima`` (one query); kept as a seam so the data
    flow stays one way (monitoring reads evidence) and tests can substitute uploads.
    """
    return evidence_selectors.bukti_diterima(bukti_fisik_ids=bukti_fisik_ids)


def bukti_terbaru(*, rencana, batas: int = 10) -> list:
    """The plan's ``batas`` latest non-withdrawn uploads, newest first (one query): evidence
    ``Unggahan`` objects with ``berkas``, ``bukti_fisik`` and its langkah aksi joined."""
    return evidence_selectors.unggahan_terbaru(rencana=rencana, limit=batas)


@dataclass
class ScheduledBukti:
    """One live bukti fisik of a plan with its schedule and the texts around it.

    ``area_perubahan_id`` is the framework area (``AreaPerubahan``) the plan's area is linked to,
    or ``None``; ``rencana_area_id`` the plan's own area row.
    """

    id: int
    nama: str
    target_waktu: str
    penanggung_jawab: str
    langkah_aksi_id: int
    langkah_aksi: str
    rencana_area_id: int
    area_nomor: str
    area_judul: str
    area_perubahan_id: int | None
    rencana_id: int
    satker_id: int
    jadwal: Jadwal

    def status_pada(self, tanggal: date) -> Status:
        return self.jadwal.status_pada(tanggal)


@lru_cache(maxsize=4096)
def _periods(
    bulan: tuple,
    minggu: tuple,
    tahun: int | None,
    label: str,
    tahun_default: int,
    pola: str,
    tenggat: date | None,
) -> tuple[Periode, ...]:
    # Many rows share a schedule ("Januari 2022"); Periode is immutable, so sharing is safe.
    return tuple(
        deadlines.due_periods(
            bulan=bulan,
            minggu=minggu,
            tahun=tahun,
            label=label,
            tahun_default=tahun_default,
            pola=pola,
            tenggat=tenggat,
        )
    )


def pola_butir(*, jadwal: str, label: str, nama: str, langkah_aksi: str) -> str:
    """The schedule kind of a bukti fisik: the user's choice, else what the app reads from its
    target waktu and its own text (``plans.target_waktu.pola_otomatis``)."""
    if jadwal:
        return jadwal
    return pola_dari(label or "", pola_teks(f"{nama} {langkah_aksi}")).value


@lru_cache(maxsize=1024)
def _json_ints(raw: str | None) -> tuple:
    """``"[3, 6]"`` → ``(3, 6)``; anything else → ``()``. Cached: rows share a few schedules, and
    decoding each row's JSON was the largest cost of a province dashboard."""
    if not raw:
        return ()
    try:
        value = json.loads(raw)
    except ValueError:
        return ()
    return tuple(value) if isinstance(value, list) else ()


def load_butir(
    *, rencana_ids: Iterable[int], langkah_aksi_ids: Iterable[int] | None = None
) -> list[ScheduledBukti]:
    """The live bukti fisik of the given plans, in SK order, with their ``Jadwal``.

    Two queries whatever the number of plans and rows: the rows (joined up to the satker) and
    the accepted uploads. Archived rows at any level are left out. ``langkah_aksi_ids`` limits
    the result to those langkah aksi (one page of a large plan's monev).
    """
    ids = list(rencana_ids)
    if not ids:
        return []
    only = {} if langkah_aksi_ids is None else {"langkah_aksi_id__in": list(langkah_aksi_ids)}
    live = BuktiFisik.objects.filter(**{f"{_AREA}__rencana_id__in": ids}, **_LIVE, **only)
    rows = (
        live.annotate(
            bulan_teks=Cast("bulan", output_field=TextField()),
            minggu_teks=Cast("minggu", output_field=TextField()),
        )
        .order_by(
            f"{_AREA}__rencana_id",
            f"{_AREA}__urutan",
            f"{_AREA}__id",
            tree.lookup("bukti", "komponen", "urutan"),
            tree.lookup("bukti", "komponen", "id"),
            tree.lookup("bukti", "indikator", "urutan"),
            tree.lookup("bukti", "indikator", "id"),
            "langkah_aksi__urutan",
            "langkah_aksi__id",
            "urutan",
            "id",
        )
        .values_list(
            "id",
            "nama",
            "target_waktu",
            "penanggung_jawab",
            "bulan_teks",
            "minggu_teks",
            "tahun",
            "jadwal",
            "tenggat",
            "langkah_aksi_id",
            "langkah_aksi__nama",
            f"{_AREA}_id",
            f"{_AREA}__nomor",
            f"{_AREA}__judul",
            f"{_AREA}__area_id",
            f"{_AREA}__rencana_id",
            tree.lookup("bukti", "rencana", "satker_id"),
            f"{_AREA}__rencana__tahun",
        )
    )
    rows = list(rows)
    uploads = bukti_diterima(bukti_fisik_ids=live.values_list("id", flat=True)) if rows else {}
    result = []
    for (
        pk, nama, label, pj, bulan, minggu, tahun, pilihan, tenggat, la_id, la_nama, ra_id,
        ra_nomor, ra_judul, ap_id, rencana_id, satker_id, rencana_tahun,
    ) in rows:  # fmt: skip
        pola = pola_butir(jadwal=pilihan, label=label, nama=nama, langkah_aksi=la_nama)
        periods = _periods(
            _json_ints(bulan), _json_ints(minggu), tahun, label, rencana_tahun, pola, tenggat
        )
        done = deadlines.assign_uploads(periods, uploads.get(pk, ()))
        result.append(
            ScheduledBukti(
                id=pk,
                nama=nama,
                target_waktu=label,
                penanggung_jawab=pj,
                langkah_aksi_id=la_id,
                langkah_aksi=la_nama,
                rencana_area_id=ra_id,
                area_nomor=ra_nomor,
                area_judul=ra_judul,
                area_perubahan_id=ap_id,
                rencana_id=rencana_id,
                satker_id=satker_id,
                jadwal=Jadwal(periods, tuple(done)),
            )
        )
    return result


@dataclass
class Ringkasan:
    """Counts of due periods by status on a reference date (see the module docstring)."""

    jumlah: int = 0
    jatuh_tempo: int = 0
    tepat: int = 0
    terlambat: int = 0
    tertunggak: int = 0
    belum: int = 0
    lebih_awal: int = 0
    tanpa_jadwal: int = 0

    @property
    def selesai(self) -> int:
        return self.tepat + self.terlambat

    @property
    def persen(self) -> int | None:
        """Done among due, percent rounded down; ``None`` if nothing is due."""
        if not self.jatuh_tempo:
            return None
        return self.selesai * 100 // self.jatuh_tempo

    @property
    def persen_tahunan(self) -> int | None:
        """Done (including early) among every period of the year, percent rounded down."""
        if not self.jumlah:
            return None
        return (self.selesai + self.lebih_awal) * 100 // self.jumlah

    def add_butir(
        self, butir: ScheduledBukti, tanggal: date, *, sampai: date | None = None
    ) -> None:
        """Count ``butir``'s periods on ``tanggal``; with ``sampai`` only those due by then."""
        if not butir.jadwal.periode:
            self.tanpa_jadwal += 1
            return
        for periode, done in zip(butir.jadwal.periode, butir.jadwal.terpenuhi, strict=True):
            if sampai is not None and periode.tenggat > sampai:
                continue
            self.add_period(periode, done, tanggal)

    def add_period(
        self, periode: Periode, done: date | None, tanggal: date, *, akhir_hari: bool = False
    ) -> None:
        """Count one period on ``tanggal``. With ``akhir_hari`` the state is taken at the end of
        that day (a period due on ``tanggal`` without evidence by then is overdue): the monev
        records the state at the close of its reference date."""
        if akhir_hari:
            done = done if done is not None and done <= tanggal else None
            tanggal = tanggal + timedelta(days=1)
        self.jumlah += 1
        status = deadlines.status_period(periode, done, tanggal)
        if status == Status.BELUM_JATUH_TEMPO:
            self.belum += 1
        elif periode.tenggat > tanggal:  # fulfilled before its deadline has come
            self.lebih_awal += 1
        else:
            self.jatuh_tempo += 1
            if status == Status.TEPAT_WAKTU:
                self.tepat += 1
            elif status == Status.TERLAMBAT:
                self.terlambat += 1
            else:
                self.tertunggak += 1

    def merge(self, other: Ringkasan) -> None:
        for name in (
            "jumlah", "jatuh_tempo", "tepat", "terlambat", "tertunggak", "belum", "lebih_awal",
            "tanpa_jadwal",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def tingkat(self) -> str:
        """A completion band for colouring (always shown with the number, never alone)."""
        p = self.persen
        if p is None:
            return "kosong"
        if p >= 90:
            return "tinggi"
        if p >= 60:
            return "sedang"
        return "rendah"


@dataclass
class BarisPeriode:
    """One due period of one item with its status on the reference date (for item lists)."""

    butir: ScheduledBukti
    periode: Periode | None
    status: Status
    tanggal_bukti: date | None = None


def baris_periode(butir_list: Iterable[ScheduledBukti], tanggal: date) -> list[BarisPeriode]:
    """Flatten items into one line per due period (an item without schedule: one line)."""
    lines: list[BarisPeriode] = []
    for butir in butir_list:
        if not butir.jadwal.periode:
            lines.append(BarisPeriode(butir, None, Status.TANPA_JADWAL))
            continue
        for sp in butir.jadwal.status_periode(tanggal):
            lines.append(BarisPeriode(butir, sp.periode, sp.status, sp.tanggal_bukti))
    return lines


@dataclass
class Kelompok:
    """A group of items (an area, a satker, a month) with its ``Ringkasan``."""

    kunci: object
    judul: str
    ringkasan: Ringkasan = field(default_factory=Ringkasan)
