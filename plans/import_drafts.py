"""The document between the import preview and the save, kept on the server.

The preview must save exactly the document it showed. Sending the document back through the
browser does not work: a browser submits a textarea's line breaks as CRLF (HTML form
submission rules), so text changes on the way, and a Word/PDF file cannot travel in a form
field at all. So the uploaded bytes are stored in a private directory
(``settings.DATA_DIR / "impor"``, never served) under a random name, and the page carries a
signed token naming the file, its SHA-256, who uploaded it and the import options chosen in
the preview (satker, year, replace, whether another satker's document was confirmed). The save
checks the signature, the age, the user and the digest, so nothing in the form can be swapped.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core import signing

_SALT = "plans.import_drafts"
#: A preview is valid this long (seconds); older drafts are removed at the next preview.
MAX_AGE = 6 * 60 * 60


class DraftError(Exception):
    """The token is invalid, expired, another user's, or its file is gone or changed.

    ``str(error)`` is an Indonesian message for the user.
    """


def _dir() -> Path:
    path = Path(settings.DATA_DIR) / "impor"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _purge_old(directory: Path) -> None:
    limit = time.time() - MAX_AGE
    for old in directory.glob("*.draf"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except FileNotFoundError:  # another request removed it first
            pass


def store(data: bytes, *, user_id: int, options: dict) -> str:
    """Keep ``data`` for the save step; returns the signed token for the confirmation form.

    ``options`` (JSON-serialisable: satker code, tahun, ganti, sumber …) come back unchanged
    from ``load``.
    """
    directory = _dir()
    _purge_old(directory)
    name = uuid.uuid4().hex
    path = directory / f"{name}.draf"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    payload = {
        "id": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "user": user_id,
        "opsi": options,
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def load(token: str, *, user_id: int) -> tuple[bytes, dict]:
    """The stored bytes and options of ``token``.

    Raises:
        DraftError: bad signature, older than ``MAX_AGE``, another user's token, file
            missing (already saved, or removed) or changed.
    """
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise DraftError("Pratinjau sudah kedaluwarsa; ulangi impor.") from None
    except signing.BadSignature:
        raise DraftError("Formulir tidak sah; ulangi impor.") from None
    if payload.get("user") != user_id:
        raise DraftError("Pratinjau ini milik pengguna lain; ulangi impor.")
    path = _dir() / f"{payload['id']}.draf"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(
            "Dokumen pratinjau tidak ditemukan (sudah disimpan atau kedaluwarsa); ulangi impor."
        ) from None
    if hashlib.sha256(data).hexdigest() != payload["sha256"]:
        raise DraftError("Dokumen berubah sejak pratinjau; ulangi impor.")
    return data, payload["opsi"]


def discard(token: str) -> None:
    """Remove the stored file of ``token`` (after a successful save); a bad token is ignored."""
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return
    (_dir() / f"{payload['id']}.draf").unlink(missing_ok=True)
