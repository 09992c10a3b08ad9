"""``manage.py kirim_pengingat``: who gets what, once per item and period."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from monitoring.models import PengingatTerkirim
from plans import tree
from plans.models import BuktiFisik
from tests.factories import BuktiFisikFactory, make_plan

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("kirim_pengingat", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def plan():
    """Kudus plan 2022 with three items: due 31 March, due 28 Feb, due 31 May."""
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    first = BuktiFisik.objects.get(**{tree.lookup("bukti", "rencana"): rencana})
    first.nama, first.bulan = "Laporan Maret", [3]
    first.save()
    langkah = first.langkah_aksi
    BuktiFisikFactory(langkah_aksi=langkah, nama="Laporan Februari", bulan=[2], urutan=2)
    BuktiFisikFactory(langkah_aksi=langkah, nama="Laporan Mei", bulan=[5], urutan=3)
    return rencana


def test_sends_overdue_and_due_soon_to_kasubbag_and_tim_zi(plan, member, uploads):
    kasubbag = member("kasubbag", "3319", email="kasubbag@kpu.example")
    tim = member("tim_zi", "3319", email="tim@kpu.example")
    member("operator", "3319", email="operator@kpu.example")
    member("tim_zi", "3376", email="tegal@kpu.example")

    out = run("--tanggal", "2022-03-28", "--hari", "7")

    assert "1 e-mail terkirim untuk 2 butir" in out
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([kasubbag.email, tim.email])
    assert "1 tertunggak, 1 jatuh tempo dalam 7 hari" in message.subject
    assert "Laporan Februari — Februari 2022, tenggat 28-02-2022" in message.body
    assert "Laporan Maret — Maret 2022, tenggat 31-03-2022" in message.body
    assert "Laporan Mei" not in message.body  # due in more than 7 days
    assert PengingatTerkirim.objects.count() == 2


def test_at_most_once_per_item_and_period(plan, member, uploads):
    member("tim_zi", "3319", email="tim@kpu.example")
    run("--tanggal", "2022-03-28")
    run("--tanggal", "2022-03-29")
    assert len(mail.outbox) == 1
    run("--tanggal", "2022-05-30")  # May is now due soon: only it is new
    assert len(mail.outbox) == 2
    assert "Laporan Mei" in mail.outbox[1].body
    assert "Laporan Februari" not in mail.outbox[1].body


def test_accepted_evidence_is_not_reminded(plan, member, uploads):
    member("tim_zi", "3319", email="tim@kpu.example")
    feb = BuktiFisik.objects.get(nama="Laporan Februari")
    uploads[feb.pk] = [(2, date(2022, 2, 20))]
    run("--tanggal", "2022-03-28")
    assert "Laporan Februari" not in mail.outbox[0].body


def test_satker_without_recipients_is_reported_and_kept_pending(plan, member, uploads):
    member("tim_zi", "3319", email="")
    err = StringIO()
    call_command("kirim_pengingat", "--tanggal", "2022-03-28", stdout=StringIO(), stderr=err)
    assert "tidak memiliki Kasubbag/Tim ZI dengan alamat e-mail" in err.getvalue()
    assert mail.outbox == []
    assert PengingatTerkirim.objects.count() == 0


def test_mail_failure_rolls_back_the_record(plan, member, uploads, monkeypatch):
    member("tim_zi", "3319", email="tim@kpu.example")

    def broken(*args, **kwargs):
        raise OSError("SMTP tidak tersedia")

    monkeypatch.setattr("monitoring.reminders.send_mail", broken)
    with pytest.raises(CommandError, match="Gagal mengirim"):
        run("--tanggal", "2022-03-28")
    assert PengingatTerkirim.objects.count() == 0


def test_negative_days_refused(plan):
    with pytest.raises(CommandError, match="negatif"):
        run("--hari", "-1", "--tanggal", "2022-03-28")


def test_item_without_schedule_is_never_reminded(member, uploads):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).update(
        bulan=[], tahun=None
    )
    member("tim_zi", "3319", email="tim@kpu.example")
    assert "0 e-mail" in run("--tanggal", "2022-12-31")
