"""Cross-app views: the landing page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in user to the plan list (the dashboards take over when they exist)."""
    return redirect("plans:rencana_list")
