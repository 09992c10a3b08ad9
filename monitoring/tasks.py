"""Background tasks of the monitoring app (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def kirim_pengingat_task(tanggal: str | None = None, hari: int = 7) -> dict:
    """Send the deadline reminders as of ``tanggal`` (ISO date, default today) for ``hari`` days.

    Returns ``{"email": n, "butir": n, "gagal": [satker names]}`` (JSON for the task result).
    """
    from django.utils import timezone

    from monitoring.reminders import pengingat_kirim

    acuan = datetime.date.fromisoformat(tanggal) if tanggal else timezone.localdate()
    hasil = pengingat_kirim(tanggal=acuan, hari=hari)
    return {"email": hasil.email, "butir": hasil.butir, "gagal": list(hasil.gagal)}
