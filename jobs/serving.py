"""Sending a generated file (a built evidence pack, a cached PDF) to the browser.

With ``settings.ZI_HASIL_X_ACCEL_PREFIX`` (e.g. ``/_hasil/``) and the local ``hasil`` storage,
the answer is an empty response with ``X-Accel-Redirect``: nginx sends the bytes from an
``internal`` location aliased to ``ZI_DATA_DIR/hasil/``, so no app worker is held by a slow
download. Otherwise a ``FileResponse`` streams it from the storage (local or S3).
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from zona_integritas.hasil import hasil_storage, local_path


def serve_hasil(
    name: str, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """The response sending storage file ``name`` as ``filename``.

    Raises ``FileNotFoundError`` when the file is gone (pruned); callers answer 410/404.
    Headers: ``Content-Disposition`` (attachment unless ``inline``), ``nosniff`` and
    ``Cache-Control: private, no-cache`` (the files hold a satker's data).
    """
    storage = hasil_storage()
    prefix = getattr(settings, "ZI_HASIL_X_ACCEL_PREFIX", "")
    if prefix and local_path(storage, name):
        if not storage.exists(name):
            raise FileNotFoundError(name)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
    else:
        response = FileResponse(
            storage.open(name, "rb"),
            as_attachment=not inline,
            filename=filename,
            content_type=content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response
