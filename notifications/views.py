"""The user's notification list: open one (marks it read), mark all read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notifications.models import Notifikasi
from notifications.services import notifikasi_mark_read

PER_HALAMAN = 30


@login_required
def notifikasi_list_view(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first, paginated."""
    qs = Notifikasi.objects.filter(user=request.user)
    page = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "notifications/notifikasi_list.html", {"page": page})


@login_required
def notifikasi_buka_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notification: mark it read and go to its page (another user's id is a 404)."""
    item = get_object_or_404(Notifikasi, pk=pk, user=request.user)
    notifikasi_mark_read(user=request.user, notifikasi=item)
    # The link was written by the app, but check it anyway: never redirect off-site.
    if item.tautan and url_has_allowed_host_and_scheme(
        item.tautan, allowed_hosts={request.get_host()}
    ):
        return redirect(item.tautan)
    return redirect("notifications:list")


@login_required
@require_POST
def notifikasi_baca_semua_view(request: HttpRequest) -> HttpResponse:
    """Mark every notification of the user read."""
    n = notifikasi_mark_read(user=request.user)
    messages.success(request, f"{n} notifikasi ditandai sudah dibaca.")
    return redirect("notifications:list")
