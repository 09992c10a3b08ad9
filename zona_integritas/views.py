"""Cross-app views: the landing page and the health page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in user to their dashboard through ``monitoring:dasbor``, which picks the
    province's, the satker's or the plan list. By URL name, so the glue imports no app."""
    return redirect("monitoring:dasbor")


@never_cache
def sehat(request: HttpRequest) -> JsonResponse:
    """Health of this server as JSON, for a load balancer or a monitoring system.

    Answer: ``{"status": "sehat"|"terganggu"|"gagal", "checks": {name: {"ok", "detail",
    "ms"}}}`` with the checks of ``zona_integritas.health``. Status 200 while the database,
    the evidence storage and the cache work ("terganggu" when only the task worker's heartbeat
    is missing or stale); 503 when one of those fails, or when the worker is stale and the
    request asks ``?ketat=1``. No login: the details name no host, path or secret.
    """
    from zona_integritas.health import ESSENTIAL, run_checks

    results = run_checks()
    strict = request.GET.get("ketat") == "1"
    essential = ESSENTIAL | {"worker"} if strict else ESSENTIAL
    failed = {name for name, r in results.items() if not r.ok}
    if failed & essential:
        status, code = "gagal", 503
    elif failed:
        status, code = "terganggu", 200
    else:
        status, code = "sehat", 200
    body = {
        "status": status,
        "checks": {
            name: {"ok": r.ok, "detail": r.detail, "ms": r.ms} for name, r in results.items()
        },
    }
    return JsonResponse(body, status=code)
