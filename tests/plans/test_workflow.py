"""The review workflow: every transition allowed and refused, the timeline, the lock."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plans import tree
from plans.models import BuktiFisik, RencanaAksi, RiwayatStatus
from plans.selectors import transisi_tersedia
from plans.services.copying import rencana_revisi_baru
from plans.services.guards import RencanaTerkunci
from plans.services.rows import baris_simpan
from plans.services.workflow import (
    rencana_ajukan,
    rencana_kembalikan,
    rencana_setujui,
    rencana_tarik,
    rencana_tetapkan,
)
from tests.factories import make_plan

pytestmark = pytest.mark.django_db
S = RencanaAksi.Status
TANGGAL = datetime.date(2023, 2, 8)


@pytest.fixture
def people(member):
    return {
        "operator": member("operator", "3319"),
        "kasubbag": member("kasubbag", "3319"),
        "tim_zi": member("tim_zi", "3319"),
        "reviewer": member("reviewer_provinsi", "33"),
        "operator_lain": member("operator", "3376"),
    }


@pytest.fixture
def rencana():
    return make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1, sk_nomor="")


def _status(rencana):
    return RencanaAksi.objects.get(pk=rencana.pk).status


def test_full_path_records_every_step(rencana, people):
    rencana_ajukan(rencana=rencana, user=people["operator"], catatan="mohon ditinjau")
    rencana_kembalikan(rencana=rencana, user=people["reviewer"], catatan="Lengkapi area II")
    rencana_ajukan(rencana=rencana, user=people["operator"])
    rencana_setujui(rencana=rencana, user=people["reviewer"])
    rencana_tetapkan(
        rencana=rencana, user=people["tim_zi"], sk_nomor="5/HK.03.1/3319/2023", sk_tanggal=TANGGAL
    )
    fresh = RencanaAksi.objects.get(pk=rencana.pk)
    assert fresh.status == S.DITETAPKAN
    assert fresh.terkunci
    assert (fresh.sk_nomor, fresh.sk_tanggal) == ("5/HK.03.1/3319/2023", TANGGAL)
    steps = list(RiwayatStatus.objects.filter(rencana=rencana).values_list("dari", "ke", "oleh"))
    assert steps == [
        (S.DRAF, S.DIAJUKAN, people["operator"].pk),
        (S.DIAJUKAN, S.DIKEMBALIKAN, people["reviewer"].pk),
        (S.DIKEMBALIKAN, S.DIAJUKAN, people["operator"].pk),
        (S.DIAJUKAN, S.DISETUJUI, people["reviewer"].pk),
        (S.DISETUJUI, S.DITETAPKAN, people["tim_zi"].pk),
    ]
    assert RiwayatStatus.objects.get(ke=S.DIKEMBALIKAN).catatan == "Lengkapi area II"


@pytest.mark.parametrize(
    ("status", "service", "who", "kwargs"),
    [
        (S.DIAJUKAN, rencana_ajukan, "operator", {}),
        (S.DISETUJUI, rencana_ajukan, "operator", {}),
        (S.DITETAPKAN, rencana_ajukan, "operator", {}),
        (S.DRAF, rencana_setujui, "reviewer", {}),
        (S.DIKEMBALIKAN, rencana_setujui, "reviewer", {}),
        (S.DISETUJUI, rencana_kembalikan, "reviewer", {"catatan": "x"}),
        (S.DRAF, rencana_kembalikan, "reviewer", {"catatan": "x"}),
        (S.DRAF, rencana_tetapkan, "tim_zi", {"sk_nomor": "1", "sk_tanggal": TANGGAL}),
        (S.DIAJUKAN, rencana_tetapkan, "tim_zi", {"sk_nomor": "1", "sk_tanggal": TANGGAL}),
        (S.DRAF, rencana_tarik, "operator", {}),
        (S.DITETAPKAN, rencana_tarik, "operator", {}),
    ],
)
def test_refused_transition_changes_nothing(rencana, people, status, service, who, kwargs):
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=status)
    rencana.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        service(rencana=rencana, user=people[who], **kwargs)
    assert "status sekarang" in exc.value.messages[0]
    assert _status(rencana) == status
    assert not RiwayatStatus.objects.exists()


@pytest.mark.parametrize(
    ("status", "service", "who", "kwargs"),
    [
        (S.DRAF, rencana_ajukan, "kasubbag", {}),
        (S.DRAF, rencana_ajukan, "reviewer", {}),
        (S.DIAJUKAN, rencana_setujui, "operator", {}),
        (S.DIAJUKAN, rencana_setujui, "tim_zi", {}),
        (S.DIAJUKAN, rencana_kembalikan, "tim_zi", {"catatan": "x"}),
        (S.DISETUJUI, rencana_tetapkan, "operator", {"sk_nomor": "1", "sk_tanggal": TANGGAL}),
        (S.DISETUJUI, rencana_tetapkan, "reviewer", {"sk_nomor": "1", "sk_tanggal": TANGGAL}),
        (S.DRAF, rencana_ajukan, "operator_lain", {}),
    ],
)
def test_transition_without_the_role_is_denied(rencana, people, status, service, who, kwargs):
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=status)
    rencana.refresh_from_db()
    with pytest.raises(PermissionDenied):
        service(rencana=rencana, user=people[who], **kwargs)
    assert _status(rencana) == status


def test_return_needs_a_note(rencana, people):
    rencana_ajukan(rencana=rencana, user=people["operator"])
    with pytest.raises(ValidationError, match="catatan"):
        rencana_kembalikan(rencana=rencana, user=people["reviewer"], catatan="  ")
    assert _status(rencana) == S.DIAJUKAN


def test_empty_plan_cannot_be_submitted(people):
    kosong = make_plan(areas=0)
    with pytest.raises(ValidationError, match="belum memiliki baris"):
        rencana_ajukan(rencana=kosong, user=people["operator"])


def test_enactment_needs_number_date_and_a_unique_number(rencana, people):
    make_plan(tahun=2021, areas=0, sk_nomor="9/2021")
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=S.DISETUJUI)
    rencana.refresh_from_db()
    with pytest.raises(ValidationError, match="wajib"):
        rencana_tetapkan(rencana=rencana, user=people["tim_zi"], sk_nomor="", sk_tanggal=TANGGAL)
    with pytest.raises(ValidationError, match="sudah dipakai"):
        rencana_tetapkan(
            rencana=rencana, user=people["tim_zi"], sk_nomor="9/2021", sk_tanggal=TANGGAL
        )
    assert _status(rencana) == S.DISETUJUI


def test_pull_back_allows_editing_again(rencana, people):
    rencana_ajukan(rencana=rencana, user=people["operator"])
    bukti = BuktiFisik.objects.get()
    with pytest.raises(RencanaTerkunci, match="tarik kembali"):
        baris_simpan(obj=bukti, user=people["operator"], data={"nama": "baru"}, versi=bukti.versi)
    rencana_tarik(rencana=rencana, user=people["operator"])
    baris_simpan(obj=bukti, user=people["operator"], data={"nama": "baru"}, versi=bukti.versi)
    assert BuktiFisik.objects.get().nama == "baru"


def test_locked_after_ditetapkan_and_revision_copies(rencana, people):
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=S.DISETUJUI)
    rencana.refresh_from_db()
    rencana_tetapkan(rencana=rencana, user=people["tim_zi"], sk_nomor="7/2022", sk_tanggal=TANGGAL)
    bukti = BuktiFisik.objects.get()
    with pytest.raises(RencanaTerkunci, match="ditetapkan"):
        baris_simpan(obj=bukti, user=people["tim_zi"], data={"nama": "x"}, versi=bukti.versi)
    assert BuktiFisik.objects.get().nama == bukti.nama
    baru = rencana_revisi_baru(rencana=rencana, user=people["tim_zi"])
    assert (baru.revisi, baru.status, baru.sk_nomor, baru.disalin_dari_id) == (
        2,
        S.DRAF,
        "",
        rencana.pk,
    )
    copied = BuktiFisik.objects.get(**{tree.lookup("bukti", "rencana"): baru})
    assert copied.nama == bukti.nama
    assert copied.pk != bukti.pk
    with pytest.raises(ValidationError, match="Sudah ada revisi 2"):
        rencana_revisi_baru(rencana=rencana, user=people["tim_zi"])


def test_available_transitions_follow_role_and_status(rencana, people):
    assert transisi_tersedia(rencana=rencana, user=people["operator"]) == ["ajukan"]
    assert transisi_tersedia(rencana=rencana, user=people["reviewer"]) == []
    rencana_ajukan(rencana=rencana, user=people["operator"])
    assert transisi_tersedia(rencana=rencana, user=people["reviewer"]) == ["setujui", "kembalikan"]
    assert transisi_tersedia(rencana=rencana, user=people["kasubbag"]) == []
