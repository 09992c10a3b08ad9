"""Permanent redirects from the old satker URLs (addressed by database id) to the new ones
(addressed by the satker's kode, as users see it), so that bookmarks and links stored in old
notifications keep working.

A redirect looks the satker up through the same scoping as the page it points to
(``Satker.objects.for_user``, provinces only for a province page), so it answers 404 exactly
where that page would: it reveals no satker the user could not open anyway. The capability
check stays with the target page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from access.models import Satker


@login_required
def satker_lama_view(
    request: HttpRequest, pk: int, target: str, provinsi: bool = False
) -> HttpResponsePermanentRedirect:
    """301 to ``target`` (a URL name taking ``kode``) for the satker ``pk``, query string kept.

    ``provinsi`` restricts the lookup to provinces, as the province pages do. Raises
    ``Http404`` for a satker the user may not see (or that does not exist).
    """
    satker = Satker.objects.for_user(request.user)
    if provinsi:
        satker = satker.filter(jenis=Satker.Jenis.PROVINSI)
    kode = get_object_or_404(satker, pk=pk).kode
    url = reverse(target, kwargs={"kode": kode})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
