"""ZIP containers (OOXML, ODF): a sane central directory, then every entry actually inflated.

The sizes in a ZIP's directory are claims: an entry may declare 1 kB and inflate to 1 GB. So
after the cheap checks on the declared sizes, every entry is inflated from its raw bytes with
``zlib`` in bounded steps, counting the bytes that really come out: an entry that yields more
than it declared, or an archive whose entries together yield more than
``ZIP_MAX_UNCOMPRESSED``, is refused at that moment (nothing more is inflated). The CRC and the
final size of each entry must match the directory. While inflating, the bytes of each entry
go to the document inspector (``evidence.validation.office``), which parses the parts that
matter as a stream; an entry that is an OLE compound file (macros, embedded objects and
programs are stored that way) is refused whatever its name.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from evidence.validation.jenis import ALLOWED_LABEL, BerkasDitolak, JenisBerkas

ZIP_MAX_ENTRIES = 5000
ZIP_MAX_UNCOMPRESSED = 300 * 1024 * 1024  # bytes actually inflated, the whole archive
ZIP_MAX_RATIO = 100  # declared uncompressed / compressed, over the archive
ZIP_RATIO_FLOOR = 10 * 1024 * 1024  # the ratio rule applies above this uncompressed total
_READ = 64 * 1024
_OUT = 256 * 1024
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOMB = "rasio kompresinya tidak wajar (kemungkinan zip bomb)."


def check_zip(f: BinaryIO, size: int, *, depth: int = 0) -> JenisBerkas:
    """The type of the OOXML or ODF document ``f`` (``size`` bytes); raises ``BerkasDitolak``.

    ``depth`` counts nesting (a document embedded in a document is checked the same way, up
    to two levels).
    """
    from evidence.validation.office import inspector_for

    f.seek(0)
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise BerkasDitolak("berkas ZIP/Office rusak (struktur arsip tidak terbaca).") from exc
    with zf:
        infos = zf.infolist()
    _check_structure(infos, size)
    inspector = inspector_for({i.filename for i in infos}, depth=depth)
    if inspector is None:
        raise BerkasDitolak(
            f"arsip ZIP biasa tidak diterima; unggah dokumennya satu per satu ({ALLOWED_LABEL})."
        )
    budget = ZIP_MAX_UNCOMPRESSED
    for info in sorted(infos, key=lambda i: i.header_offset):
        consumer = inspector.consumer(info.filename)
        produced, crc, head = 0, 0, b""
        for chunk in _inflate(f, info):
            produced += len(chunk)
            budget -= len(chunk)
            if produced > info.file_size or budget < 0:
                raise BerkasDitolak(f"isi arsip setelah diekstrak melebihi ukurannya; {BOMB}")
            crc = zlib.crc32(chunk, crc)
            if len(head) < len(CFB_SIGNATURE):
                head += chunk[: len(CFB_SIGNATURE) - len(head)]
            if consumer is not None:
                consumer.feed(chunk)
        if produced != info.file_size or crc != info.CRC:
            raise BerkasDitolak("berkas ZIP/Office rusak (isi entri tidak cocok dengan direktori).")
        if head == CFB_SIGNATURE:
            raise BerkasDitolak(
                "dokumen berisi objek OLE/makro tersisip (berkas biner Office) yang tidak "
                "diizinkan; simpan ulang tanpa objek sisipan atau cetak ke PDF."
            )
        if consumer is not None:
            consumer.close()
    return inspector.result()


def _check_structure(infos: list[zipfile.ZipInfo], size: int) -> None:
    if len(infos) > ZIP_MAX_ENTRIES:
        raise BerkasDitolak(f"arsip berisi terlalu banyak entri (> {ZIP_MAX_ENTRIES}).")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise BerkasDitolak("arsip berisi entri bernama ganda (struktur tidak sah).")
    if any(i.flag_bits & 0x1 for i in infos):
        raise BerkasDitolak("dokumen terenkripsi/berkata sandi tidak dapat diperiksa.")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > ZIP_MAX_UNCOMPRESSED:
        raise BerkasDitolak(f"isi arsip setelah diekstrak terlalu besar; {BOMB}")
    if total > ZIP_RATIO_FLOOR and total / packed > ZIP_MAX_RATIO:
        raise BerkasDitolak(BOMB)
    # Overlapping entries (one compressed kernel referenced many times) are the classic
    # non-recursive zip bomb; in a sane archive each entry lies after the previous one.
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for prev, nxt in itertools.pairwise(ordered):
        if prev.header_offset + 30 + prev.compress_size > nxt.header_offset:
            raise BerkasDitolak(f"entri arsip saling tumpang tindih; {BOMB}")
    if ordered and ordered[-1].header_offset + ordered[-1].compress_size > size:
        raise BerkasDitolak("berkas ZIP/Office terpotong (entri melewati akhir berkas).")


def _inflate(f: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The bytes of entry ``info``, inflated from the raw data at most ``_OUT`` at a time."""
    f.seek(info.header_offset)
    header = f.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise BerkasDitolak("berkas ZIP/Office rusak (kepala entri tidak sah).")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    f.seek(info.header_offset + 30 + name_len + extra_len)
    remaining = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while remaining > 0:
            data = f.read(min(_READ, remaining))
            if not data:
                raise BerkasDitolak("berkas ZIP/Office terpotong.")
            remaining -= len(data)
            yield data
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise BerkasDitolak("dokumen memakai metode kompresi ZIP yang tidak didukung.")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        while remaining > 0:
            data = f.read(min(_READ, remaining))
            if not data:
                raise BerkasDitolak("berkas ZIP/Office terpotong.")
            remaining -= len(data)
            out = inflater.decompress(data, _OUT)
            yield out
            while inflater.unconsumed_tail:
                yield inflater.decompress(inflater.unconsumed_tail, _OUT)
        yield inflater.flush()
    except zlib.error as exc:
        raise BerkasDitolak("berkas ZIP/Office rusak (data terkompresi tidak sah).") from exc
