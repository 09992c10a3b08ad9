"""Dashboards: the satker's, the province's, and the item lists behind their numbers.

Objects are fetched only through ``for_user`` (another satker's URL is a 404) and reading needs
the capability ``monev.lihat`` (a member without it gets 403). The satker and province dashboards
are cached twice through the cache framework (``monitoring.cache``), both keyed by the stamp of
the data shown, so a write is never hidden: their figures, and the rendered page body for one
filter and one user scope (the memberships and visible years that decide its links and menus).
Only the framework's own work, the scoping and the three stamp queries run on a cache hit. Every
view runs a fixed number of queries whatever the number of satkers or rows (asserted in the
tests).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from access.models import Keanggotaan, Satker
from access.permissions import REVIEWER_PROVINSI, can, memberships, require
from monitoring.cache import dashboard_key, get_or_build
from monitoring.forms import DasborFilterForm
from monitoring.models import Monev
from monitoring.progress import bukti_terbaru
from monitoring.selectors import (
    SaringanButir,
    daftar_butir,
    dasbor_provinsi,
    dasbor_satker,
    rencana_terpilih,
    tahun_tersedia,
    tanggal_acuan,
)
from plans.calendar_id import NAMA_BULAN
from plans.deadlines import Status
from plans.models import Kerangka

STATUS_LABELS = {
    "": "Semua",
    "jatuh_tempo": "Jatuh tempo",
    "selesai": "Selesai",
    Status.TEPAT_WAKTU.value: "Tepat waktu",
    Status.TERLAMBAT.value: "Terlambat",
    Status.TERTUNGGAK.value: "Tertunggak",
    Status.BELUM_JATUH_TEMPO.value: "Belum jatuh tempo",
    "lebih_awal": "Selesai lebih awal",
    Status.TANPA_JADWAL.value: "Tanpa jadwal",
}


@dataclass
class Saringan:
    """The dashboard filter as read from the query string (with defaults)."""

    form: DasborFilterForm
    tahun: int
    kerangka: Kerangka
    tanggal: date
    tanggal_diisi: bool

    def query(self, **extra) -> str:
        """Query string carrying the filter (and ``extra``) to a linked page."""
        from urllib.parse import urlencode

        params = {"tahun": self.tahun, "kerangka": self.kerangka.kode}
        if self.tanggal_diisi:
            params["tanggal"] = self.tanggal.isoformat()
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)


def read_filter(request: HttpRequest) -> Saringan:
    """Year (default: the current year when it has a visible plan, else the latest earlier year
    with one, else the nearest later one), framework (default ZI), reference date.

    An invalid value falls back to the default instead of failing: a dashboard link must open.
    """
    hari_ini = timezone.localdate()
    plan_years = tahun_tersedia(user=request.user)
    years = sorted({*plan_years, hari_ini.year}, reverse=True)
    frameworks = list(Kerangka.objects.order_by("kode"))
    form = DasborFilterForm(request.GET or None, tahun_pilihan=years, kerangka_pilihan=frameworks)
    data: dict = {}
    if form.is_bound:
        form.is_valid()  # cleaned_data keeps every valid field even when another one is not
        data = form.cleaned_data
    # Without a choice: the plan year in force now. An empty current year would show nothing
    # (archives and demo data are of past years), and next year's draft is not yet in force.
    past = [y for y in plan_years if y <= hari_ini.year]
    default = past[0] if past else (plan_years[-1] if plan_years else hari_ini.year)
    tahun = data.get("tahun") or default
    by_code = {k.kode: k for k in frameworks}
    kerangka = by_code.get(data.get("kerangka") or "zi") or frameworks[0]
    tanggal = data.get("tanggal")
    if not form.is_bound:
        form = DasborFilterForm(
            initial={"tahun": tahun, "kerangka": kerangka.kode},
            tahun_pilihan=years,
            kerangka_pilihan=frameworks,
        )
    return Saringan(
        form=form,
        tahun=tahun,
        kerangka=kerangka,
        tanggal=tanggal or tanggal_acuan(tahun=tahun, hari_ini=hari_ini),
        tanggal_diisi=tanggal is not None,
    )


@login_required
def dasbor_view(request: HttpRequest) -> HttpResponse:
    """Send the user to their dashboard: the province's for a reviewer, else their satker's."""
    return redirect(dasbor_url_for(request.user))


def dasbor_url_for(user) -> str:
    """URL of the dashboard a user lands on (also used by the home page).

    Reviewer Provinsi → their province; another member → their (first) satker; the system admin
    → the first province; nobody → the plan list.
    """
    memberships = sorted(
        Keanggotaan.objects.filter(user=user).values_list("peran", "satker__kode"),
        key=lambda m: (m[0] != REVIEWER_PROVINSI, m[1]),
    )
    if memberships:
        peran, kode = memberships[0]
        name = "provinsi" if peran == REVIEWER_PROVINSI else "satker"
        return reverse(f"monitoring:dasbor_{name}", args=[kode])
    if user.is_superuser:
        provinsi = Satker.objects.filter(jenis=Satker.Jenis.PROVINSI).order_by("kode").first()
        if provinsi:
            return reverse("monitoring:dasbor_provinsi", args=[provinsi.kode])
    return reverse("plans:rencana_list")


def _cached_body(request, key: str, scope: tuple, template: str, context) -> str:
    """The rendered page body (``template``) from the cache, else rendered from ``context()``.

    ``key``: the data key (``dashboard_key``); ``scope``: everything else the body depends on
    for this request. The user's memberships and the filter's year choices are added here:
    they decide the body's links and menus. Rendered without the request, so the context
    processors (notifications) run once, for the page around it.
    """
    user = request.user
    saring_years = tuple(v for v, _label in scope[0].form.fields["tahun"].choices)
    parts = (scope[1:], saring_years, user.is_superuser, tuple(sorted(memberships(user))))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return get_or_build(
        f"{key}:html:{digest}",
        lambda: mark_safe(render_to_string(template, {**context(), "user": user})),  # noqa: S308
    )


@login_required
def dasbor_satker_view(request: HttpRequest, kode: str) -> HttpResponse:
    """A satker's dashboard for one plan year and framework."""
    satker = get_object_or_404(
        Satker.objects.for_user(request.user).select_related("induk"), kode=kode
    )
    require(request.user, "monev.lihat", satker)
    saring = read_filter(request)
    key = dashboard_key(
        kind="satker", pk=satker.pk, satker_ids=[satker.pk], tahun=saring.tahun,
        kerangka=saring.kerangka, tanggal=saring.tanggal,
    )  # fmt: skip
    # Quarterly monev are not in the stamp: their (small) list is part of the body's key.
    monev = list(
        Monev.objects.filter(
            rencana__satker=satker, rencana__tahun=saring.tahun, rencana__kerangka=saring.kerangka
        ).values_list("rencana_id", "triwulan", "status")
    )
    provinsi_terlihat = satker.induk is not None and can(request.user, "monev.lihat", satker.induk)

    def context() -> dict:
        dasbor = get_or_build(
            key,
            lambda: dasbor_satker(
                satker=satker, tahun=saring.tahun, kerangka=saring.kerangka, tanggal=saring.tanggal
            ),
        )
        rencana = dasbor.rencana
        return {
            "dasbor": dasbor,
            "saring": saring,
            # Built once: every number on the page links to the item list with extra filters.
            "url_butir": f"{reverse('monitoring:butir_list', args=[satker.kode])}?{saring.query()}",
            "monev": {m.triwulan: m for m in Monev.objects.filter(rencana=rencana)}
            if rencana
            else {},
            "terbaru": bukti_terbaru(rencana=rencana, batas=10) if rencana else [],
            "bulan_ini": NAMA_BULAN[saring.tanggal.month],
            "grafik_bulan": _chart_rows(dasbor.per_bulan),
            "grafik_area": _chart_rows(dasbor.per_area),
            "provinsi_terlihat": provinsi_terlihat,
        }

    scope = (saring, saring.tanggal_diisi, sorted(monev), provinsi_terlihat)
    body = _cached_body(request, key, scope, "monitoring/dasbor_satker_isi.html", context)
    return render(request, "monitoring/dasbor_satker.html", {"satker": satker, "isi": body})


def _chart_rows(groups) -> dict:
    """Chart.js data for a list of ``Kelompok`` (stacked bars by status)."""
    return {
        "labels": [g.judul for g in groups],
        "tepat": [g.ringkasan.tepat + g.ringkasan.lebih_awal for g in groups],
        "terlambat": [g.ringkasan.terlambat for g in groups],
        "tertunggak": [g.ringkasan.tertunggak for g in groups],
        "belum": [g.ringkasan.belum for g in groups],
    }


@login_required
def dasbor_provinsi_view(request: HttpRequest, kode: str) -> HttpResponse:
    """The province dashboard: matrix satker × area, ranking, trend per quarter, drill-down."""
    provinsi = get_object_or_404(
        Satker.objects.for_user(request.user).filter(jenis=Satker.Jenis.PROVINSI), kode=kode
    )
    require(request.user, "monev.lihat", provinsi)
    saring = read_filter(request)
    satker_ids = list(
        Satker.objects.filter(Q(pk=provinsi.pk) | Q(induk=provinsi)).values_list("pk", flat=True)
    )
    key = dashboard_key(
        kind="provinsi", pk=provinsi.pk, satker_ids=satker_ids, tahun=saring.tahun,
        kerangka=saring.kerangka, tanggal=saring.tanggal,
    )  # fmt: skip

    def context() -> dict:
        dasbor = get_or_build(
            key,
            lambda: dasbor_provinsi(
                provinsi=provinsi,
                tahun=saring.tahun,
                kerangka=saring.kerangka,
                tanggal=saring.tanggal,
            ),
        )
        # Links are built once per satker here: a reverse() per cell made the template the
        # dashboard's largest cost (benchmarks/monitoring_dashboard.py).
        query = saring.query()
        base_butir = reverse("monitoring:butir_list", args=["0"]).replace("/0/", "/{}/")
        base_dasbor = reverse("monitoring:dasbor_satker", args=["0"]).replace("/0/", "/{}/")
        for row in dasbor.baris:
            row.url_butir = f"{base_butir.format(row.satker.kode)}?{query}"
            row.url_dasbor = f"{base_dasbor.format(row.satker.kode)}?{query}"
            row.kolom_sel = row.sel_kolom(dasbor.kolom)
        ranked = dasbor.peringkat
        return {
            "dasbor": dasbor,
            "saring": saring,
            "grafik_peringkat": {
                "labels": [b.satker.wilayah for b in ranked],
                "persen": [b.total.persen or 0 for b in ranked],
            },
            "grafik_tren": {
                "labels": ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
                "persen": dasbor.tren,
            },
        }

    scope = (saring, saring.tanggal_diisi)
    body = _cached_body(request, key, scope, "monitoring/dasbor_provinsi_isi.html", context)
    return render(request, "monitoring/dasbor_provinsi.html", {"provinsi": provinsi, "isi": body})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


BUTIR_PER_HALAMAN = 50


@login_required
def butir_list_view(request: HttpRequest, kode: str) -> HttpResponse:
    """The items behind a dashboard number: a satker's due periods filtered by status, area,
    month or quarter, on the dashboard's reference date."""
    satker = get_object_or_404(Satker.objects.for_user(request.user), kode=kode)
    require(request.user, "monev.lihat", satker)
    saring = read_filter(request)
    status = request.GET.get("status", "")
    if status not in STATUS_LABELS:
        raise Http404("Status tidak dikenal.")
    bulan = _int(request.GET.get("bulan"))
    triwulan = _int(request.GET.get("triwulan"))
    filters = SaringanButir(
        status=status,
        area=_int(request.GET.get("area")),
        rencana_area=_int(request.GET.get("ra")),
        bulan=bulan if bulan and 1 <= bulan <= 12 else None,
        triwulan=triwulan if triwulan and 1 <= triwulan <= 4 else None,
    )
    rencana = rencana_terpilih(
        satker_ids=[satker.pk], tahun=saring.tahun, kerangka=saring.kerangka
    ).get(satker.pk)
    lines = daftar_butir(rencana=rencana, tanggal=saring.tanggal, saring=filters) if rencana else []
    description = [STATUS_LABELS[status]]
    if filters.bulan:
        description.append(f"tenggat {NAMA_BULAN[filters.bulan]}")
    if filters.triwulan:
        description.append(f"triwulan {['I', 'II', 'III', 'IV'][filters.triwulan - 1]}")
    context = {
        "satker": satker,
        "rencana": rencana,
        "saring": saring,
        "lines": lines,
        # A year of monthly items is thousands of lines: a page of them keeps the list usable.
        "halaman": Paginator(lines, BUTIR_PER_HALAMAN).get_page(request.GET.get("halaman")),
        "jumlah": len(lines),
        "status": status,
        "status_labels": STATUS_LABELS,
        "keterangan": ", ".join(description),
        "filters": filters,
    }
    return render(request, "monitoring/butir_list.html", context)
