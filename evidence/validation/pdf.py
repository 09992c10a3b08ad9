"""PDF: refuse active content, found by parsing the file (pypdf), not by searching its bytes.

A byte search misses what a PDF viewer still runs: objects packed in compressed object streams
(PDF 1.5), and names written with ``#xx`` escapes (``/J#61vaScript`` is ``/JavaScript``).
So every object the cross-reference lists, in the file body or in an object stream, is loaded
by pypdf (which decodes object streams and name escapes) and walked, dictionaries and arrays
recursively. Refused (ISO 32000-1 §12.6 actions, §7.11 file specifications):

- an action of a type that runs or opens something: JavaScript, Launch, ImportData,
  SubmitForm, GoToR/GoToE (another document), Rendition, RichMediaExecute;
- JavaScript anywhere (``/JS`` key, the ``/JavaScript`` name tree), XFA forms (scripted);
- automatic triggers: ``/AA`` (additional actions) and an ``/OpenAction`` that is an action
  other than going to a page of the document;
- embedded or referenced files: ``/EmbeddedFiles``, ``/EF``, types ``/EmbeddedFile`` and
  ``/Filespec``; RichMedia (embedded Flash/video with scripts).

A raw scan of the bytes for ``/JavaScript`` and ``/Launch`` (escapes decoded) stays as a second
net for objects a broken cross-reference hides from the parser but a lenient viewer recovers.
"""

from __future__ import annotations

import logging
import re
from typing import BinaryIO, NoReturn

from evidence.validation.jenis import BerkasDitolak

logger = logging.getLogger("evidence")

#: Action types (``/S``) that run code, open files or fetch/send data.
ACTION_TERLARANG = {
    "/JavaScript": "skrip JavaScript",
    "/Launch": "perintah menjalankan program (Launch)",
    "/ImportData": "impor data dari berkas lain",
    "/SubmitForm": "pengiriman formulir ke alamat luar",
    "/GoToR": "tautan yang membuka dokumen lain",
    "/GoToE": "tautan ke dokumen sisipan",
    "/Rendition": "pemutaran media dengan skrip",
    "/RichMediaExecute": "perintah media interaktif",
}
#: Dictionary keys that are active content wherever they appear.
KUNCI_TERLARANG = {
    "/JS": "skrip JavaScript",
    "/JavaScript": "skrip JavaScript",
    "/AA": "aksi otomatis (AA)",
    "/EmbeddedFiles": "berkas sisipan",
    "/EF": "berkas sisipan",
    "/XFA": "formulir XFA (berskrip)",
    "/RichMediaContent": "media interaktif (RichMedia)",
}
#: Values of ``/Type`` (or ``/Subtype``) that are refused.
JENIS_TERLARANG = {
    "/EmbeddedFile": "berkas sisipan",
    "/Filespec": "rujukan ke berkas lain (Filespec)",
    "/RichMedia": "media interaktif (RichMedia)",
}
_MAX_OBJECTS = 500_000
_MAX_DEPTH = 64

_RAW_NAME = re.compile(rb"/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){2,16})")
_RAW_ACTIVE = {b"JavaScript", b"Launch"}
_SCAN_CHUNK = 1024 * 1024


def check_pdf(f: BinaryIO, size: int) -> None:
    """Raise ``BerkasDitolak`` unless the PDF ``f`` (``size`` bytes) is complete, readable and
    free of the active content listed in the module docstring."""
    f.seek(max(0, size - 2048))
    if b"%%EOF" not in f.read():
        raise BerkasDitolak("PDF tidak lengkap atau rusak (penanda akhir %%EOF tidak ada).")
    _scan_raw(f)
    _walk_objects(f)


def _refuse(what: str) -> NoReturn:
    raise BerkasDitolak(
        f"PDF berisi {what} yang tidak diizinkan; cetak ulang ke PDF biasa (Cetak → Simpan "
        "sebagai PDF) lalu unggah lagi."
    )


def _unescape(name: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)


def _scan_raw(f: BinaryIO) -> None:
    # Chunks overlap so a name cut by a chunk edge is still seen whole.
    f.seek(0)
    tail = b""
    while chunk := f.read(_SCAN_CHUNK):
        window = tail + chunk
        for match in _RAW_NAME.finditer(window):
            name = _unescape(match.group(1))
            if name in _RAW_ACTIVE:
                _refuse(ACTION_TERLARANG["/" + name.decode()])
        tail = window[-64:]


def _walk_objects(f: BinaryIO) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import IndirectObject

    f.seek(0)
    try:
        reader = PdfReader(f, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BerkasDitolak("PDF terenkripsi/berkata sandi tidak dapat diperiksa.")
        numbers = {(num, gen) for gen, table in reader.xref.items() for num in table if num > 0} | {
            (num, 0) for num in reader.xref_objStm
        }
        if len(numbers) > _MAX_OBJECTS:
            raise BerkasDitolak(f"PDF berisi terlalu banyak objek (> {_MAX_OBJECTS}).")
        _walk(reader.trailer, 0)
        for num, gen in sorted(numbers):
            _walk(reader.get_object(IndirectObject(num, gen, reader)), 0)
    except BerkasDitolak:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise BerkasDitolak("PDF rusak atau strukturnya tidak dapat dibaca.") from exc
    except Exception as exc:  # pypdf raises many kinds for malformed files (and DependencyError)
        logger.info("PDF ditolak karena gagal dibaca: %r", exc)
        raise BerkasDitolak("PDF rusak atau strukturnya tidak dapat dibaca.") from exc


def _walk(obj, depth: int) -> None:
    """Check ``obj`` and everything directly inside it; references are not followed (every
    indirect object is visited once from the cross-reference instead)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    if depth > _MAX_DEPTH or obj is None or isinstance(obj, IndirectObject):
        return
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in KUNCI_TERLARANG:
                _refuse(KUNCI_TERLARANG[key])
            if key in ("/Type", "/Subtype") and value in JENIS_TERLARANG:
                _refuse(JENIS_TERLARANG[value])
            if key == "/S" and value in ACTION_TERLARANG:
                _refuse(ACTION_TERLARANG[value])
            if key == "/OpenAction":
                _check_open_action(value)
            _walk(value, depth + 1)
    elif isinstance(obj, ArrayObject):
        for item in obj:
            _walk(item, depth + 1)
    elif isinstance(obj, NameObject) and obj in ("/JavaScript", "/Launch"):
        # A bare /JavaScript or /Launch name outside a dictionary key is still a marker of
        # active content (e.g. an action type written in an array-based name tree).
        _refuse(ACTION_TERLARANG[obj])


def _check_open_action(value) -> None:
    """An ``/OpenAction`` may open the document at a page (a destination array, or a GoTo
    action); any other action run at opening is refused."""
    from pypdf.generic import DictionaryObject, IndirectObject

    if isinstance(value, IndirectObject):
        value = value.get_object()
    if isinstance(value, DictionaryObject) and value.get("/S") != "/GoTo":
        what = ACTION_TERLARANG.get(value.get("/S"), "aksi")
        _refuse(f"{what} yang dijalankan otomatis saat dokumen dibuka (OpenAction)")
