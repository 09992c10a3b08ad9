"""The app's own SK PDF re-imports to the same plan, in each of the three print layouts.

Each plan is imported from its text through the real importer, printed with ``SkReport`` (the
``render_sk_pdf`` renderer), and the PDF is read back through the PDF reader. The comparison
is on the plan's content (areas, texts, months), not on where the print puts things, so the
test holds when the layout's page breaks, headings or numbering change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plans.documents import read_document
from plans.reports import SkReport
from plans.services.importing import lampiran_import
from tests.plans.document_support import plan_content

DATA = Path(__file__).parent / "data" / "lampiran"

# Each test renders an SK with WeasyPrint (seconds each).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def printed_and_read(text: str, satker: str, tahun: int, tata_letak: str):
    rencana, source = lampiran_import(text=text, satker=satker, tahun=tahun)
    _name, _type, pdf = SkReport().render(rencana=rencana, tata_letak=tata_letak)
    return source, read_document(pdf)


@pytest.mark.parametrize(
    ("name", "satker", "tahun", "tata_letak"),
    [("kudus", "3319", 2022, "zi"), ("karanganyar", "3313", 2022, "zi_bulanan"),
     ("rb-boyolali-2023", "3309", 2023, "rb")],
)  # fmt: skip
def test_printed_sk_reimports_to_the_same_plan(sample_text, name, satker, tahun, tata_letak):
    if name.startswith("rb-"):
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    else:
        text = sample_text(name)
    source, again = printed_and_read(text, satker, tahun, tata_letak)
    assert (again.sumber_format, again.format) == ("pdf", tata_letak)
    assert again.counts() == source.counts()
    assert plan_content(again, from_pdf=True) == plan_content(source, from_pdf=True)
    assert (again.sk.nomor, again.sk.tanggal, again.sk.tahun) == (
        source.sk.nomor,
        source.sk.tanggal,
        source.sk.tahun,
    )
