"""``for_user`` scoping of every satker-owned plans model, and role resolution."""

from __future__ import annotations

import pytest

from access.models import Keanggotaan, Satker
from access.permissions import can, roles_in
from access.permissions import satker_of as satker_obj
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, RencanaArea
from tests.factories import UserFactory, make_plan

pytestmark = pytest.mark.django_db

ROW_MODELS = [RencanaAksi, RencanaArea, Komponen, Indikator, LangkahAksi, BuktiFisik]


@pytest.fixture
def two_plans():
    return make_plan(satker_kode="3319", areas=1), make_plan(satker_kode="3376", areas=1)


def satker_of(obj) -> str:
    return satker_obj(obj).kode


@pytest.mark.parametrize("model", ROW_MODELS, ids=lambda m: m.__name__)
def test_member_sees_only_own_satker_rows(two_plans, member, model):
    user = member("operator", "3319")
    visible = list(model.objects.for_user(user))
    assert visible, "own rows are visible"
    assert {satker_of(o) for o in visible} == {"3319"}
    assert model.objects.for_user(user).count() < model.objects.count()


@pytest.mark.parametrize("model", ROW_MODELS, ids=lambda m: m.__name__)
def test_province_reviewer_sees_children_and_superuser_everything(
    two_plans, member, admin_user, model
):
    reviewer = member("reviewer_provinsi", "33")
    assert {satker_of(o) for o in model.objects.for_user(reviewer)} == {"3319", "3376"}
    assert model.objects.for_user(admin_user).count() == model.objects.count()


def test_anonymous_and_inactive_users_see_nothing(two_plans, member):
    from django.contrib.auth.models import AnonymousUser

    inactive = member("tim_zi", "3319", is_active=False)
    assert not RencanaAksi.objects.for_user(AnonymousUser()).exists()
    assert not RencanaAksi.objects.for_user(inactive).exists()


def test_user_without_membership_sees_nothing(two_plans):
    assert not Satker.objects.for_user(UserFactory()).exists()


def test_province_tim_zi_does_not_cover_children(member):
    user = member("tim_zi", "33")
    assert list(Satker.objects.for_user(user).values_list("kode", flat=True)) == ["33"]


def test_roles_and_capabilities(member):
    kudus = Satker.objects.get(kode="3319")
    tegal = Satker.objects.get(kode="3376")
    reviewer = member("reviewer_provinsi", "33")
    assert roles_in(reviewer, kudus) == {"reviewer_provinsi"}
    assert can(reviewer, "rencana.tinjau", kudus)
    assert not can(reviewer, "rencana.ubah", kudus)
    kasubbag = member("kasubbag", "3319")
    assert can(kasubbag, "bukti.unggah", kudus)
    assert not can(kasubbag, "rencana.ubah", kudus)
    assert not can(kasubbag, "bukti.unggah", tegal)
    with pytest.raises(KeyError):
        can(kasubbag, "tidak.ada", kudus)


def test_membership_lookup_is_one_query_per_user_object(member, django_assert_num_queries):
    user = member("operator", "3319")
    user = type(user).objects.get(pk=user.pk)
    kudus = Satker.objects.get(kode="3319")
    with django_assert_num_queries(1):
        for _ in range(5):
            can(user, "rencana.ubah", kudus)
    assert Keanggotaan.objects.filter(user=user).count() == 1
