"""List and detail pages keep a bounded number of queries whatever the data's size."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import RencanaAksi
from plans.services.workflow import rencana_ajukan, rencana_kembalikan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

#: Upper bound of each page (session, user, memberships, the page's own reads, the menu).
MAX_QUERIES = 25


def test_row_editor_is_bounded(client, member, django_assert_max_num_queries):
    big = make_plan(areas=6, komponen_per_area=4, indikator_per_komponen=5)
    client.force_login(member("operator"))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("plans:rencana_ubah", args=[big.pk]))
    assert response.status_code == 200
    assert response.text.count('id="bukti-') == 120


def test_plan_page_with_timeline_is_bounded(client, member, django_assert_max_num_queries):
    rencana = make_plan(areas=6, komponen_per_area=4, indikator_per_komponen=5)
    operator, reviewer = member("operator"), member("reviewer_provinsi", "33")
    for i in range(5):
        rencana_ajukan(rencana=rencana, user=operator)
        rencana_kembalikan(rencana=rencana, user=reviewer, catatan=f"catatan-{i}")
    client.force_login(operator)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("plans:rencana_detail", args=[rencana.pk]))
    # every step in the timeline; the latest note also in the alert at the top of the page
    assert [response.text.count(f"catatan-{i}") for i in range(5)] == [1, 1, 1, 1, 2]


def test_list_and_review_queue_are_bounded(client, member, django_assert_max_num_queries):
    for kode in ["3301", "3302", "3303", "3304", "3305", "3319", "3376"]:
        make_plan(satker_kode=kode, areas=1, komponen_per_area=1, indikator_per_komponen=1)
    RencanaAksi.objects.update(status="diajukan")
    client.force_login(member("reviewer_provinsi", "33"))
    with django_assert_max_num_queries(MAX_QUERIES):
        listing = client.get(reverse("plans:rencana_list"))
    with django_assert_max_num_queries(MAX_QUERIES):
        queue = client.get(reverse("plans:antrean_tinjauan"))
    assert listing.text.count("/rencana/") >= 7
    assert queue.text.count("Tinjau</a>") == 7
