"""History per plan (who changed what, the value before) and restore of deleted rows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi
from plans.selectors import riwayat_rencana
from plans.services.restore import baris_pulihkan
from plans.services.rows import baris_hapus, baris_simpan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_who_changed_this_indikator_and_what_it_was_before(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    budi = member("operator", first_name="Budi", last_name="")
    indikator = Indikator.objects.get()
    lama = indikator.nama
    client.force_login(budi)
    url = reverse("plans:baris_ubah", args=[rencana.pk, "indikator", indikator.pk])
    response = client.post(url, {"nama": "Indikator yang diperbaiki", "versi": indikator.versi})
    assert response.status_code == 302
    [change] = [
        p for p in riwayat_rencana(rencana=rencana, tingkat="indikator") if p.jenis == "diubah"
    ]
    assert change.oleh == "Budi"
    assert change.obj_id == indikator.pk
    assert change.perubahan == [("indikator", lama, "Indikator yang diperbaiki")]
    page = client.get(
        reverse("plans:rencana_riwayat", args=[rencana.pk])
        + f"?tingkat=indikator&id={indikator.pk}"
    )
    assert lama in page.text
    assert "Indikator yang diperbaiki" in page.text
    assert "Budi" in page.text


def test_restore_brings_back_the_subtree_with_its_ids(client, member):
    rencana = make_plan(areas=1, komponen_per_area=2, indikator_per_komponen=2)
    user = member("tim_zi")
    komponen = Komponen.objects.order_by("urutan").first()
    komponen_pk = komponen.pk
    ids = {
        "indikator": set(Indikator.objects.filter(komponen=komponen).values_list("pk", flat=True)),
        "bukti": set(
            BuktiFisik.objects.filter(**{tree.lookup("bukti", "komponen"): komponen}).values_list(
                "pk", flat=True
            )
        ),
    }
    texts = list(BuktiFisik.objects.order_by("pk").values_list("pk", "nama", "bulan"))
    baris_hapus(obj=komponen, user=user, versi=komponen.versi)
    assert not Indikator.objects.filter(pk__in=ids["indikator"]).exists()
    [deleted] = [
        p for p in riwayat_rencana(rencana=rencana, tingkat="komponen") if p.dapat_dipulihkan
    ]
    # A child of the deleted komponen cannot be restored before its parent.
    child = next(
        p for p in riwayat_rencana(rencana=rencana, tingkat="indikator") if p.jenis == "dihapus"
    )
    with pytest.raises(ValidationError, match="Induk indikator"):
        baris_pulihkan(rencana=rencana, user=user, tingkat="indikator", history_id=child.history_id)
    client.force_login(user)
    response = client.post(
        reverse("plans:baris_pulihkan", args=[rencana.pk]),
        {"tingkat": "komponen", "history_id": deleted.history_id},
    )
    assert response.status_code == 302
    assert Komponen.objects.filter(pk=komponen_pk).exists()
    assert (
        set(Indikator.objects.filter(komponen_id=komponen_pk).values_list("pk", flat=True))
        == ids["indikator"]
    )
    assert LangkahAksi.objects.filter(indikator__komponen_id=komponen_pk).count() == 2
    assert list(BuktiFisik.objects.order_by("pk").values_list("pk", "nama", "bulan")) == texts
    # Restored once: the deletion record is no longer offered.
    assert not any(p.dapat_dipulihkan for p in riwayat_rencana(rencana=rencana, tingkat="komponen"))


def test_reader_sees_history_but_cannot_restore(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    bukti = BuktiFisik.objects.get()
    baris_hapus(obj=bukti, user=member("operator"), versi=bukti.versi)
    [deleted] = [p for p in riwayat_rencana(rencana=rencana, tingkat="bukti") if p.dapat_dipulihkan]
    client.force_login(member("kasubbag"))
    assert client.get(reverse("plans:rencana_riwayat", args=[rencana.pk])).status_code == 200
    response = client.post(
        reverse("plans:baris_pulihkan", args=[rencana.pk]),
        {"tingkat": "bukti", "history_id": deleted.history_id},
    )
    assert response.status_code == 403
    assert not BuktiFisik.objects.exists()


def test_history_page_query_count_is_bounded(client, member, django_assert_max_num_queries):
    rencana = make_plan(areas=3, komponen_per_area=3, indikator_per_komponen=3)
    user = member("operator")
    for bukti in BuktiFisik.objects.all()[:10]:
        baris_simpan(obj=bukti, user=user, data={"nama": bukti.nama + " (ubah)"}, versi=bukti.versi)
    client.force_login(user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("plans:rencana_riwayat", args=[rencana.pk]))
    assert response.status_code == 200
    assert "(ubah)" in response.text
