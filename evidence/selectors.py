"""Read queries of the evidence app, and the per-period status of a bukti fisik.

Queries are decided here (``select_related``) so templates never trigger any. The plan page
shows each bukti fisik's files with two queries for the whole plan (``bukti_cell_context``);
the monitoring app reads accepted evidence through ``bukti_diterima``.

Status of one period of a bukti fisik (``PeriodeBukti.status``), over its non-withdrawn
uploads filed under that month or under "tanpa periode" (which covers every month):
``diterima`` if any is accepted, else ``menunggu`` if any awaits verification, else
``ditolak`` (needs a new upload) if all were rejected, else ``belum`` (nothing uploaded).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from access.permissions import can
from evidence.models import Unggahan, nama_bulan
from plans import tree
from plans.models import BuktiFisik, RencanaAksi

DITERIMA = "diterima"
MENUNGGU = "menunggu"
DITOLAK = "ditolak"
BELUM = "belum"

STATUS_LABEL = {
    DITERIMA: "Diterima",
    MENUNGGU: "Menunggu verifikasi",
    DITOLAK: "Ditolak — perlu unggah ulang",
    BELUM: "Belum ada",
}
STATUS_WARNA = {DITERIMA: "success", MENUNGGU: "warning", DITOLAK: "danger", BELUM: "secondary"}

_PLAN_PATH = tree.lookup("bukti", "rencana", via="bukti_fisik")


def unggahan_for_user(*, user) -> QuerySet[Unggahan]:
    """Uploads ``user`` may see (another satker's are absent: a 404 in views), with joins."""
    return Unggahan.objects.for_user(user).select_related(
        "berkas", "diunggah_oleh", "diverifikasi_oleh", "ditarik_oleh"
    )


def unggahan_rencana(
    *, rencana: RencanaAksi, termasuk_ditarik: bool = False, area_ids: list[int] | None = None
):
    """Uploads of every live bukti fisik of ``rencana`` (of the ``RencanaArea`` ids
    ``area_ids`` only, when given), in display order (one query)."""
    qs = Unggahan.objects.filter(
        **{_PLAN_PATH: rencana, "bukti_fisik__diarsipkan": False}
    ).select_related("berkas", "diunggah_oleh", "diverifikasi_oleh")
    if area_ids is not None:
        qs = qs.filter(**{tree.lookup("bukti", "area", "id", "in", via="bukti_fisik"): area_ids})
    if not termasuk_ditarik:
        qs = qs.filter(ditarik=False)
    return qs.order_by("bukti_fisik_id", "periode_bulan", "kunci_revisi", "-revisi")


def unggahan_per_bukti(
    *, rencana: RencanaAksi, area_ids: list[int] | None = None
) -> dict[int, list[Unggahan]]:
    """``{bukti_fisik_id: [non-withdrawn Unggahan, …]}`` for the whole plan (or the areas
    ``area_ids``) in one query."""
    result: dict[int, list[Unggahan]] = defaultdict(list)
    for unggahan in unggahan_rencana(rencana=rencana, area_ids=area_ids):
        result[unggahan.bukti_fisik_id].append(unggahan)
    return dict(result)


def bukti_diterima(
    *, bukti_fisik_ids: Iterable[int]
) -> dict[int, list[tuple[int | None, datetime.date]]]:
    """Per bukti fisik id: (periode_bulan or None, date uploaded) of every ACCEPTED, non-withdrawn upload.

    ``bukti_fisik_ids``: ids, or a ``values_list("id", flat=True)`` queryset used as a subquery.

    Dates are local (``settings.TIME_ZONE``, Asia/Jakarta) dates of ``diunggah_pada``; lists
    are in upload order; ids without accepted uploads are absent. One query. Not scoped:
    the caller passes ids it already fetched through ``for_user``.
    """
    # A queryset stays a subquery (no per-id parameter work for thousands of ids).
    ids = bukti_fisik_ids if isinstance(bukti_fisik_ids, QuerySet) else list(bukti_fisik_ids)
    result: dict[int, list[tuple[int | None, datetime.date]]] = defaultdict(list)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    rows = (
        Unggahan.objects.filter(
            bukti_fisik_id__in=ids, status=Unggahan.Status.DITERIMA, ditarik=False
        )
        .order_by("diunggah_pada", "pk")
        .values_list("bukti_fisik_id", "periode_bulan", "diunggah_pada")
    )
    for bukti_id, periode, waktu in rows:
        result[bukti_id].append((periode, timezone.localdate(waktu)))
    return dict(result)


def unggahan_terbaru(*, rencana: RencanaAksi, limit: int = 10) -> list[Unggahan]:
    """The ``limit`` latest non-withdrawn uploads of ``rencana``, newest first (one query).

    Each has ``berkas``, ``diunggah_oleh`` and ``bukti_fisik`` (with its langkah aksi)
    joined, for dashboards.
    """
    return list(
        Unggahan.objects.filter(**{_PLAN_PATH: rencana}, ditarik=False)
        .select_related("berkas", "diunggah_oleh", "bukti_fisik", "bukti_fisik__langkah_aksi")
        .order_by("-diunggah_pada", "-pk")[:limit]
    )


@dataclass
class PeriodeBukti:
    """One period of a bukti fisik: month (or ``None``), label, status and its uploads.

    ``unggahan`` holds the latest revision of each file filed under this exact period;
    ``status`` also counts "tanpa periode" uploads, which cover every month.
    """

    bulan: int | None
    label: str
    status: str = BELUM
    unggahan: list[Unggahan] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]

    @property
    def warna(self) -> str:
        return STATUS_WARNA[self.status]


@dataclass
class RingkasanBukti:
    """What the plan page shows for one bukti fisik: periods with status and files.

    ``lengkap`` is true when every scheduled period has accepted evidence.
    """

    bukti: BuktiFisik
    periode: list[PeriodeBukti]
    jumlah_berkas: int
    boleh_unggah: bool = False
    boleh_verifikasi: bool = False

    @property
    def lengkap(self) -> bool:
        return all(p.status == DITERIMA for p in self.periode_terjadwal)

    @property
    def periode_terjadwal(self) -> list[PeriodeBukti]:
        """The periods that must be covered (months, or the single undated one)."""
        dated = [p for p in self.periode if p.bulan is not None]
        return dated or [p for p in self.periode if p.bulan is None]

    @property
    def kurang(self) -> list[PeriodeBukti]:
        """Scheduled periods still without accepted evidence."""
        return [p for p in self.periode_terjadwal if p.status != DITERIMA]


def _status(uploads: list[Unggahan]) -> str:
    statuses = {u.status for u in uploads}
    if Unggahan.Status.DITERIMA in statuses:
        return DITERIMA
    if Unggahan.Status.MENUNGGU in statuses:
        return MENUNGGU
    if Unggahan.Status.DITOLAK in statuses:
        return DITOLAK
    return BELUM


def latest_per_file(uploads: list[Unggahan]) -> list[Unggahan]:
    """Keep the highest revision of each file (same period and ``kunci_revisi``)."""
    best: dict[tuple, Unggahan] = {}
    for u in uploads:
        key = (u.periode_bulan, u.kunci_revisi)
        if key not in best or u.revisi > best[key].revisi:
            best[key] = u
    return sorted(best.values(), key=lambda u: (u.periode_bulan or 0, u.nama_berkas.casefold()))


def ringkas(
    bukti: BuktiFisik,
    uploads: list[Unggahan],
    *,
    boleh_unggah: bool = False,
    boleh_verifikasi: bool = False,
) -> RingkasanBukti:
    """Summarise the non-withdrawn ``uploads`` of ``bukti`` per period (no query).

    Periods come from ``bukti.bulan`` (see ``evidence.services.periode_pilihan``); the
    "tanpa periode" slot is listed when the item has no schedule or holds uploads.
    """
    from evidence.services import periode_pilihan

    live = [u for u in uploads if not u.ditarik]
    undated = [u for u in live if u.periode_bulan is None]
    periods = []
    for bulan in periode_pilihan(bukti):
        if bulan is None and not undated and len(periode_pilihan(bukti)) > 1:
            continue
        own = [u for u in live if u.periode_bulan == bulan]
        counted = own if bulan is None else own + undated
        periods.append(
            PeriodeBukti(
                bulan=bulan,
                label=nama_bulan(bulan),
                status=_status(counted),
                unggahan=latest_per_file(own),
            )
        )
    return RingkasanBukti(
        bukti=bukti,
        periode=periods,
        jumlah_berkas=len(live),
        boleh_unggah=boleh_unggah,
        boleh_verifikasi=boleh_verifikasi,
    )


@dataclass
class KonteksBukti:
    """What ``{% bukti_cell %}`` needs for a whole plan: uploads per bukti id and the rights."""

    unggahan: dict[int, list[Unggahan]]
    boleh_unggah: bool
    boleh_verifikasi: bool

    def untuk(self, bukti: BuktiFisik) -> RingkasanBukti:
        """The ``RingkasanBukti`` of one bukti fisik of the plan (no query)."""
        return ringkas(
            bukti,
            self.unggahan.get(bukti.pk, []),
            boleh_unggah=self.boleh_unggah,
            boleh_verifikasi=self.boleh_verifikasi,
        )


def bukti_cell_context(
    *, rencana: RencanaAksi, user, area_ids: list[int] | None = None
) -> dict[str, KonteksBukti]:
    """Context for the plan page: ``{"bukti_cells": KonteksBukti}`` (of the ``RencanaArea``
    ids ``area_ids`` only, when the page shows one area of a large plan).

    Costs one query for all uploads of the plan plus at most one for the user's memberships
    (cached per request by ``access.permissions``). Use with
    ``{% load evidence_tags %}`` and ``{% bukti_cell bukti_cells baris.bukti %}``.
    """
    satker = rencana.satker
    return {
        "bukti_cells": KonteksBukti(
            unggahan=unggahan_per_bukti(rencana=rencana, area_ids=area_ids),
            boleh_unggah=can(user, "bukti.unggah", satker),
            boleh_verifikasi=can(user, "bukti.verifikasi", satker),
        )
    }
