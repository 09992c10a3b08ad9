"""Cross-app views: the landing page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in user to their dashboard (``monitoring.views.dashboards.dasbor_url_for``):
    a province reviewer to the province's, another member to their satker's, the system admin to
    the first province's; a user without any membership to the plan list."""
    from monitoring.views.dashboards import dasbor_url_for

    return redirect(dasbor_url_for(request.user))
