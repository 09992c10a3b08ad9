"""Background jobs of the evidence app (registered in ``EvidenceConfig.ready``): the
evidence pack of a plan, built into the generated-files storage."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time

from jobs import services
from jobs.handlers import BuiltFile
from jobs.models import Job
from zona_integritas.hasil import hasil_storage, pangkas_sesekali, temp_dir


def paket_bukti(job: Job) -> dict:
    """The evidence pack ZIP of a plan: params ``rencana_id``, ``semua_revisi``.

    Written to a temporary file beside the storage (progress by bytes, updated at most once a
    second), then saved into ``paket/`` of the ``hasil`` storage: a rename on local disk, an
    upload on S3. The temporary file is removed whatever happens.
    """
    from evidence.pack import paket_bukti as collect
    from plans.models import RencanaAksi

    rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(
        pk=job.params["rencana_id"]
    )
    services.set_progress(job, 2, "Mengumpulkan daftar berkas.")
    paket = collect(rencana=rencana, semua_revisi=bool(job.params.get("semua_revisi")))
    stream = paket.stream()
    total = len(stream) or 1
    fd, tmp = tempfile.mkstemp(dir=temp_dir(), prefix=".tmp-paket-", suffix=".zip")
    try:
        written, last = 0, 0.0
        with os.fdopen(fd, "wb") as out:
            for chunk in stream:
                out.write(chunk)
                written += len(chunk)
                if time.monotonic() - last >= 1:
                    last = time.monotonic()
                    services.set_progress(
                        job,
                        5 + 90 * written // total,
                        f"Menulis ZIP: {written // 2**20} dari {total // 2**20} MB.",
                    )
        services.set_progress(job, 96, "Menyimpan paket.")
        digest = hashlib.sha256(job.key.encode()).hexdigest()[:16]
        with open(tmp, "rb") as handle:
            name = hasil_storage().save(f"paket/{rencana.pk}-{digest}.zip", BuiltFile(handle, tmp))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    pangkas_sesekali()
    return {
        "nama_hasil": name,
        "nama_unduhan": paket.nama_zip,
        "content_type": "application/zip",
        "ukuran": written,
    }
