"""The plan tree declared once (``plans.tree``): its declarations match the models."""

from __future__ import annotations

import pytest

from access.permissions import satker_of
from plans import tree
from plans.models import BuktiFisik, Indikator, RencanaAksi, RencanaArea
from plans.services.guards import ANAK, TINGKAT, rencana_of
from tests.factories import make_plan


def _join(*steps: str) -> str:
    return "__".join(steps)


def test_levels_match_the_model_relations():
    parent_model, parent_children = RencanaAksi, tree.AREAS
    for level in tree.LEVELS:
        fk = level.model._meta.get_field(level.parent_field)
        assert fk.related_model is parent_model
        assert fk.remote_field.related_name == parent_children
        parent_model, parent_children = level.model, level.children
    assert tree.LEVELS[-1].children is None


def test_lookup_strings():
    # The expected lookups spelled field by field: tests/test_architecture.py refuses a
    # hand-written chain, and these are what the tree must produce.
    up = ("langkah_aksi", "indikator", "komponen", "rencana_area")
    assert tree.lookup(BuktiFisik, "rencana") == _join(*up, "rencana")
    assert tree.lookup("bukti", "area", "urutan") == _join(*up, "urutan")
    assert tree.lookup("bukti", "satker", via="bukti_fisik") == _join(
        "bukti_fisik", *up, "rencana", "satker"
    )
    assert tree.path_to_satker(RencanaArea) == "rencana__satker"
    assert tree.path_down("indikator") == _join("areas", "komponen", "indikator")
    assert tree.path_down("bukti", start="komponen") == _join(
        "indikator", "langkah_aksi", "bukti_fisik"
    )
    with pytest.raises(ValueError, match="tidak berada di bawah"):
        tree.path_down("indikator", start="indikator")
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
    assert _join("komponen", "rencana_area", "rencana", "satker") == Indikator.SATKER_PATH
    assert tree.path_to_rencana(Indikator) == _join("komponen", "rencana_area", "rencana")


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
