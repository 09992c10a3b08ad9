"""The unread-notification count shown in the navbar of every page."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from notifications.models import Notifikasi


def notifikasi(request) -> dict:
    """``{"notifikasi_belum_dibaca": int}`` for a logged-in user, computed only if a template
    reads it (one indexed COUNT)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "notifikasi_belum_dibaca": SimpleLazyObject(
            lambda: Notifikasi.objects.filter(user=user, dibaca_pada__isnull=True).count()
        )
    }
