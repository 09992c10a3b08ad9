"""Signed, expiring download links for bukti dukung (workbook cells, PortalRB answers).

A link carries the upload's id signed with ``django.core.signing`` (salt ``lke.bukti``); the
download view checks the signature and its age (``settings.LKE_BUKTI_LINK_MAX_AGE`` seconds,
three days by default), so an evaluator outside the app can fetch the file for a few days
without an account, and a guessed or edited link fails. Never a public URL to a private file.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from evidence.models import Unggahan

SALT = "lke.bukti"
DEFAULT_MAX_AGE = 3 * 24 * 3600


def max_age() -> int:
    """Seconds a link stays valid (``LKE_BUKTI_LINK_MAX_AGE``, default three days)."""
    return int(getattr(settings, "LKE_BUKTI_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def token_bukti(unggahan: Unggahan) -> str:
    """The signed token of an upload (timestamped: it expires after ``max_age()``)."""
    return signing.TimestampSigner(salt=SALT).sign_object({"u": unggahan.pk})


def tautan_bukti(unggahan: Unggahan, base_url: str) -> str:
    """The absolute signed download link of ``unggahan`` (``base_url`` like ``https://host``)."""
    path = reverse("lke:bukti_unduh", kwargs={"token": token_bukti(unggahan)})
    return base_url.rstrip("/") + path


def buka_token(token: str, *, cek_umur: bool = True) -> int:
    """The upload id in a token; raises ``signing.BadSignature`` (or ``SignatureExpired``)."""
    signer = signing.TimestampSigner(salt=SALT)
    data = signer.unsign_object(token, max_age=max_age() if cek_umur else None)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("bentuk token tidak dikenal")
    return data["u"]


def baca_tautan(link: str) -> int:
    """The upload id of a link we issued, ignoring its age (a workbook read back later).

    Raises ``signing.BadSignature`` for anything else.
    """
    token = link.strip().rstrip("/").rsplit("/", 1)[-1]
    return buka_token(token, cek_umur=False)
