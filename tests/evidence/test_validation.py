"""Content validation and name hygiene, without the database."""

from __future__ import annotations

import io

import pytest

from evidence.names import sanitize_component, sanitize_filename
from evidence.validation import BerkasDitolak, detect_type
from tests.evidence import files


def detect(data: bytes):
    return detect_type(io.BytesIO(data), size=len(data))


@pytest.mark.parametrize("kode", sorted(files.GOOD))
def test_each_allowed_type_is_recognised(kode):
    _name, make = files.GOOD[kode]
    assert detect(make()).kode == kode


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "kosong"),
        (files.elf(), "ELF"),
        (b"MZ\x90\x00" + b"\x00" * 100, "Windows"),
        (b"#!/bin/sh\nrm -rf /\n", "skrip"),
        (b"root:x:0:0:root:/root:/bin/bash\n", "tidak dikenali"),
        (b"<html><script>alert(1)</script></html>", "HTML"),
        (files.docx_with_macro(), "makro"),
        (files.zip_bomb(), "zip bomb"),
        (files.overlapping_zip(), "tumpang tindih"),
        (b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n", "JavaScript"),
        (b"%PDF-1.4\n1 0 obj<</S/Launch/F(cmd.exe)>>endobj\n%%EOF\n", "Launch"),
        (files.pdf()[:-200], "tidak lengkap"),
        (files.png()[:40], "rusak"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", "MOV"),
        (files.mp4()[:-10], "rusak"),
        (files._odf("application/vnd.oasis.opendocument.presentation"), "tidak diizinkan"),
        (files._odf("application/vnd.oasis.opendocument.text", {"Basic/m.xml": b"x"}), "makro"),
    ],
    ids=[
        "empty",
        "elf",
        "exe",
        "script",
        "passwd",
        "html",
        "docx-vba",
        "zip-bomb",
        "overlap-bomb",
        "pdf-js",
        "pdf-launch",
        "pdf-truncated",
        "png-truncated",
        "mov",
        "mp4-truncated",
        "odp",
        "odt-macro",
    ],
)
def test_bad_content_is_refused_with_the_reason(data, reason):
    with pytest.raises(BerkasDitolak) as exc:
        detect(data)
    assert reason.lower() in str(exc.value).lower()


def test_plain_zip_is_refused():
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(BerkasDitolak, match="ZIP biasa"):
        detect(buf.getvalue())


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\evil.pdf", "evil.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("lpt1.tar.pdf", "_lpt1.tar.pdf"),
        ("Laporan\u202eFDP.exe.pdf", "LaporanFDP.exe.pdf"),
        ("Évaluasi — 第一 2022.pdf", "Évaluasi — 第一 2022.pdf"),
        ("  ..hidden. .pdf", "hidden.pdf"),
        ("tanda<tanya>?.pdf", "tanda_tanya__.pdf"),
        ("Laporan.exe", "Laporan.pdf"),
        ("Laporan final", "Laporan final.pdf"),
        ("", "berkas.pdf"),
        ("a" * 300 + ".pdf", "a" * 120 + ".pdf"),
    ],
)
def test_sanitize_filename(sent, expected):
    assert sanitize_filename(sent, extensions=(".pdf",)) == expected


def test_sanitize_filename_keeps_an_alternative_extension_of_the_type():
    assert sanitize_filename("Foto.JPEG", extensions=(".jpg", ".jpeg")) == "Foto.jpeg"
    assert sanitize_filename("Foto.png", extensions=(".jpg", ".jpeg")) == "Foto.jpg"


def test_sanitize_component_cuts_at_a_word():
    text = "Terwujudnya pelayanan publik yang prima dan berorientasi pada kepuasan pengguna"
    out = sanitize_component(text, max_chars=40)
    assert len(out) <= 40
    assert text.startswith(out)
    assert not out.endswith(" ")
    assert sanitize_component("a/b\\c") == "a_b_c"
    assert sanitize_component("") == "_"
