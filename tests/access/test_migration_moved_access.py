"""The move of Satker, Keanggotaan and WajibGantiSandi from ``plans`` to ``access`` keeps every
row and every foreign key (``access`` 0001, ``plans`` 0009): run on a database holding data
written by the models as they were before the move."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("plans", "0007_impsvc_versi_isi"),
    ("evidence", "0001_initial"),
    ("jobs", "0001_jobs_initial"),
    ("lke", "0002_master_2026"),
]
AFTER = [
    ("access", "0001_initial_moved_access"),
    ("plans", "0009_move_access_models"),
    ("evidence", "0002_satker_moved_access"),
    ("jobs", "0002_satker_moved_access"),
    ("lke", "0003_satker_moved_access"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Migrating backwards and forwards needs real transactions; serialized_rollback gives the
# tests after it the migrations' data (content types, reference data) back, as the other
# transactional tests do.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_move_keeps_rows_and_foreign_keys():
    old = _migrate(BEFORE)
    try:
        User = old.get_model("auth", "User")
        Satker = old.get_model("plans", "Satker")
        Keanggotaan = old.get_model("plans", "Keanggotaan")
        WajibGantiSandi = old.get_model("plans", "WajibGantiSandi")
        RencanaAksi = old.get_model("plans", "RencanaAksi")
        Kerangka = old.get_model("plans", "Kerangka")
        user = User.objects.create(username="uji.pindah")
        provinsi = Satker.objects.create(kode="99", jenis="provinsi", wilayah="Uji")
        satker = Satker.objects.create(kode="9901", jenis="kota", wilayah="Uji", induk=provinsi)
        anggota = Keanggotaan.objects.create(user=user, satker=satker, peran="tim_zi")
        WajibGantiSandi.objects.create(user=user)
        rencana = RencanaAksi.objects.create(
            satker=satker, kerangka=Kerangka.objects.get(kode="zi"), tahun=2022, judul="Uji"
        )
        satker_count = Satker.objects.count()

        new = _migrate(AFTER)

        Satker = new.get_model("access", "Satker")
        assert Satker.objects.count() == satker_count
        moved = Satker.objects.get(pk=satker.pk)
        assert (moved.kode, moved.induk_id) == ("9901", provinsi.pk)
        Keanggotaan = new.get_model("access", "Keanggotaan")
        assert Keanggotaan.objects.get(pk=anggota.pk).satker_id == satker.pk
        assert new.get_model("access", "WajibGantiSandi").objects.get().user_id == user.pk
        plan = new.get_model("plans", "RencanaAksi").objects.get(pk=rencana.pk)
        assert plan.satker.kode == "9901"
        with pytest.raises(LookupError):
            new.get_model("plans", "Satker")
    finally:
        # Leave the database at the latest migrations for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
