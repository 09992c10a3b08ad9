"""A new revision of a signed plan: confirmed first, the signed plan stays in force (with its
evidence) until the revision is enacted, which then takes over the evidence of unchanged rows."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from evidence.models import Unggahan
from evidence.services import unggahan_verify
from monitoring.reminders import _plans
from monitoring.selectors import rencana_terpilih
from plans import tree
from plans.models import BuktiFisik, RencanaAksi
from plans.services.importing import lampiran_import
from plans.services.workflow import rencana_tetapkan
from tests.evidence import files
from tests.evidence.conftest import upload_service

pytestmark = pytest.mark.django_db

S = RencanaAksi.Status
PATH = tree.lookup("bukti", "rencana")


@pytest.fixture
def signed(sample_text, member):
    """The Tegal plan, ditetapkan, with accepted uploads on two of its bukti fisik."""
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    tim, kasubbag = member("tim_zi", "3376"), member("kasubbag", "3376")
    rows = list(BuktiFisik.objects.filter(**{PATH: rencana}).order_by("pk")[:2])
    uploads = []
    for row, name in zip(rows, ("Tetap.pdf", "Diubah.pdf"), strict=True):
        [u] = upload_service(row, kasubbag, (name, files.pdf()), periode=None)
        unggahan_verify(unggahan=u, user=tim, status=Unggahan.Status.DITERIMA)
        uploads.append(u)
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=S.DISETUJUI)
    rencana.refresh_from_db()
    rencana_tetapkan(
        rencana=rencana, user=tim, sk_nomor="5/2022", sk_tanggal=datetime.date(2022, 4, 13)
    )
    return rencana, rows, uploads, tim


def test_new_revision_is_confirmed_first_and_the_signed_plan_stays_in_force(signed, client):
    rencana, rows, uploads, tim = signed
    client.force_login(tim)
    url = reverse("plans:rencana_revisi", args=[rencana.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Revisi 1 tetap berlaku" in html
    assert "Ya, buat revisi 2" in html
    assert RencanaAksi.objects.filter(satker=rencana.satker).count() == 1  # GET wrote nothing
    detail = client.get(reverse("plans:rencana_detail", args=[rencana.pk])).content.decode()
    assert f'href="{url}"' in detail  # the plan page links to the confirmation, not a POST
    response = client.post(url)
    baru = RencanaAksi.objects.get(satker=rencana.satker, revisi=2)
    assert response.status_code == 302
    assert baru.status == S.DRAF
    # dashboards, reminders and the monev read the plan in force, not the draft revision
    kerangka = rencana.kerangka
    assert rencana_terpilih(satker_ids=[rencana.satker_id], tahun=2022, kerangka=kerangka) == {
        rencana.satker_id: rencana
    }
    assert rencana in _plans(datetime.date(2022, 6, 1))
    assert baru not in _plans(datetime.date(2022, 6, 1))
    # the evidence stays on the plan in force meanwhile
    for u in uploads:
        u.refresh_from_db()
    assert {u.bukti_fisik_id for u in uploads} == {r.pk for r in rows}
    # the earlier revision stays reachable
    assert client.get(reverse("plans:rencana_detail", args=[rencana.pk])).status_code == 200


def test_enacted_revision_takes_over_the_evidence_of_unchanged_rows(signed, client):
    rencana, rows, uploads, tim = signed
    client.force_login(tim)
    client.post(reverse("plans:rencana_revisi", args=[rencana.pk]))
    baru = RencanaAksi.objects.get(satker=rencana.satker, revisi=2)
    copies = list(BuktiFisik.objects.filter(**{PATH: baru}).order_by("pk")[:2])
    assert [c.nama for c in copies] == [r.nama for r in rows]
    BuktiFisik.objects.filter(pk=copies[1].pk).update(nama=copies[1].nama + " (diperbarui)")
    RencanaAksi.objects.filter(pk=baru.pk).update(status=S.DISETUJUI)
    baru.refresh_from_db()
    rencana_tetapkan(
        rencana=baru, user=tim, sk_nomor="9/2022", sk_tanggal=datetime.date(2022, 8, 1)
    )
    for u in uploads:
        u.refresh_from_db()
    assert uploads[0].bukti_fisik_id == copies[0].pk  # unchanged row: carried over
    assert uploads[1].bukti_fisik_id == rows[1].pk  # changed row: stays on revision 1
    assert uploads[0].history.first().bukti_fisik_id == copies[0].pk  # the move is in history
    chosen = rencana_terpilih(satker_ids=[rencana.satker_id], tahun=2022, kerangka=rencana.kerangka)
    assert chosen == {rencana.satker_id: baru}
