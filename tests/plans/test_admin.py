"""The admin as the Tim ZI's correction tool: pages load, export is scoped and formula-safe."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import BuktiFisik
from plans.resources import BuktiFisikResource, safe_cell
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    ["rencanaaksi", "rencanaarea", "komponen", "indikator", "langkahaksi", "buktifisik", "satker"],
)
def test_admin_changelist_and_change_pages_load(client, admin_user, model):
    rencana = make_plan(areas=1)
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:plans_{model}_changelist")).status_code == 200
    obj = {
        "rencanaaksi": rencana,
        "rencanaarea": rencana.areas.first(),
        "satker": rencana.satker,
    }.get(model) or BuktiFisik.objects.first()
    if model in {"komponen", "indikator", "langkahaksi"}:
        bukti = BuktiFisik.objects.select_related("langkah_aksi__indikator__komponen").first()
        obj = {
            "langkahaksi": bukti.langkah_aksi,
            "indikator": bukti.langkah_aksi.indikator,
            "komponen": bukti.langkah_aksi.indikator.komponen,
        }[model]
    assert client.get(reverse(f"admin:plans_{model}_change", args=[obj.pk])).status_code == 200


def test_export_is_scoped_ordered_and_formula_safe(member):
    own = make_plan(satker_kode="3319", areas=1)
    make_plan(satker_kode="3376", areas=1)
    bukti = BuktiFisik.objects.filter(
        langkah_aksi__indikator__komponen__rencana_area__rencana=own
    ).first()
    bukti.nama = '=HYPERLINK("http://x")'
    bukti.save()
    user = member("tim_zi", "3319")
    dataset = BuktiFisikResource(queryset=BuktiFisik.objects.for_user(user)).export()
    assert len(dataset) == 4
    assert set(dataset["rencana_id"]) == {str(own.pk)}
    assert '\'=HYPERLINK("http://x")' in dataset["bukti_fisik"]


def test_safe_cell_leaves_plain_text_alone():
    assert safe_cell("Januari 2022") == "Januari 2022"
    assert safe_cell("-1 bulan") == "'-1 bulan"
    assert safe_cell(3) == 3
