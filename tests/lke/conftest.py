"""Fixtures of the LKE tests: a Kudus plan whose komponen mirror LKE sub areas, its LKE, an
accepted upload, and the answers of the hand-worked example."""

from __future__ import annotations

import pytest

from evidence.services import unggahan_verify
from lke.services import lke_mulai
from plans.models import Komponen
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service
from tests.factories import make_plan
from tests.lke.test_scoring_example import JAWABAN


@pytest.fixture
def rencana(db):
    """Kudus ZI plan 2026: area I with komponen "Tim Kerja" and "Dokumen Rencana Aksi"."""
    plan = make_plan(tahun=2026, areas=2, komponen_per_area=2, indikator_per_komponen=1)
    names = iter(
        [
            "Tim Kerja",
            "Rencana Pembangunan Zona Integritas",
            "Prosedur Operasional Tetap (SOP)",
            "Keterbukaan Informasi Publik",
        ]
    )
    for k in Komponen.objects.filter(rencana_area__rencana=plan).order_by(
        "rencana_area__urutan", "urutan"
    ):
        k.nama = next(names)
        k.save()
    return plan


@pytest.fixture
def timzi(member):
    return member("tim_zi", "3319")


@pytest.fixture
def operator(member):
    return member("operator", "3319")


@pytest.fixture
def reviewer(member):
    return member("reviewer_provinsi", "33")


@pytest.fixture
def lke(rencana, timzi):
    return lke_mulai(satker=rencana.satker, tahun=2026, user=timzi)


@pytest.fixture
def diterima(rencana, member, timzi):
    """An accepted upload of the plan's first bukti fisik."""
    kasubbag = member("kasubbag", "3319")
    bukti = bukti_of(rencana)[0]
    bukti.bulan = [3]
    bukti.save()
    [unggahan] = upload_service(bukti, kasubbag, ("SK Tim ZI.pdf", files.pdf("tim")))
    return unggahan_verify(unggahan=unggahan, user=timzi, status="diterima")


def isi(lke, jawaban=None, field="jawaban_unit"):
    """Store answers directly (as checked text) for tests about scores and exports."""
    from lke.selectors import soal_engine
    from lke.validation import format_jawaban

    soals = soal_engine(lke.master)
    for row in lke.jawaban.select_related("soal"):
        value = (jawaban or JAWABAN).get(row.soal.id_master)
        setattr(row, field, format_jawaban(soals[row.soal.id_master], value))
        row.save()
