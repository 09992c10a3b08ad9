"""An upload handler that enforces the evidence size limit while the request streams in.

Django's default handlers keep a small file in memory and spool a large one to a temporary
file, but accept any size. ``UkuranTerbatasUploadHandler`` goes first in
``request.upload_handlers`` and counts the bytes of every file part as they arrive: the first
chunk past ``settings.ZI_UPLOAD_MAX_BYTES`` makes it raise ``SkipFile``, so Django closes (and
deletes) the partial temporary file and drains the rest of that part without keeping it. The
refusal, in Indonesian, is kept in ``handler.penolakan`` for the view to show. Files past the
``ZI_UPLOAD_MAX_FILES``-th are skipped the same way. The total body size is the front web
server's job (nginx ``client_max_body_size``, see ``evidence/README.md``): Django drains what it
skips without keeping it, so memory stays flat either way.

Usage (the view must be ``csrf_exempt`` outside and ``csrf_protect`` inside, because the CSRF
check reads ``request.POST`` and the handlers cannot change after that; Django docs, "Modifying
upload handlers on the fly"):

    handler = UkuranTerbatasUploadHandler(request)
    request.upload_handlers.insert(0, handler)
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat


def batas_ukuran() -> int:
    """The per-file limit in bytes (``settings.ZI_UPLOAD_MAX_BYTES``, default 25 MB)."""
    return int(getattr(settings, "ZI_UPLOAD_MAX_BYTES", 25 * 1024 * 1024))


def batas_jumlah() -> int:
    """The most files one upload request may carry (``settings.ZI_UPLOAD_MAX_FILES``)."""
    return int(getattr(settings, "ZI_UPLOAD_MAX_FILES", 20))


class UkuranTerbatasUploadHandler(FileUploadHandler):
    """Refuse each file part larger than ``max_bytes`` as it streams; count the files.

    ``penolakan`` collects Indonesian refusal messages; the view refuses the whole request
    when it is not empty (nothing is written).
    """

    def __init__(self, request=None, *, max_bytes: int | None = None) -> None:
        super().__init__(request)
        self.max_bytes = batas_ukuran() if max_bytes is None else max_bytes
        self.penolakan: list[str] = []
        self.jumlah_berkas = 0
        self._diterima = 0
        self._nama = ""

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self._diterima = 0
        self._nama = file_name or "berkas"
        self.jumlah_berkas += 1
        if self.jumlah_berkas > batas_jumlah():
            self.penolakan.append(
                f"“{self._nama}” ditolak: paling banyak {batas_jumlah()} berkas sekali unggah."
            )
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._diterima += len(raw_data)
        if self._diterima > self.max_bytes:
            self.penolakan.append(
                f"“{self._nama}” ditolak: ukurannya melebihi batas "
                f"{filesizeformat(self.max_bytes)}."
            )
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        # The next handler (memory or temporary file) builds the UploadedFile.
        return None
