"""WeasyPrint URL fetcher for print documents: static files from disk, nothing else.

Kept apart from ``zona_integritas.printing`` so that importing the printing machinery (every
web worker does, through the URL conf) does not load WeasyPrint; only rendering does.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from zona_integritas.printing import BASE_URL, PrintResourceRefused, static_path


class StaticFilesFetcher(URLFetcher):
    """WeasyPrint URL fetcher that reads static files from disk and refuses anything else.

    Accepts ``data:`` URLs (inline, no I/O) and URLs of ``BASE_URL``'s host whose path starts
    with ``settings.STATIC_URL``; the rest of the path is looked up with the staticfiles finders
    (development) then in ``STATIC_ROOT`` (after ``collectstatic``). Raises
    ``PrintResourceRefused`` for any other URL or for a path with ``..``; WeasyPrint turns that
    into a logged warning and leaves the resource out.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        base = urlsplit(BASE_URL)
        static_prefix = urlsplit(settings.STATIC_URL).path
        if (
            parts.scheme != base.scheme
            or parts.netloc != base.netloc
            or not parts.path.startswith(static_prefix)
        ):
            raise PrintResourceRefused(f"Sumber di luar berkas statis ditolak: {url}")
        relative = unquote(parts.path[len(static_prefix) :])
        if not relative or any(seg in ("", ".", "..") for seg in relative.split("/")):
            raise PrintResourceRefused(f"Jalur berkas statis tidak sah: {url}")
        path = static_path(relative)
        if path is None:
            raise PrintResourceRefused(f"Berkas statis tidak ditemukan: {relative}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )
