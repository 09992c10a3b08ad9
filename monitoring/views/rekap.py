"""The province recap of the quarterly monev: page, PDF (F4 landscape) and XLSX.

The province is fetched through ``for_user`` (another province is a 404) and reading needs
``monev.lihat`` on it (403 otherwise), as for the province dashboard.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from access.models import Satker
from access.permissions import require
from monitoring.rekap import rekap_provinsi, rekap_xlsx
from monitoring.reports import RekapReport
from monitoring.selectors import tahun_tersedia
from plans.calendar_id import ROMAWI
from plans.deadlines import triwulan_of
from plans.models import Kerangka

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _params(request: HttpRequest, kode: str) -> dict:
    """Province, year (default: newest with a visible plan), quarter (default: the current
    one for the current year, else IV) and framework (default ZI) from the query string; an
    invalid value falls back to its default so that a shared link always opens."""
    provinsi = get_object_or_404(
        Satker.objects.for_user(request.user).filter(jenis=Satker.Jenis.PROVINSI), kode=kode
    )
    require(request.user, "monev.lihat", provinsi)
    hari_ini = timezone.localdate()
    years = tahun_tersedia(user=request.user) or [hari_ini.year]
    tahun = _int(request.GET.get("tahun"))
    tahun = tahun if tahun in years else years[0]
    default_tw = triwulan_of(hari_ini.month) if tahun == hari_ini.year else 4
    triwulan = _int(request.GET.get("triwulan"))
    triwulan = triwulan if triwulan in (1, 2, 3, 4) else default_tw
    frameworks = list(Kerangka.objects.order_by("kode"))
    by_code = {k.kode: k for k in frameworks}
    kerangka = by_code.get(request.GET.get("kerangka") or "zi") or frameworks[0]
    return {
        "provinsi": provinsi, "tahun": tahun, "triwulan": triwulan, "kerangka": kerangka,
        "hari_ini": hari_ini, "_years": years, "_frameworks": frameworks,
    }  # fmt: skip


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _rekap_params(params: dict) -> dict:
    return {k: v for k, v in params.items() if not k.startswith("_")}


@login_required
def rekap_view(request: HttpRequest, kode: str) -> HttpResponse:
    """Satker × area capaian with plan and monev status for a province, year and quarter."""
    params = _params(request, kode)
    rekap = rekap_provinsi(**_rekap_params(params))
    query = f"tahun={rekap.tahun}&triwulan={rekap.triwulan}&kerangka={rekap.kerangka.kode}"
    context = {
        "rekap": rekap,
        "query": query,
        "tahun_pilihan": params["_years"],
        "kerangka_pilihan": params["_frameworks"],
        "triwulan_pilihan": [(n, ROMAWI[n]) for n in range(1, 5)],
    }
    return render(request, "monitoring/rekap.html", context)


@login_required
def rekap_pdf_view(request: HttpRequest, kode: str) -> HttpResponse:
    """The recap as PDF, F4 landscape (``?kertas=a4`` for A4)."""
    params = _rekap_params(_params(request, kode))
    kertas = "a4" if request.GET.get("kertas") == "a4" else "f4"
    filename, content_type, content = RekapReport().render(kertas=kertas, **params)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def rekap_xlsx_view(request: HttpRequest, kode: str) -> HttpResponse:
    """The recap as an XLSX download."""
    params = _rekap_params(_params(request, kode))
    rekap = rekap_provinsi(**params)
    response = HttpResponse(rekap_xlsx(rekap), content_type=XLSX)
    filename = RekapReport().get_filename(**params)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
