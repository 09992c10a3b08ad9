"""Request id and user on every log line, and one log line per request.

``RequestIdMiddleware`` takes the id from the ``X-Request-ID`` header set by the reverse proxy
(nginx's ``$request_id`` in ``deploy/nginx``) or makes one, returns it in the response's
``X-Request-ID`` header, and keeps it with the user's name in context variables for the duration
of the request. ``RequestContextFilter`` copies them onto every log record (``request_id``,
``user``; ``"-"`` outside a request, e.g. in management commands), so the JSON formatter of
``settings.LOGGING`` writes them on each line.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
request_var: ContextVar[HttpRequest | None] = ContextVar("request", default=None)

# A client-supplied id is kept only when it looks like one (no spaces, quotes or newlines that
# could forge log lines), and capped in length.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

request_logger = logging.getLogger("zona_integritas.request")


class RequestContextFilter(logging.Filter):
    """Logging filter adding ``record.request_id`` and ``record.user`` (strings, ``"-"`` if none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user = _username(request_var.get())
        return True


def _username(request: HttpRequest | None) -> str:
    """The signed-in user's name, without forcing the lazy ``request.user`` (that would query
    the session while logging); ``"-"`` when unknown or anonymous."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-"
    return user.get_username() if user.is_authenticated else "-"


class RequestIdMiddleware:
    """Give each request an id (``request.id``) and log one line when it is answered.

    Input: ``X-Request-ID`` request header (optional). Output: the same id in the response's
    ``X-Request-ID`` header; an INFO record on ``zona_integritas.request`` with ``method``,
    ``path``, ``status`` and ``duration_ms``; the filter adds the signed-in user once the view has
    looked at it (``"-"`` for anonymous requests).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if _SAFE_ID.match(supplied) else uuid.uuid4().hex
        request.id = request_id
        id_token = request_id_var.set(request_id)
        request_token = request_var.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(id_token)
            request_var.reset(request_token)
