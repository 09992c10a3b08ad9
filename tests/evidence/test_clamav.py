"""The optional ClamAV hook: off by default; on, a virus or a silent scanner refuses the file."""

from __future__ import annotations

import socket
import struct
import threading

import pytest
from django.core.exceptions import ValidationError

from evidence.models import Unggahan
from tests.evidence import files
from tests.evidence.conftest import stored_files, upload_service

pytestmark = pytest.mark.django_db


class FakeClamd:
    """A one-connection clamd speaking INSTREAM on a unix socket; keeps what it received."""

    def __init__(self, path, answer: bytes) -> None:
        self.received = b""
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(1)
        self.answer = answer
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, conn, n: int) -> bytes:
        data = b""
        while len(data) < n:
            data += conn.recv(n - len(data))
        return data

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            assert self._read(conn, 10) == b"zINSTREAM\0"
            while size := struct.unpack(">I", self._read(conn, 4))[0]:
                self.received += self._read(conn, size)
            conn.sendall(self.answer + b"\0")
        self.server.close()


def test_off_by_default(bukti, member, settings):
    assert settings.ZI_CLAMAV == ""
    assert upload_service(bukti, member("kasubbag"), ("Laporan.pdf", files.pdf()))


def test_virus_found_refuses_and_stores_nothing(bukti, member, settings, tmp_path):
    path = tmp_path / "clamd.sock"
    clamd = FakeClamd(path, b"stream: Eicar-Test-Signature FOUND")
    settings.ZI_CLAMAV = f"unix://{path}"
    data = files.pdf("terinfeksi")
    with pytest.raises(ValidationError, match="Eicar-Test-Signature"):
        upload_service(bukti, member("kasubbag"), ("Laporan.pdf", data))
    clamd.thread.join(5)
    assert clamd.received == data
    assert not Unggahan.objects.exists()
    assert stored_files() == []


def test_clean_file_is_stored(bukti, member, settings, tmp_path):
    path = tmp_path / "clamd.sock"
    FakeClamd(path, b"stream: OK")
    settings.ZI_CLAMAV = f"unix://{path}"
    [unggahan] = upload_service(bukti, member("kasubbag"), ("Laporan.pdf", files.pdf()))
    assert unggahan.berkas.ukuran > 0
    assert len(stored_files()) == 1


def test_scanner_down_refuses_rather_than_store_unscanned(bukti, member, settings, tmp_path):
    settings.ZI_CLAMAV = f"unix://{tmp_path / 'tidak-ada.sock'}"
    with pytest.raises(ValidationError, match="pemindai virus tidak menjawab"):
        upload_service(bukti, member("kasubbag"), ("Laporan.pdf", files.pdf()))
    assert not Unggahan.objects.exists()
