"""``satker_of``, ``get_for_user`` and ``get_satker_for_user`` (access.permissions): one object
of the user's scope, a 404 for another satker's object exactly as for a missing one."""

from __future__ import annotations

import pytest
from django.http import Http404

from access.models import Keanggotaan, Satker
from access.permissions import get_for_user, get_satker_for_user, satker_of
from access.roles import Peran
from tests.factories import UserFactory, make_plan


@pytest.fixture
def kudus_member(db):
    user = UserFactory()
    kudus = Satker.objects.get(kode="3319")
    Keanggotaan.objects.create(user=user, satker=kudus, peran=Peran.OPERATOR)
    return user


@pytest.mark.django_db
def test_get_satker_for_user_own_and_other(kudus_member):
    assert get_satker_for_user(kudus_member, kode="3319").wilayah == "Kudus"
    with pytest.raises(Http404):
        get_satker_for_user(kudus_member, kode="3376")  # Tegal: exists, out of scope
    with pytest.raises(Http404):
        get_satker_for_user(kudus_member, kode="0000")  # does not exist


@pytest.mark.django_db
def test_get_for_user_takes_a_model_or_a_queryset(kudus_member):
    anggota = Keanggotaan.objects.get(user=kudus_member)
    assert get_for_user(Keanggotaan, kudus_member, pk=anggota.pk) == anggota
    with pytest.raises(Http404):
        get_for_user(Keanggotaan.objects.exclude(pk=anggota.pk), kudus_member, pk=anggota.pk)


@pytest.mark.django_db
def test_satker_of_follows_satker_path():
    plan = make_plan()
    assert satker_of(plan) == plan.satker
    assert satker_of(plan.satker) == plan.satker
    bukti = plan.areas.first().komponen.first().indikator.first().langkah_aksi.first().bukti_fisik
    assert satker_of(bukti.first()) == plan.satker
