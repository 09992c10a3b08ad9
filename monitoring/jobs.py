"""Background jobs of the monitoring app (registered in ``MonitoringConfig.ready``): the
monev report PDF."""

from __future__ import annotations

from jobs.handlers import render_report
from jobs.models import Job


def monev_pdf(job: Job) -> dict:
    """The monev report: params ``monev_id``, ``kertas``."""
    from monitoring.reports import MonevReport

    return render_report(
        job, MonevReport(), {"monev_id": job.params["monev_id"], "kertas": job.params["kertas"]}
    )
