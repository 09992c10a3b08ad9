"""The monev of a real sample plan (Kudus 2022 SK, imported by the lampiran importer)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from monitoring.progress import load_butir
from monitoring.reports import MonevReport
from monitoring.services import monev_mulai
from plans import tree
from plans.models import LangkahAksi
from plans.services.importing import lampiran_import

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_kudus_monev_pdf_lists_every_langkah_aksi(sample_text, uploads):
    rencana, _hasil = lampiran_import(text=sample_text("kudus"))
    butir = load_butir(rencana_ids=[rencana.pk])
    assert butir, "the importer produced no bukti fisik"
    # Accept the first period of every other item on time.
    for n, b in enumerate(butir):
        if n % 2 == 0 and b.jadwal.periode:
            uploads[b.id] = [(b.jadwal.periode[0].bulan[0], b.jadwal.periode[0].mulai)]
    monev = monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 15))
    filename, content_type, content = MonevReport().render(monev_id=monev.pk, kertas="a4")
    assert content_type == "application/pdf"
    assert filename.endswith("-tw2.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    flat = " ".join(text.split())
    # Narrow table cells wrap anywhere (even after "/"), so compare without whitespace.
    squeezed = "".join(text.split())
    langkah = LangkahAksi.objects.filter(
        **{tree.lookup("langkah", "rencana"): rencana}, diarsipkan=False
    )
    assert langkah.count() == monev.baris.count()
    for la in langkah:
        assert "".join(la.nama.split())[:60] in squeezed, la.nama
    assert "TRIWULAN II TAHUN 2022" in flat
    assert "Jumlah" in flat
