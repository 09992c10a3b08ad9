"""The onboarding-to-review journey, through the pages alone (real pages, real forms, no admin).

A Tim ZI onboards a new operator on the member page; the operator signs in with the password
shown once, copies last year's plan of the satker, changes two rows, submits it; a province
reviewer (onboarded with ``import_users``) finds it in the review queue and returns it with a
note, which the operator then reads on the plan's timeline.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import tree
from plans.models import BuktiFisik, Indikator, RencanaAksi, RiwayatStatus
from plans.services.importing import lampiran_import
from tests.plans.browser import Browser

pytestmark = pytest.mark.django_db


def _login(client, username, password) -> Browser:
    browser = Browser(client).get(reverse("login"))
    return browser.submit("Masuk", username=username, password=password)


def _first_login(client, username, password, new_password) -> Browser:
    """Log in with a password someone else has seen: the app asks for a new one first."""
    browser = _login(client, username, password)
    assert browser.url == reverse("password_change")
    return browser.submit(
        "Simpan kata sandi baru",
        old_password=password,
        new_password1=new_password,
        new_password2=new_password,
    )


def test_copy_last_year_edit_two_rows_submit_and_get_returned(client, tmp_path, sample_text):
    lalu, _ = lampiran_import(text=sample_text("kudus"))  # last year's plan: Kudus 2022
    csv = tmp_path / "akun.csv"
    csv.write_text(
        "username,nama,email,satker,peran\n"
        "siti,Siti Tim ZI,siti@kpu.example,3319,tim_zi\n"
        "rudi,Rudi Reviewer,rudi@kpu.example,33,reviewer_provinsi\n",
        encoding="utf-8",
    )
    call_command("import_users", str(csv), "--password", "Awal-Sandi-2023", stdout=StringIO())

    # The Tim ZI adds a new operator on the member page; the password is shown once.
    tim = _first_login(client, "siti", "Awal-Sandi-2023", "Siti-Pilihan-Sendiri-7")
    tim.click("Anggota").submit("Tambah", username="andi", nama="Andi Operator", peran="operator")
    [pesan] = [m for m in tim.messages() if "kata sandi awal" in m]
    password = re.search(r"kata sandi awal: (\S+)", pesan).group(1)
    tim.submit("Keluar")

    # The new operator copies last year's plan.
    andi = _first_login(client, "andi", password, "Andi-Pilihan-Sendiri-7")
    andi.click("Rencana baru").submit("Buat rencana", tahun="2023", cara="tahun_lalu")
    baru = RencanaAksi.objects.get(tahun=2023)
    assert andi.url == reverse("plans:rencana_ubah", args=[baru.pk])
    assert baru.disalin_dari == lalu
    assert "Salin" not in baru.judul
    assert "2023" in baru.judul

    # Two rows changed: an indikator and a bukti fisik's target waktu.
    indikator = Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): baru}).order_by(
        "pk"
    )[1]
    andi.click("Ubah", href_contains=f"/indikator/{indikator.pk}/ubah/")
    andi.submit("Simpan", nama="Indikator yang diperbarui untuk 2023")
    bukti = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): baru}).order_by("pk")[0]
    andi.click("Ubah", href_contains=f"/bukti/{bukti.pk}/ubah/")
    andi.submit("Simpan", target_waktu="Februari dan Agustus 2023")
    assert "disimpan" in " ".join(andi.messages())
    bukti.refresh_from_db()
    assert bukti.bulan == [2, 8]
    assert bukti.tahun == 2023

    # Submit to the province.
    andi.click("Ajukan ke provinsi").submit("Ajukan ke provinsi", catatan="Mohon ditinjau.")
    assert RencanaAksi.objects.get(pk=baru.pk).status == "diajukan"
    andi.submit("Keluar")

    # The reviewer finds it in the queue and returns it with a note.
    rudi = _first_login(client, "rudi", "Awal-Sandi-2023", "Rudi-Pilihan-Sendiri-7")
    rudi.click("Antrean tinjauan")
    assert "KPU Kabupaten Kudus" in rudi.text
    rudi.click("Tinjau").click("Kembalikan")
    rudi.submit("Kembalikan dengan catatan", catatan="Target waktu area II belum lengkap.")
    assert RencanaAksi.objects.get(pk=baru.pk).status == "dikembalikan"
    rudi.submit("Keluar")

    # The operator reads the note on the plan's timeline and may edit again.
    andi = _login(client, "andi", "Andi-Pilihan-Sendiri-7").get(
        reverse("plans:rencana_detail", args=[baru.pk])
    )
    assert "Dikembalikan" in andi.text
    assert "Target waktu area II belum lengkap." in andi.text
    assert "Ubah rencana" in andi.text
    steps = list(RiwayatStatus.objects.filter(rencana=baru).values_list("ke", "oleh__username"))
    assert steps == [("diajukan", "andi"), ("dikembalikan", "rudi")]
