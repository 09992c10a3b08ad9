"""Editor guards: ISO dates in date inputs, the schedule the app read and the user's choice,
a target year outside the plan, no save/restore button on a locked plan, what the other person
changed in an edit conflict, and the return to the saved row."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from monitoring.progress import load_butir
from plans import tree
from plans.models import BuktiFisik, Indikator, RencanaAksi
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _one_bukti_plan(**fields) -> tuple[RencanaAksi, BuktiFisik]:
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1, **fields)
    return rencana, BuktiFisik.objects.get(**{tree.lookup("bukti", "rencana"): rencana})


def test_tetapkan_date_is_prefilled_in_the_format_the_browser_accepts(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    RencanaAksi.objects.filter(pk=rencana.pk).update(
        status="disetujui", sk_nomor="12/2022", sk_tanggal=datetime.date(2022, 3, 1)
    )
    client.force_login(member("tim_zi"))
    page = client.get(reverse("plans:rencana_transisi", args=[rencana.pk, "tetapkan"]))
    assert 'type="date"' in page.text
    assert 'value="2022-03-01"' in page.text
    # What the browser sends back (ISO) is accepted and enacts the plan.
    response = client.post(
        reverse("plans:rencana_transisi", args=[rencana.pk, "tetapkan"]),
        {"sk_nomor": "12/2022", "sk_tanggal": "2022-03-01", "catatan": ""},
    )
    assert response.status_code == 302
    rencana.refresh_from_db()
    assert rencana.status == "ditetapkan"
    assert rencana.sk_tanggal == datetime.date(2022, 3, 1)


def _post_bukti(client, rencana, bukti, **fields):
    data = {
        "nama": bukti.nama,
        "target_waktu": bukti.target_waktu,
        "penanggung_jawab": "",
        "jadwal": "",
        "tenggat": "",
        "versi": bukti.versi,
    }
    data.update(fields)
    url = reverse("plans:baris_ubah", args=[rencana.pk, "bukti", bukti.pk])
    return client.post(url, data)


def test_users_schedule_choice_is_stored_and_wins_over_the_reading(client, member):
    rencana, bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    read = _post_bukti(client, rencana, bukti, target_waktu="Januari-Desember 2022")
    assert read.status_code == 302
    (butir,) = load_butir(rencana_ids=[rencana.pk])
    assert [p.tenggat for p in butir.jadwal.periode] == [datetime.date(2022, 12, 31)]

    bukti.refresh_from_db()
    chosen = _post_bukti(client, rencana, bukti, jadwal="triwulanan")
    assert chosen.status_code == 302
    bukti.refresh_from_db()
    assert bukti.jadwal == "triwulanan"
    (butir,) = load_butir(rencana_ids=[rencana.pk])
    assert [p.tenggat.month for p in butir.jadwal.periode] == [3, 6, 9, 12]

    on_date = _post_bukti(client, rencana, bukti, jadwal="tanggal", tenggat="2022-08-17")
    assert on_date.status_code == 302
    (butir,) = load_butir(rencana_ids=[rencana.pk])
    assert [p.tenggat for p in butir.jadwal.periode] == [datetime.date(2022, 8, 17)]
    # Back to the reading: the date is dropped with the choice.
    bukti.refresh_from_db()
    assert _post_bukti(client, rencana, bukti, tenggat="2022-08-17").status_code == 302
    bukti.refresh_from_db()
    assert (bukti.jadwal, bukti.tenggat) == ("", None)


def test_a_date_schedule_needs_its_date(client, member):
    rencana, bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    response = _post_bukti(client, rencana, bukti, jadwal="tanggal")
    assert response.status_code == 200
    assert "Isi tanggal tenggat" in response.text
    bukti.refresh_from_db()
    assert bukti.jadwal == ""


def test_editor_shows_the_schedule_it_read_and_the_choices(client, member):
    rencana, bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    page = client.get(reverse("plans:baris_ubah", args=[rencana.pk, "bukti", bukti.pk]))
    for choice in ("Otomatis", "Sekali", "Bulanan", "Triwulanan", "Semesteran", "Tanggal tertentu"):
        assert choice in page.text
    preview = reverse("plans:target_waktu_pratinjau")
    once = client.get(preview, {"target_waktu": "Januari-Maret 2022", "tahun": "2022"}).text
    assert "Sekali (satu tenggat" in once
    assert "1 tenggat" in once
    assert "31 Maret 2022" in once
    recurring = client.get(
        preview,
        {"target_waktu": "Januari-Desember 2022", "tahun": "2022", "nama": "Data per bulan"},
    ).text
    assert "Bulanan" in recurring
    assert "12 tenggat" in recurring
    chosen = client.get(
        preview, {"target_waktu": "Januari-Desember 2022", "tahun": "2022", "jadwal": "semesteran"}
    ).text
    assert "dipakai pilihan Anda" in chosen
    assert "2 tenggat" in chosen


def test_target_waktu_outside_the_plan_year_is_flagged(client, member):
    rencana, bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    preview = reverse("plans:target_waktu_pratinjau")
    html = client.get(preview, {"target_waktu": "Maret 2023", "tahun": "2022"}).text
    assert "di luar tahun rencana (2022)" in html
    same = client.get(preview, {"target_waktu": "Maret 2022", "tahun": "2022"}).text
    assert "di luar tahun rencana" not in same
    BuktiFisik.objects.filter(pk=bukti.pk).update(target_waktu="Maret 2023", tahun=2023)
    editor = client.get(reverse("plans:rencana_ubah", args=[rencana.pk])).text
    assert "tahun 2023, di luar tahun rencana" in editor


@pytest.mark.parametrize("status", ["ditetapkan", "diajukan"])
def test_locked_plan_shows_no_save_or_restore_button(client, member, status):
    rencana, _bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    # A deleted row, restorable while the plan is a draft.
    indikator = Indikator.objects.get()
    url = reverse("plans:baris_hapus", args=[rencana.pk, "indikator", indikator.pk])
    assert client.post(url, {"versi": indikator.versi}).status_code == 302
    riwayat = reverse("plans:rencana_riwayat", args=[rencana.pk])
    assert "Pulihkan" in client.get(riwayat).text
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=status)
    assert "Pulihkan</button>" not in client.get(riwayat).text
    sk = client.get(reverse("plans:rencana_sk", args=[rencana.pk])).text
    assert ">Simpan</button>" not in sk
    assert "bi-lock" in sk
    area = rencana.areas.get()
    form = client.get(reverse("plans:baris_tambah", args=[rencana.pk, "komponen", area.pk])).text
    assert ">Simpan</button>" not in form
    assert "bi-lock" in form


def test_conflict_names_the_fields_the_other_person_changed(client, member):
    rencana, bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    opened = bukti.versi
    first = _post_bukti(client, rencana, bukti, penanggung_jawab="Subbag Umum")
    assert first.status_code == 302
    second = _post_bukti(client, rencana, bukti, nama="Nama baru", versi=opened)
    assert second.status_code == 409
    text = second.text
    assert "Yang diubah orang lain" in text
    assert "Subbag Umum" in text
    assert "Penanggung jawab" in text
    # Fields nobody else touched are not listed as changed.
    assert '<th scope="row">Bukti fisik</th>' not in text
    assert BuktiFisik.objects.get(pk=bukti.pk).nama == bukti.nama


def test_after_saving_a_row_the_editor_returns_to_it(client, member):
    rencana, bukti = _one_bukti_plan()
    client.force_login(member("operator"))
    response = _post_bukti(client, rencana, bukti, nama="Diubah")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#bukti-{bukti.pk}")
    langkah = bukti.langkah_aksi
    added = client.post(
        reverse("plans:baris_tambah", args=[rencana.pk, "bukti", langkah.pk]),
        {"nama": "Bukti baru", "target_waktu": "Mei 2022", "penanggung_jawab": "", "jadwal": ""},
    )
    new = BuktiFisik.objects.get(nama="Bukti baru")
    assert added["Location"].endswith(f"#bukti-{new.pk}")


def test_the_schedule_choice_travels_with_a_copied_plan(member):
    from plans.services.copying import rencana_buat

    rencana, bukti = _one_bukti_plan()
    BuktiFisik.objects.filter(pk=bukti.pk).update(
        jadwal="tanggal", tenggat=datetime.date(2022, 8, 17)
    )
    copy = rencana_buat(
        user=member("tim_zi"),
        satker=rencana.satker,
        tahun=2023,
        kerangka=rencana.kerangka,
        format_lampiran=rencana.format_lampiran,
        sumber=rencana,
    )
    copied = BuktiFisik.objects.get(**{tree.lookup("bukti", "rencana"): copy})
    assert (copied.jadwal, copied.tenggat) == ("tanggal", datetime.date(2023, 8, 17))
