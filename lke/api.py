"""The PortalRB exchange: endpoints PortalRB pulls from an agency system (``/api/portalrb/``).

Authentication: ``Authorization: Bearer <token>`` compared in constant time with
``settings.PORTALRB_TOKEN`` (environment variable ``PORTALRB_TOKEN``); without a configured
token every endpoint answers 503, with a wrong or missing header 401. Errors are JSON:
``{"error": true, "code": "DATA_NOT_FOUND" | "UNAUTHORIZED" | "INTERNAL_SERVER_ERROR" |
"TOO_MANY_REQUESTS", "message": "…"}``. A fixed-window rate limit per client address
(``settings.PORTALRB_RATE_LIMIT`` requests per minute, Django's cache) answers 429.

Units are satkers, identified as ``UNIT-<kode>`` (``UNIT-3319`` is KPU Kabupaten Kudus).
Proposals list the satkers whose FINAL LKE meets every threshold of the category on the TPI's
answers. Evidence links are signed and expire (``lke.signing``).
"""

from __future__ import annotations

import functools
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from lke.models import Lke
from lke.scoring import INDEKS, JUMLAH
from lke.selectors import TPI, jawaban_rows, skor, soal_engine
from lke.signing import tautan_bukti

PREFIX = "UNIT-"


def galat(status: int, code: str, message: str) -> JsonResponse:
    """The JSON error body every endpoint uses."""
    return JsonResponse({"error": True, "code": code, "message": message}, status=status)


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_limited(request: HttpRequest) -> bool:
    limit = int(getattr(settings, "PORTALRB_RATE_LIMIT", 60))
    key = f"portalrb:rate:{_client(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > limit


def portalrb_endpoint(view):
    """Configured? Then the rate limit, the Bearer token check and the view; errors → JSON 500."""

    @functools.wraps(view)
    @require_GET
    def wrapper(request: HttpRequest, *args, **kwargs):
        expected = getattr(settings, "PORTALRB_TOKEN", "") or ""
        if not expected:
            return galat(
                503,
                "INTERNAL_SERVER_ERROR",
                "Layanan PortalRB belum dikonfigurasi (PORTALRB_TOKEN).",
            )
        if _rate_limited(request):
            return galat(429, "TOO_MANY_REQUESTS", "Terlalu banyak permintaan; coba lagi nanti.")
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), expected.encode()
        ):
            return galat(401, "UNAUTHORIZED", "Token tidak sah atau tidak ada.")
        try:
            return view(request, *args, **kwargs)
        except Exception:
            import logging

            logging.getLogger("lke.api").exception("PortalRB endpoint failed")
            return galat(500, "INTERNAL_SERVER_ERROR", "Terjadi kesalahan pada server.")

    return wrapper


def _tahun(request: HttpRequest) -> int | None:
    raw = request.GET.get("tahun", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


def _usulan(request: HttpRequest, kategori: str) -> JsonResponse:
    tahun = _tahun(request)
    if tahun is None:
        return galat(404, "DATA_NOT_FOUND", "Parameter tahun (YYYY) wajib diisi.")
    lkes = (
        Lke.objects.filter(tahun=tahun, status=Lke.Status.FINAL)
        .select_related("satker", "master")
        .order_by("satker__kode")
    )
    units = []
    for lke in lkes:
        hasil = skor(lke, TPI)
        if getattr(hasil, kategori.lower()).lulus:
            units.append({
                "id": f"{PREFIX}{lke.satker.kode}", "nama": lke.satker.nama,
                "kategori": kategori, "afirmasi": False,
            })  # fmt: skip
    return JsonResponse({"tahun": tahun, "units": units}, json_dumps_params={"ensure_ascii": False})


@portalrb_endpoint
def unit_wbk_view(request: HttpRequest) -> JsonResponse:
    """``GET /pengusulan/unit-wbk?tahun=YYYY``: units whose final TPI scores pass WBK."""
    return _usulan(request, "WBK")


@portalrb_endpoint
def unit_wbbm_view(request: HttpRequest) -> JsonResponse:
    """``GET /pengusulan/unit-wbbm?tahun=YYYY``: units whose final TPI scores pass WBBM."""
    return _usulan(request, "WBBM")


def _nilai(jenis: str, text: str):
    if not text:
        return None
    if jenis in (JUMLAH, INDEKS):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


@portalrb_endpoint
def jawaban_unit_view(request: HttpRequest, unit_id: str) -> JsonResponse:
    """``GET /lke/jawaban-unit/{unit_id}?tahun=YYYY``: every question's answers, master order.

    Only a submitted or final LKE is served (a draft is still being filled in).
    """
    tahun = _tahun(request)
    if tahun is None:
        return galat(404, "DATA_NOT_FOUND", "Parameter tahun (YYYY) wajib diisi.")
    kode = unit_id[len(PREFIX) :] if unit_id.startswith(PREFIX) else ""
    lke = (
        Lke.objects.select_related("satker", "master")
        .filter(satker__kode=kode, tahun=tahun)
        .exclude(status=Lke.Status.DRAF)
        .first()
    )
    if lke is None:
        return galat(404, "DATA_NOT_FOUND", f"LKE unit {unit_id} tahun {tahun} tidak ditemukan.")
    soals = soal_engine(lke.master)
    base = request.build_absolute_uri("/")
    answers = []
    for r in jawaban_rows(lke):
        jenis = soals[r.soal.id_master].jenis
        answers.append({
            "soal_id": r.soal.id_master,
            "jawaban_unit": _nilai(jenis, r.jawaban_unit),
            "jawaban_tpi": _nilai(jenis, r.jawaban_tpi),
            "catatan_unit": r.catatan_unit,
            "bukti_dukung_unit": ";".join(tautan_bukti(u, base) for u in r.bukti.all()),
            "catatan_tpi": r.catatan_tpi,
        })  # fmt: skip
    body = {"unit_id": unit_id, "nama_unit": lke.satker.nama, "tahun": tahun, "answers": answers}
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
