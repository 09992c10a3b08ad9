"""The plan tree declared once (``plans.tree``): its declarations match the models."""

from __future__ import annotations

import pytest

from access.permissions import satker_of
from plans import tree
from plans.models import BuktiFisik, Indikator, RencanaAksi, RencanaArea
from plans.services.guards import ANAK, RENCANA_PATH, TINGKAT, rencana_of
from tests.factories import make_plan


def test_levels_match_the_model_relations():
    parent_model, parent_children = RencanaAksi, tree.AREAS
    for level in tree.LEVELS:
        fk = level.model._meta.get_field(level.parent_field)
        assert fk.related_model is parent_model
        assert fk.remote_field.related_name == parent_children
        parent_model, parent_children = level.model, level.children
    assert tree.LEVELS[-1].children is None


def test_lookup_strings():
    assert tree.lookup(BuktiFisik, "rencana") == (
        "langkah_aksi__indikator__komponen__rencana_area__rencana"
    )
    assert tree.lookup("bukti", "area", "urutan") == (
        "langkah_aksi__indikator__komponen__rencana_area__urutan"
    )
    assert tree.lookup("bukti", "satker", via="bukti_fisik") == (
        "bukti_fisik__langkah_aksi__indikator__komponen__rencana_area__rencana__satker"
    )
    assert tree.path_to_satker(RencanaArea) == "rencana__satker"
    assert tree.path_down("indikator") == "areas__komponen__indikator"
    with pytest.raises(ValueError, match="tidak berada di atas"):
        tree.lookup("komponen", "bukti")


def test_derived_tables():
    assert list(TINGKAT) == ["area", "komponen", "indikator", "langkah", "bukti"]
    assert ANAK == {
        "rencana": "area",
        "area": "komponen",
        "komponen": "indikator",
        "indikator": "langkah",
        "langkah": "bukti",
    }
    assert Indikator.SATKER_PATH == "komponen__rencana_area__rencana__satker"
    assert RENCANA_PATH[Indikator] == "komponen__rencana_area__rencana"


@pytest.mark.django_db
def test_paths_reach_the_plan_and_its_satker():
    rencana = make_plan(satker_kode="3319", areas=1)
    other = make_plan(satker_kode="3376", areas=1)
    for level in tree.LEVELS:
        rows = level.model.objects.filter(**{tree.path_to_rencana(level): rencana})
        assert rows.exists()
        assert not rows.filter(**{tree.path_to_satker(level): other.satker}).exists()
        row = rows.first()
        assert satker_of(row) == rencana.satker
        assert rencana_of(row) == rencana
