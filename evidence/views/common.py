"""Lookups shared by the evidence views: objects only through ``for_user`` (else 404)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from access.models import Satker
from access.permissions import can, satker_of
from evidence.models import Unggahan
from plans import tree
from plans.models import BuktiFisik, RencanaAksi

_CHAIN = tree.lookup("bukti", "rencana")


def get_bukti(request: HttpRequest, pk: int) -> BuktiFisik:
    """The bukti fisik ``pk`` if ``request.user`` may see its satker, else ``Http404``."""
    return get_object_or_404(
        BuktiFisik.objects.for_user(request.user).select_related(
            f"{_CHAIN}__satker__induk", f"{_CHAIN}__kerangka", f"{_CHAIN}__satker"
        ),
        pk=pk,
    )


def get_unggahan(request: HttpRequest, pk: int) -> Unggahan:
    """The upload ``pk`` if ``request.user`` may see its satker, else ``Http404``.

    A withdrawn upload is visible only to those who may upload or verify (and the system
    admin); to a plain reader it does not exist.
    """
    unggahan = get_object_or_404(
        Unggahan.objects.for_user(request.user).select_related(
            "berkas",
            "diunggah_oleh",
            "diverifikasi_oleh",
            f"bukti_fisik__{_CHAIN}__satker__induk",
            f"bukti_fisik__{_CHAIN}__kerangka",
        ),
        pk=pk,
    )
    if unggahan.ditarik and not boleh_lihat_ditarik(
        request.user, satker_dari(unggahan.bukti_fisik)
    ):
        from django.http import Http404

        raise Http404("Berkas tidak ditemukan.")
    return unggahan


def get_rencana(request: HttpRequest, pk: int) -> RencanaAksi:
    """The plan ``pk`` if ``request.user`` may see its satker, else ``Http404``."""
    return get_object_or_404(
        RencanaAksi.objects.for_user(request.user).select_related(
            "satker", "satker__induk", "kerangka"
        ),
        pk=pk,
    )


def rencana_dari(bukti: BuktiFisik) -> RencanaAksi:
    """The plan of a bukti fisik fetched by ``get_bukti`` (no query)."""
    return bukti.langkah_aksi.indikator.komponen.rencana_area.rencana


# The satker of a bukti fisik: the one ``satker_of`` of the plan tree, under the views' name.
satker_dari = satker_of


def boleh_lihat_ditarik(user, satker: Satker) -> bool:
    """Uploaders and verifiers see withdrawn files (to restore them); readers do not."""
    return can(user, "bukti.unggah", satker) or can(user, "bukti.verifikasi", satker)


def wants_json(request: HttpRequest) -> bool:
    """Whether the client (the drag-and-drop uploader) asked for a JSON answer."""
    return request.headers.get("x-requested-with") == "XMLHttpRequest" or (
        "application/json" in request.headers.get("accept", "")
    )
