"""Print machinery shared by every report (the SK of ``plans``, the monev report of ``monitoring``).

A report is a Django template under ``templates/print/`` rendered to HTML, then to PDF by
WeasyPrint (docs/architecture.md §5, "Reports"). This module gives:

- ``StaticFilesFetcher``: the only way a print template reaches a file. It serves ``STATIC_URL``
  paths from disk through Django's staticfiles finders and refuses everything else (no HTTP, no
  ``file://``), so a print never waits on the network and a crafted URL in user text cannot read
  the server's disk.
- ``html_to_pdf``: HTML string → PDF bytes (PDF/A by default, see ``PDF_VARIANT``).
- ``Report``: the contract ``render(**params) -> RenderedReport(filename, content_type,
  content)``, an HTML-only mode (``render(html_only=True, ...)``) and a PDF cache under
  ``settings.DATA_DIR / "cetak"`` keyed by a content version (SHA-256 of the report's content
  fingerprint, or of its HTML, plus the print templates, stylesheets and renderer versions),
  which also serves as the ETag of the download view.
- ``format_tanggal``: dates the Indonesian way (``8 Februari 2022``); the template filter
  ``tanggal_indonesia`` in ``plans.templatetags.cetak`` wraps it.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import django
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import dateformat, translation

from zona_integritas.hasil import hasil_storage

logger = logging.getLogger(__name__)

#: Base URL of every print document. ``.invalid`` never resolves (RFC 2606), so even a fetcher
#: bug could not reach the network; the fetcher only looks at the path.
BASE_URL = "https://cetak.invalid/"

#: Paper sizes in millimetres, portrait (width, height). F4 is the folio of Indonesian offices
#: (215 × 330 mm); A4 is ISO 216.
PAPER_SIZES_MM: dict[str, tuple[int, int]] = {"f4": (215, 330), "a4": (210, 297)}

#: PDF/A-3b: archival PDF (fonts embedded, sRGB output intent, XMP metadata). Level "b" (visual
#: appearance) because WeasyPrint's tagging (level "a") is incomplete for tables. A project may
#: set ``ZI_PDF_VARIANT = None`` in settings to produce plain PDF.
PDF_VARIANT: str | None = getattr(settings, "ZI_PDF_VARIANT", "pdf/a-3b")

#: Bump when the PDF pipeline changes in a way the HTML does not show (e.g. WeasyPrint options),
#: so that cached PDFs are rendered again.
PIPELINE_VERSION = "1"

#: Folder of the ``hasil`` storage (``zona_integritas.hasil``) that holds the PDF cache.
CACHE_FOLDER = "cetak"


class PrintResourceRefused(ValueError):
    """A print document asked for a resource outside the static files (refused, not fetched)."""


def static_path(relative: str) -> Path | None:
    """Path on disk of the static file ``relative`` (e.g. ``"print/cetak.css"``), or ``None``."""
    found = finders.find(relative)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        try:
            candidate = Path(staticfiles_storage.path(relative))
        except Exception:  # noqa: BLE001 - storage without local paths, or a bad name
            return None
        if candidate.is_file():
            return candidate
    return None


def html_to_pdf(html: str, *, pdf_variant: str | None = PDF_VARIANT) -> bytes:
    """Render an HTML string (from a print template) to PDF bytes with WeasyPrint.

    Relative and ``/static/`` URLs resolve against ``BASE_URL`` and are served by
    ``StaticFilesFetcher``. ``pdf_variant`` is a WeasyPrint variant name (``"pdf/a-3b"``) or
    ``None`` for plain PDF.
    """
    # Imported here: WeasyPrint weighs ~30 MB and only the processes that print need it.
    import weasyprint

    from zona_integritas.pdf_fetcher import StaticFilesFetcher

    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    return document.write_pdf(pdf_variant=pdf_variant)


def format_tanggal(value: datetime.date | datetime.datetime | None) -> str:
    """A date as Indonesian documents print it: ``8 Februari 2022`` (day unpadded, month name).

    Uses Django's ``id`` locale month names whatever the active language; ``None`` → ``""``.
    A ``datetime`` is shown in the current time zone's calendar day.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and settings.USE_TZ and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value)
    with translation.override("id"):
        return dateformat.format(value, "j F Y")


class RenderedReport(NamedTuple):
    """What ``Report.render`` returns: ``(filename, content_type, content)``."""

    filename: str
    content_type: str
    content: bytes


@dataclass
class PrintJob:
    """A report prepared for printing: the version that identifies its PDF, and its HTML.

    ``version`` is a 64-hex SHA-256 over the report's content fingerprint (or its HTML), the
    print templates and stylesheets, the PDF variant and the renderer versions: equal versions
    give the same PDF, so it is the cache key and the ETag. ``cache_group`` names the document
    whatever its content (e.g. ``sk-12-f4-zi-0``); older versions of the same group are dropped
    from the cache when a new one is written. ``html`` is rendered on first use only, so a
    cached PDF or a 304 costs no template rendering.
    """

    version: str
    filename: str
    cache_group: str
    pdf_variant: str | None
    render_html: Callable[[], str] = field(repr=False)
    _html: str | None = field(default=None, repr=False)

    @property
    def html(self) -> str:
        """The report's HTML (rendered once, on first access)."""
        if self._html is None:
            self._html = self.render_html()
        return self._html

    @property
    def etag(self) -> str:
        """The strong ETag value (quoted) of this job's PDF."""
        return f'"{self.version[:40]}"'


class Report:
    """Base class of a printable report; subclasses fill in the template and its context.

    Subclass contract:
    - ``template_name``: a template under ``templates/print/``;
    - ``stylesheets``: static paths the template links (their content is part of the version);
    - ``get_context(**params) -> dict``: the template context (do the queries here, in a fixed
      number, so rendering the template runs none);
    - ``get_filename(**params) -> str``: download name without extension;
    - ``get_cache_group(**params) -> str``: a file-name-safe name of the document and options;
    - optionally ``get_fingerprint(**params) -> object``: a cheap value whose ``repr`` changes
      whenever anything printed changes (field values read with ``values_list``, no template
      work). When it returns ``None`` the version is the hash of the rendered HTML (always right,
      slower for cached requests).

    ``render(**params)`` returns ``RenderedReport(filename, content_type, content)``; with
    ``html_only=True`` the content is the UTF-8 HTML. PDFs are cached in the
    ``hasil`` storage (``cetak/``); pass ``use_cache=False`` to force a render.
    """

    template_name: ClassVar[str]
    stylesheets: ClassVar[tuple[str, ...]] = ("print/cetak.css",)
    pdf_variant: ClassVar[str | None] = PDF_VARIANT

    def get_context(self, **params: Any) -> dict[str, Any]:
        raise NotImplementedError

    def get_filename(self, **params: Any) -> str:
        raise NotImplementedError

    def get_cache_group(self, **params: Any) -> str:
        raise NotImplementedError

    # -- pipeline -----------------------------------------------------------------------------

    def render_html(self, **params: Any) -> str:
        """The report's HTML (a full document) for ``params``."""
        context = self.get_context(**params)
        context.setdefault("stylesheets", self.stylesheets)
        return render_to_string(self.template_name, context)

    def get_fingerprint(self, **params: Any) -> object | None:
        return None

    def prepare(self, **params: Any) -> PrintJob:
        """Compute the version of the report for ``params``; no PDF work yet (for ETags).

        Uses ``get_fingerprint`` when the report has one (no template rendering), else renders
        the HTML and hashes it.
        """
        fingerprint = self.get_fingerprint(**params)
        html: str | None = None
        if fingerprint is None:
            html = self.render_html(**params)
            content = html
        else:
            content = repr(fingerprint)
        digest = hashlib.sha256()
        for part in (
            PIPELINE_VERSION,
            importlib.metadata.version("weasyprint"),
            django.get_version(),
            type(self).__qualname__,
            str(self.pdf_variant),
            assets_digest(self.stylesheets),
            templates_digest(),
        ):
            digest.update(part.encode())
            digest.update(b"\0")
        digest.update(content.encode())
        return PrintJob(
            version=digest.hexdigest(),
            filename=self.get_filename(**params),
            cache_group=self.get_cache_group(**params),
            pdf_variant=self.pdf_variant,
            render_html=lambda: self.render_html(**params),
            _html=html,
        )

    def render(
        self, *, html_only: bool = False, use_cache: bool = True, **params: Any
    ) -> RenderedReport:
        """Render the report: ``(filename, content_type, content)``.

        ``filename`` ends in ``.pdf`` (or ``.html`` with ``html_only``); ``content`` is the PDF
        bytes (or the UTF-8 HTML). Errors of ``get_context`` propagate (e.g. ``DoesNotExist``).
        """
        job = self.prepare(**params)
        if html_only:
            return RenderedReport(
                f"{job.filename}.html", "text/html; charset=utf-8", job.html.encode()
            )
        content = (
            pdf_for_job(job) if use_cache else html_to_pdf(job.html, pdf_variant=job.pdf_variant)
        )
        return RenderedReport(f"{job.filename}.pdf", "application/pdf", content)


# -- cache ----------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Local directory of cached PDFs (the ``cetak/`` folder of the local ``hasil`` storage)."""
    return Path(settings.DATA_DIR) / "hasil" / CACHE_FOLDER


def cached_pdf_name(job: PrintJob) -> str:
    """Name in the ``hasil`` storage of the PDF of ``job`` (whether or not it exists yet)."""
    return f"{CACHE_FOLDER}/{job.cache_group}-{job.version[:40]}.pdf"


def cached_pdf(job: PrintJob) -> bytes | None:
    """The cached PDF bytes of ``job``, or ``None`` when it has not been rendered (or was pruned)."""
    try:
        with hasil_storage().open(cached_pdf_name(job), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def is_cached(job: PrintJob) -> bool:
    """Whether the PDF of ``job`` is in the cache (one ``exists`` call on the storage)."""
    return hasil_storage().exists(cached_pdf_name(job))


def store_pdf(job: PrintJob, content: bytes) -> str:
    """Put the rendered PDF of ``job`` in the cache; return its storage name.

    The storage writes atomically and never overwrites, so two concurrent renders of the same
    version leave one good file (the second finds it and stops). Older versions of the same
    ``cache_group`` are removed afterwards: they describe a plan that no longer exists in that
    form, and they are derived data (the plan and its history remain). Then the size/age cap
    of the storage is applied, at most every few minutes.
    """
    from zona_integritas.hasil import pangkas_sesekali

    storage = hasil_storage()
    name = cached_pdf_name(job)
    if not storage.exists(name):
        name = storage.save(name, ContentFile(content))
    try:
        _dirs, files = storage.listdir(CACHE_FOLDER)
    except FileNotFoundError:
        files = []
    keep = name.rsplit("/", 1)[-1]
    for filename in files:
        if filename.startswith(f"{job.cache_group}-") and filename != keep:
            storage.delete(f"{CACHE_FOLDER}/{filename}")
            logger.debug("PDF cache: removed older version %s", filename)
    pangkas_sesekali()
    return name


def pdf_for_job(job: PrintJob) -> bytes:
    """The PDF bytes of ``job``: read from the cache, or rendered now and cached."""
    content = cached_pdf(job)
    if content is None:
        content = html_to_pdf(job.html, pdf_variant=job.pdf_variant)
        store_pdf(job, content)
    return content


_ASSET_DIGESTS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    """SHA-256 (hex) of a file, memoised by path, mtime and size (read again only when changed)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    file_digest = _ASSET_DIGESTS.get(key)
    if file_digest is None:
        file_digest = hashlib.sha256(path.read_bytes()).hexdigest()
        _ASSET_DIGESTS[key] = file_digest
    return file_digest


def assets_digest(relative_paths: tuple[str, ...]) -> str:
    """SHA-256 over the contents of the given static files (memoised by path, mtime and size).

    A missing file contributes its name only, so the print still works and the version changes
    once the file appears.
    """
    digest = hashlib.sha256()
    for relative in relative_paths:
        digest.update(relative.encode())
        path = static_path(relative)
        if path is None:
            continue
        digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def templates_digest() -> str:
    """SHA-256 over the print templates (``print/`` under every template directory).

    Memoised per file by mtime and size like ``assets_digest``: a changed template gives new
    versions, so cached PDFs of the old layout are not served after a deployment.
    """
    digest = hashlib.sha256()
    for directory in settings.TEMPLATES[0].get("DIRS", []):
        root = Path(directory) / "print"
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.html")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def paper_css(kertas: str) -> dict[str, str]:
    """CSS page sizes for paper ``kertas`` (``"f4"``/``"a4"``): ``{"portrait", "landscape"}``.

    Raises ``KeyError`` for an unknown paper name.
    """
    width, height = PAPER_SIZES_MM[kertas]
    return {"portrait": f"{width}mm {height}mm", "landscape": f"{height}mm {width}mm"}
