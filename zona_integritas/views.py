"""Cross-app views: the landing page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in user to their dashboard through ``monitoring:dasbor``, which picks the
    province's, the satker's or the plan list. By URL name, so the glue imports no app."""
    return redirect("monitoring:dasbor")
