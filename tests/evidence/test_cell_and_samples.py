"""The plan-page cell (bounded queries, rights) and the pack of a real imported SK (Kudus)."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from evidence.pack import paket_bukti
from evidence.selectors import bukti_cell_context
from evidence.services import unggahan_verify
from plans.services.importing import lampiran_import
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service

CELLS = Template(
    '{% for b in semua %}<div id="b{{ b.pk }}">'
    '{% include "evidence/_bukti_cell.html" with bukti=b %}</div>{% endfor %}'
)


@pytest.mark.parametrize(("role", "upload_button"), [("kasubbag", True), ("operator", False)])
def test_cell_renders_files_and_status_without_queries(
    plan, member, role, upload_button, django_assert_num_queries, django_assert_max_num_queries
):
    kasubbag, tim = member("kasubbag", "3319"), member("tim_zi", "3319")
    first, second, *_ = bukti_of(plan)
    [u] = upload_service(first, kasubbag, ("Notulen.pdf", files.pdf()), periode=first.bulan[0])
    unggahan_verify(unggahan=u, user=tim, status="ditolak", catatan="buram")
    upload_service(second, kasubbag, ("Foto.png", files.png()), periode=second.bulan[0])
    viewer = member(role, "3319")
    semua = bukti_of(plan)
    with django_assert_max_num_queries(2):
        context = bukti_cell_context(rencana=plan, user=viewer)
    with django_assert_num_queries(0):
        html = CELLS.render(Context({**context, "semua": semua}))
    assert "Notulen.pdf" in html
    assert "(ditolak)" in html
    assert "text-bg-danger" in html
    assert "Foto.png" in html
    assert "(menunggu)" in html
    assert html.count("Belum ada") >= 2  # the two bukti without uploads
    assert ("bi-upload" in html) is upload_button
    assert ("Kelola" in html) is upload_button


def test_pack_of_the_kudus_sample(sample_text, member):
    rencana, _hasil = lampiran_import(text=sample_text("kudus"), satker="3319", tahun=2022)
    kasubbag, tim = member("kasubbag", "3319"), member("tim_zi", "3319")
    first = bukti_of(rencana)[0]
    periode = first.bulan[0] if first.bulan else None
    [u] = upload_service(first, kasubbag, ("SK Tim Kerja.pdf", files.pdf()), periode=periode)
    unggahan_verify(unggahan=u, user=tim, status="diterima")
    pack = paket_bukti(rencana=rencana)
    [entri] = pack.entri
    parts = entri.arcname.split("/")
    assert parts[0].startswith("I ")
    assert parts[1].startswith("1 ")
    assert parts[2].startswith("1.1 ")
    assert parts[3].startswith("1.1.1 ")
    assert parts[-1] == "SK Tim Kerja.pdf"
    assert all(len(p) <= 60 for p in parts[:-1])
    assert len(pack.baris) == len(bukti_of(rencana)) > 20  # every bukti fisik is indexed
    missing = [b for b in pack.baris if b.kurang]
    assert len(missing) == len(pack.baris) - 1
