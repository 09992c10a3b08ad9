"""Signature blocks printed with a broken font: every character shifted by one code-point offset.

The offset is found by what it turns the block into (``KETUA KOMISI PEMILIHAN UMUM …``); the
name is then read back, used decoded, and warned about; the garbage is never kept. Garbage that
no single offset explains (the Boyolali sample's salinan name) stays unread.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plans.lampiran import parse_lampiran
from plans.lampiran.signature import find_font_shift, shift_text

ROOT = Path(__file__).resolve().parents[2]
KUDUS = ROOT / "fixtures" / "lampiran" / "kudus-2022-rencana-kerja-zi.txt"
BOYOLALI = Path(__file__).parent / "data" / "lampiran" / "rb-boyolali-2023.txt"


def garble(text: str, offset: int) -> str:
    return "".join(ch if ch.isspace() else chr(ord(ch) + offset) for ch in text)


def kudus_with_shifted_block(offset: int, *, which: int) -> str:
    """The Kudus SK with the ``which``-th (0: SK part, 1: after the table) KETUA block garbled."""
    lines = KUDUS.read_text(encoding="utf-8").splitlines()
    starts = [i for i, t in enumerate(lines) if t == "KETUA KOMISI PEMILIHAN UMUM"]
    start = starts[which]
    for i in (start, start + 1, start + 3):  # KETUA …, KABUPATEN KUDUS,, (ttd), NAME
        lines[i] = garble(lines[i], offset)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("offset", [300, 0x2F00, -29])
@pytest.mark.parametrize("which", [0, 1])
def test_shifted_signature_block_is_decoded_and_reported(offset, which):
    text = kudus_with_shifted_block(offset, which=which)
    assert "NAILY SYARIFAH" in KUDUS.read_text()
    assert text.count("NAILY SYARIFAH") == 1
    hasil = parse_lampiran(text)
    assert hasil.sk.ketua == "NAILY SYARIFAH"
    assert hasil.sk.didekode == {"ketua"}
    [note] = [w for w in hasil.warnings if "huruf rusak" in w.message]
    assert f"{offset:+d}" in note.message
    assert "NAILY SYARIFAH" in note.message
    garbage = garble("NAILY SYARIFAH", offset)
    assert not any(garbage in w.message for w in hasil.warnings)


def test_find_font_shift_needs_the_phrases_of_a_signature_block():
    assert find_font_shift([garble("KETUA KOMISI PEMILIHAN UMUM", 300), garble("BUDI", 300)]) == 300
    # a shifted name alone could be any word: no offset is guessed
    assert find_font_shift([garble("BUDI SANTOSO", 300)]) is None
    assert (
        shift_text(garble("Salinan sesuai dengan aslinya", -29), -29)
        == "Salinan sesuai dengan aslinya"
    )


def test_garbage_that_no_offset_explains_stays_unread():
    hasil = parse_lampiran(BOYOLALI.read_text(encoding="utf-8"))
    assert hasil.sk.pejabat_salinan is None
    assert not [w for w in hasil.warnings if "huruf rusak (setiap huruf bergeser" in w.message]
    assert [w for w in hasil.warnings if "tidak terbaca" in w.message]


def test_a_name_read_as_written_is_not_marked_decoded():
    hasil = parse_lampiran(KUDUS.read_text(encoding="utf-8"))
    assert hasil.sk.ketua == "NAILY SYARIFAH"
    assert hasil.sk.didekode == set()
