"""Background jobs of the plans app (registered in ``PlansConfig.ready``): the SK PDF of a
large plan and the import of a large SK document."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from jobs import services
from jobs.handlers import render_report
from jobs.models import Job


def sk_pdf(job: Job) -> dict:
    """The SK with its Lampiran: params ``rencana_id``, ``kertas``, ``tata_letak``, ``salinan``."""
    from plans.models import RencanaAksi
    from plans.reports import SkReport

    p = job.params
    rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(pk=p["rencana_id"])
    params = {
        "rencana": rencana,
        "kertas": p["kertas"],
        "tata_letak": p.get("tata_letak"),
        "salinan": p.get("salinan", False),
    }
    return render_report(job, SkReport(), params)


def impor_lampiran(job: Job) -> dict:
    """Import a large SK document: params ``text``, ``satker_id``, ``tahun``, ``replace``,
    ``sumber``, ``user_id``. Same service and rules as the import page (all or nothing).
    """
    from django.contrib.auth import get_user_model

    from access.models import Satker
    from plans.lampiran import LampiranError
    from plans.services.importing import lampiran_import

    p = job.params
    services.set_progress(job, 10, "Membaca dan memeriksa dokumen.")
    user = get_user_model().objects.filter(pk=p.get("user_id")).first()
    try:
        rencana, _hasil = lampiran_import(
            text=p["text"],
            satker=Satker.objects.get(pk=p["satker_id"]) if p.get("satker_id") else None,
            tahun=p.get("tahun"),
            replace=bool(p.get("replace")),
            user=user,
            sumber=p.get("sumber", ""),
        )
    except LampiranError as exc:
        # An unreadable document is the user's to fix: jobs shows a ValidationError's text.
        raise ValidationError(str(exc)) from exc
    return {"tautan": reverse("plans:rencana_detail", args=[rencana.pk])}
