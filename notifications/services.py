"""Writes of the notifications app: create notifications (and their e-mail), mark them read."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Notifikasi

logger = logging.getLogger(__name__)


def notifikasi_create(
    *, users: Iterable, jenis: str, judul: str, isi: str = "", tautan: str = "", email: bool = True
) -> list[Notifikasi]:
    """Notify each of ``users`` (deduplicated, inactive accounts skipped); returns the rows.

    ``jenis``: a ``Notifikasi.Jenis`` value; ``tautan``: a path inside the app. With ``email``
    the same text goes by mail to every user with an address, after the surrounding transaction
    commits (a rolled-back change sends nothing). A mail failure is logged, never raised: the
    in-app notification is what counts.
    """
    unique = {u.pk: u for u in users if u is not None and u.is_active}
    rows = Notifikasi.objects.bulk_create(
        Notifikasi(user=u, jenis=jenis, judul=judul[:200], isi=isi, tautan=tautan)
        for u in unique.values()
    )
    recipients = sorted({u.email for u in unique.values() if u.email})
    if email and recipients:
        transaction.on_commit(lambda: _send(recipients, judul, isi, tautan))
    return rows


def _send(recipients: list[str], judul: str, isi: str, tautan: str) -> None:
    body = isi
    if tautan:
        base = getattr(settings, "ZI_BASE_URL", "").rstrip("/")
        body = f"{isi}\n\nBuka: {base}{tautan}" if base else f"{isi}\n\nBuka di aplikasi: {tautan}"
    try:
        send_mail(
            f"[Zona Integritas] {judul}",
            body.strip(),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Notifikasi e-mail gagal dikirim ke %d penerima", len(recipients))


def notifikasi_mark_read(*, user, notifikasi: Notifikasi | None = None) -> int:
    """Mark one notification of ``user`` (or, without ``notifikasi``, all of them) read.

    Returns how many rows changed; another user's notification changes nothing.
    """
    qs = Notifikasi.objects.filter(user=user, dibaca_pada__isnull=True)
    if notifikasi is not None:
        qs = qs.filter(pk=notifikasi.pk)
    return qs.update(dibaca_pada=timezone.now())
