"""Dashboards through Django's cache, keyed by a cheap stamp of the data they show.

A dashboard reads every live bukti fisik of one or many plans and their accepted uploads and
computes its figures in Python (tens to hundreds of milliseconds for a province). The figures
change only when one of those rows changes, so ``write_stamp`` summarises them in three
aggregate queries (no rows transferred): the plans' revision, version, last change and status;
count, highest id, sum of the row versions and the live count of the bukti fisik and their
ancestors; count, highest id, latest verification/withdrawal and the accepted count of the
uploads. Any edit, import, upload, verification or withdrawal changes the stamp and so the
cache key: a stale dashboard is never served, and nothing has to be invalidated by hand.
Entries expire after ``settings.ZI_DASBOR_CACHE_SECONDS`` to bound the cache's size.

With several app servers the cache must be shared (``REDIS_URL`` → Django's ``RedisCache``);
the default file cache is shared by the processes of one machine only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from evidence.models import Unggahan
from monitoring.progress import _AREA
from monitoring.progress import _LIVE as LIVE_ROWS
from plans import tree
from plans.models import BuktiFisik, Kerangka, RencanaAksi

T = TypeVar("T")
logger = logging.getLogger(__name__)

# The same "live row" rule and path as the dashboards' own rows (monitoring.progress).
_LIVE = Q(**LIVE_ROWS)


def write_stamp(*, satker_ids: list[int], tahun: int, kerangka: Kerangka) -> str:
    """A 64-hex digest that changes whenever a dashboard of these satkers/year/framework would.

    Three queries whatever the number of rows (see the module docstring for what they read).
    """
    plans = list(
        RencanaAksi.objects.filter(satker_id__in=satker_ids, tahun=tahun, kerangka=kerangka)
        .order_by("pk")
        .values_list("pk", "satker_id", "revisi", "versi", "diubah", "status")
    )
    ids = [p[0] for p in plans]
    rows = BuktiFisik.objects.filter(**{f"{_AREA}__rencana_id__in": ids}).aggregate(
        n=Count("pk"),
        top=Max("pk"),
        live=Count("pk", filter=_LIVE),
        versi=Sum("versi"),
        langkah=Sum("langkah_aksi__versi"),
        indikator=Sum(tree.lookup("bukti", "indikator", "versi")),
        komponen=Sum(tree.lookup("bukti", "komponen", "versi")),
        area=Sum(f"{_AREA}__versi"),
    )
    uploads = Unggahan.objects.filter(**{f"bukti_fisik__{_AREA}__rencana_id__in": ids}).aggregate(
        n=Count("pk"),
        top=Max("pk"),
        verifikasi=Max("diverifikasi_pada"),
        tarik=Max("ditarik_pada"),
        ditarik=Count("pk", filter=Q(ditarik=True)),
        diterima=Count("pk", filter=Q(status=Unggahan.Status.DITERIMA)),
    )
    data = (sorted(satker_ids), plans, sorted(rows.items()), sorted(uploads.items()))
    return hashlib.sha256(repr(data).encode()).hexdigest()


def dashboard_key(
    *, kind: str, pk: int, satker_ids: list[int], tahun: int, kerangka: Kerangka, tanggal: date
) -> str:
    """The cache key of a dashboard's data: page, filter and ``write_stamp`` (three queries).

    ``kind``/``pk`` name the page (``"satker"``/``"provinsi"`` and its satker id); ``satker_ids``
    are the satkers whose plans it shows.
    """
    stamp = write_stamp(satker_ids=satker_ids, tahun=tahun, kerangka=kerangka)
    return f"dasbor:{kind}:{pk}:{tahun}:{kerangka.pk}:{tanggal.isoformat()}:{stamp[:32]}"


def get_or_build(key: str, build: Callable[[], T]) -> T:
    """``cache[key]``, else ``build()`` stored under ``key`` for ``ZI_DASBOR_CACHE_SECONDS``.

    ``key`` must carry a ``write_stamp`` (``dashboard_key``) so a write is never hidden. A cache
    that cannot be reached is bypassed (the page is slower, not broken).
    """
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage slows the page, it does not break it
        value = None
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout=settings.ZI_DASBOR_CACHE_SECONDS)
        except Exception:
            logger.warning("dashboard cache not writable", exc_info=True)
    return value
