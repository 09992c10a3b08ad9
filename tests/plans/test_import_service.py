"""The importer service on the real sample SKs: counts, SK metadata, atomicity, replace."""

from __future__ import annotations

import datetime

import pytest

from plans import tree
from plans.lampiran import LampiranError
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, RencanaArea
from plans.services.importing import ImporLampiranError, decode_lampiran, lampiran_import
from tests.evidence import files
from tests.evidence.conftest import upload_service
from tests.factories import satker

pytestmark = pytest.mark.django_db


def db_counts() -> dict[str, int]:
    return {
        "rencana": RencanaAksi.objects.count(),
        "area": RencanaArea.objects.count(),
        "komponen": Komponen.objects.count(),
        "indikator": Indikator.objects.count(),
        "bukti": BuktiFisik.objects.count(),
    }


@pytest.mark.parametrize(
    ("name", "kode", "nomor", "tanggal", "ketua"),
    [
        ("kudus", "3319", "11/HK.03.1/3319/2022", datetime.date(2022, 2, 8), "NAILY SYARIFAH"),
        ("tegal", "3376", "5/2022", datetime.date(2022, 4, 13), "ELVI YUNIARNI"),
        (
            "karanganyar",
            "3313",
            "19 TAHUN 2022",
            datetime.date(2022, 5, 13),
            "TRIASTUTI SURYANDARI",
        ),
    ],
)
def test_sample_import_writes_the_parsed_tree(sample_text, name, kode, nomor, tanggal, ketua):
    rencana, hasil = lampiran_import(text=sample_text(name))
    counts = hasil.counts()
    assert rencana.satker.kode == kode
    assert (rencana.tahun, rencana.sk_nomor, rencana.sk_tanggal, rencana.ketua_nama) == (
        2022,
        nomor,
        tanggal,
        ketua,
    )
    assert rencana.format_lampiran == hasil.format
    assert RencanaArea.objects.filter(rencana=rencana).count() == counts["area"]
    assert (
        Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): rencana}).count()
        == counts["indikator"]
    )
    bukti = BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana})
    assert bukti.count() == len(hasil.rows)
    # Order round-trips: the rows read back in document order are the parsed rows.
    ordered = bukti.order_by(
        tree.lookup("bukti", "area", "urutan"),
        tree.lookup("bukti", "komponen", "urutan"),
        tree.lookup("bukti", "indikator", "urutan"),
        "langkah_aksi__urutan",
        "urutan",
    )
    assert [b.nama for b in ordered] == [r.bukti_fisik for r in hasil.rows]
    assert [b.bulan for b in ordered] == [sorted(set(r.bulan)) for r in hasil.rows]


def test_kudus_areas_link_to_the_zi_framework(sample_text):
    rencana, _ = lampiran_import(text=sample_text("kudus"))
    areas = list(RencanaArea.objects.filter(rencana=rencana).order_by("urutan"))
    assert [a.nomor for a in areas] == ["I", "II", "III", "IV", "V", "VI"]
    assert [a.area.nomor for a in areas] == [1, 2, 3, 4, 5, 6]
    assert areas[1].area.nama == "Penataan Tatalaksana"


def test_existing_plan_is_refused_without_replace_and_nothing_changes(sample_text):
    lampiran_import(text=sample_text("tegal"))
    before = db_counts()
    with pytest.raises(ImporLampiranError, match="sudah ada"):
        lampiran_import(text=sample_text("tegal"))
    assert db_counts() == before


def test_dry_run_writes_nothing(sample_text):
    before = db_counts()
    rencana, hasil = lampiran_import(text=sample_text("kudus"), dry_run=True)
    assert rencana is None
    assert hasil.rows
    assert db_counts() == before


def test_replace_keeps_unchanged_rows_and_drops_removed_ones(sample_text):
    text = sample_text("kudus")
    rencana, _ = lampiran_import(text=text)
    kept = BuktiFisik.objects.get(nama="SK Tim Agen Perubahan")
    # The new version no longer has the "Piagam Penghargaan" row.
    edited = "\n".join(line for line in text.splitlines() if "Piagam Penghargaan" not in line)
    again, hasil = lampiran_import(text=edited, replace=True)
    assert again.pk == rencana.pk
    assert BuktiFisik.objects.get(nama="SK Tim Agen Perubahan").pk == kept.pk
    assert not BuktiFisik.objects.filter(nama="Piagam Penghargaan").exists()
    live = BuktiFisik.objects.filter(diarsipkan=False, **{tree.lookup("bukti", "rencana"): rencana})
    assert live.count() == len(hasil.rows)


def test_replace_archives_rows_that_evidence_protects(sample_text, member):
    """A removed row under which evidence sits is archived with its ancestors, not deleted.

    An upload protects its bukti fisik with ``on_delete=PROTECT``: the bukti and every ancestor
    the new document drops are archived, and the upload stays attached to it.
    """
    text = sample_text("kudus")
    lampiran_import(text=text)
    protected = BuktiFisik.objects.get(nama="Piagam Penghargaan")
    [upload] = upload_service(
        protected, member("kasubbag"), ("Piagam.pdf", files.pdf()), periode=None
    )
    chain = {LangkahAksi: protected.langkah_aksi_id}
    edited = "\n".join(line for line in text.splitlines() if "Piagam Penghargaan" not in line)
    lampiran_import(text=edited, replace=True)
    protected.refresh_from_db()
    assert protected.diarsipkan is True
    assert LangkahAksi.objects.get(pk=chain[LangkahAksi]).diarsipkan is True
    rencana = RencanaAksi.objects.get()
    from plans.selectors import rencana_tree

    shown = [
        b.nama
        for area in rencana_tree(rencana=rencana)
        for k in area.komponen.all()
        for i in k.indikator.all()
        for la in i.langkah_aksi.all()
        for b in la.bukti_fisik.all()
    ]
    assert "Piagam Penghargaan" not in shown
    assert len(shown) == 69
    upload.refresh_from_db()
    assert upload.bukti_fisik_id == protected.pk


def test_a_signed_plan_is_never_replaced(sample_text):
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=RencanaAksi.Status.DITETAPKAN)
    before = db_counts()
    with pytest.raises(ImporLampiranError, match="ditetapkan"):
        lampiran_import(text=sample_text("tegal"), replace=True)
    assert db_counts() == before


def test_explicit_satker_and_year_override_the_document(sample_text):
    rencana, _ = lampiran_import(text=sample_text("tegal"), satker="3301", tahun=2023)
    assert (rencana.satker.kode, rencana.tahun) == ("3301", 2023)


def test_unknown_satker_code_is_refused(sample_text):
    with pytest.raises(ImporLampiranError, match="tidak dikenal"):
        lampiran_import(text=sample_text("tegal"), satker="9999")
    assert RencanaAksi.objects.count() == 0


TABLE_HEADER = (
    "NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU\n1\t2\t3\t4\t5\t6\n"
)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\n  ",
        b"Ini hanya surat biasa tanpa tabel apa pun.\nSalam hormat.\n" * 20,
        ("KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA TEGAL\n\n" + TABLE_HEADER).encode(),
        b"%PDF-1.7\n\x00\x01\x02\x03binary\x00\xff\xfe" * 50,
        bytes(range(256)) * 40,
    ],
    ids=["empty", "blank", "prose", "truncated-table", "pdf-binary", "random-bytes"],
)
def test_broken_input_is_refused_and_database_unchanged(data):
    before = db_counts()
    with pytest.raises((LampiranError, ImporLampiranError)) as info:
        lampiran_import(text=decode_lampiran(data), satker=satker("3376"), tahun=2022)
    assert str(info.value).strip()
    assert db_counts() == before


def test_decode_accepts_utf8_bom_and_cp1252():
    assert decode_lampiran("\ufeffNO\tKOMPONEN".encode()) == "NO\tKOMPONEN"
    assert decode_lampiran("Penataan – SDM".encode("cp1252")) == "Penataan – SDM"


def test_a_plan_under_review_is_not_replaced(sample_text):
    rencana, _ = lampiran_import(text=sample_text("tegal"))
    RencanaAksi.objects.filter(pk=rencana.pk).update(status=RencanaAksi.Status.DIAJUKAN)
    before = db_counts()
    with pytest.raises(ImporLampiranError, match="tarik kembali"):
        lampiran_import(text=sample_text("tegal"), replace=True)
    assert db_counts() == before


def test_replace_bumps_versions_so_stale_editors_are_refused(sample_text):
    """A row the new document changes gets a new version; an unchanged row keeps its own."""
    from plans.services.guards import VersionConflict, claim_version

    text = sample_text("tegal")
    _rencana, _ = lampiran_import(text=text)
    bukti = BuktiFisik.objects.get(nama="SK Tim Agen Perubahan")
    other = BuktiFisik.objects.exclude(pk=bukti.pk).first()
    stale, other_versi = bukti.versi, other.versi
    changed = text.replace(
        "SK Tim Agen Perubahan\tApril Minggu ke 3 April 2022",
        "SK Tim Agen Perubahan\tMei 2022",
    )
    assert changed != text
    lampiran_import(text=changed, replace=True)
    bukti.refresh_from_db()
    assert bukti.target_waktu == "Mei 2022"
    assert bukti.bulan == [5]
    with pytest.raises(VersionConflict):
        claim_version(bukti, stale)
    other.refresh_from_db()
    assert other.versi == other_versi
    claim_version(other, other_versi)
