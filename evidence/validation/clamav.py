"""Optional virus scan with ClamAV's daemon (clamd), over its INSTREAM protocol.

Off by default: ``settings.ZI_CLAMAV`` empty. Set it (environment ``ZI_CLAMAV``) to the
daemon's address, ``unix:///run/clamav/clamd.ctl`` or ``tcp://127.0.0.1:3310``, and every
upload that passed the content checks is streamed to clamd before it is stored. The protocol
(clamd(8), "INSTREAM"): send ``zINSTREAM\\0``, then chunks each prefixed by its length as a
4-byte big-endian integer, then a zero length; the answer is ``stream: OK`` or
``stream: <signature> FOUND``.
"""

from __future__ import annotations

import logging
import socket
import struct
from typing import BinaryIO
from urllib.parse import urlparse

from evidence.validation.jenis import BerkasDitolak

logger = logging.getLogger("evidence")

_CHUNK = 64 * 1024


class PemindaiTidakTersedia(Exception):
    """clamd could not be reached or answered something unexpected."""


def _connect(address: str, timeout: float) -> socket.socket:
    url = urlparse(address)
    try:
        if url.scheme == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(url.path)
        elif url.scheme == "tcp":
            sock = socket.create_connection((url.hostname, url.port or 3310), timeout=timeout)
        else:
            raise PemindaiTidakTersedia(f"alamat clamd tidak dikenal: {address!r}")
    except OSError as exc:
        raise PemindaiTidakTersedia(str(exc)) from exc
    return sock


def scan(f: BinaryIO, *, address: str, timeout: float = 30.0) -> str | None:
    """Stream ``f`` (from its start) to clamd at ``address``; return the name of the virus
    found, or ``None`` when clean. Raises ``PemindaiTidakTersedia`` when clamd cannot answer
    (callers refuse the upload then: no file is stored unscanned once scanning is on)."""
    f.seek(0)
    with _connect(address, timeout) as sock:
        try:
            sock.sendall(b"zINSTREAM\0")
            while chunk := f.read(_CHUNK):
                sock.sendall(struct.pack(">I", len(chunk)) + chunk)
            sock.sendall(struct.pack(">I", 0))
            answer = b""
            while not answer.endswith(b"\0") and (data := sock.recv(4096)):
                answer += data
        except OSError as exc:
            raise PemindaiTidakTersedia(str(exc)) from exc
    text = answer.rstrip(b"\0").decode("utf-8", errors="replace").strip()
    if text.endswith("OK"):
        return None
    if text.endswith("FOUND"):
        return text.removeprefix("stream:").removesuffix("FOUND").strip()
    raise PemindaiTidakTersedia(f"jawaban clamd tidak dikenal: {text[:200]!r}")


def periksa(f: BinaryIO) -> None:
    """Scan ``f`` when ``settings.ZI_CLAMAV`` is set; leave it at its start.

    Raises ``BerkasDitolak`` naming the virus, or saying the scanner did not answer: once
    scanning is on, no file is stored unscanned.
    """
    from django.conf import settings

    address = getattr(settings, "ZI_CLAMAV", "")
    if not address:
        return
    try:
        virus = scan(f, address=address)
    except PemindaiTidakTersedia as exc:
        logger.error("Pemindai virus tidak tersedia: %s", exc)
        raise BerkasDitolak(
            "belum dapat diperiksa karena pemindai virus tidak menjawab; coba lagi beberapa "
            "saat lagi atau hubungi admin sistem."
        ) from exc
    finally:
        f.seek(0)
    if virus:
        logger.warning("Unggahan ditolak pemindai virus: %s", virus)
        raise BerkasDitolak(f"pemindai virus menemukan {virus}.")
