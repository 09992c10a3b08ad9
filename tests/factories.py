"""factory_boy factories for the plan model, shared by every app's tests.

Satkers and kerangka are reference data present in every migrated database, so factories look
them up instead of creating new ones (``satker("3319")``, ``kerangka("zi")``).
"""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from access.models import Keanggotaan, Satker
from plans.models import (
    AreaPerubahan,
    BuktiFisik,
    Indikator,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
)

ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def satker(kode: str) -> Satker:
    return Satker.objects.get(kode=kode)


def kerangka(kode: str = "zi") -> Kerangka:
    return Kerangka.objects.get(kode=kode)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@kpu.example")
    password = factory.django.Password("rahasia-uji-123")


class KeanggotaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Keanggotaan

    user = factory.SubFactory(UserFactory)
    satker = factory.LazyFunction(lambda: satker("3319"))
    peran = "operator"


def make_member(peran: str, kode: str = "3319", **user_fields):
    """A new user with role ``peran`` in satker ``kode``: ``make_member("operator", "3319")``."""
    user = UserFactory(**user_fields)
    KeanggotaanFactory(user=user, satker=satker(kode), peran=peran)
    return user


class RencanaAksiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaAksi

    satker = factory.LazyFunction(lambda: satker("3319"))
    kerangka = factory.LazyFunction(lambda: kerangka("zi"))
    tahun = 2022
    judul = factory.LazyAttribute(
        lambda o: (
            f"RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS {o.satker.nama_lembaga} TAHUN {o.tahun}"
        )
    )
    sk_nomor = factory.Sequence(lambda n: f"{n + 1}/HK.03.1/3319/2022")


class RencanaAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaArea

    rencana = factory.SubFactory(RencanaAksiFactory)
    urutan = factory.Sequence(lambda n: n)
    nomor = factory.LazyAttribute(lambda o: ROMAWI[o.urutan % 8])
    judul = factory.Sequence(lambda n: f"Area {n}")


class KomponenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Komponen

    rencana_area = factory.SubFactory(RencanaAreaFactory)
    nomor = factory.Sequence(lambda n: str(n + 1))
    nama = factory.Sequence(lambda n: f"Komponen {n}")


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indikator

    komponen = factory.SubFactory(KomponenFactory)
    nama = factory.Sequence(lambda n: f"Indikator {n}")


class LangkahAksiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LangkahAksi

    indikator = factory.SubFactory(IndikatorFactory)
    nama = factory.Sequence(lambda n: f"Langkah aksi {n}")


class BuktiFisikFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuktiFisik

    langkah_aksi = factory.SubFactory(LangkahAksiFactory)
    nama = factory.Sequence(lambda n: f"Bukti fisik {n}")
    target_waktu = "Maret 2022"
    bulan = factory.LazyFunction(lambda: [3])
    tahun = 2022


def make_plan(
    *,
    satker_kode: str = "3319",
    tahun: int = 2022,
    areas: int = 6,
    komponen_per_area: int = 2,
    indikator_per_komponen: int = 2,
    bukti_per_langkah: int = 1,
    **rencana_fields,
) -> RencanaAksi:
    """A complete plan: ``areas × komponen × indikator`` langkah aksi, each with its bukti fisik.

    Rows get distinct texts and months cycling through the year; area ``i`` links to the
    framework's area ``i`` when it exists.
    """
    rencana = RencanaAksiFactory(satker=satker(satker_kode), tahun=tahun, **rencana_fields)
    area_refs = {a.nomor: a for a in AreaPerubahan.objects.filter(kerangka=rencana.kerangka)}
    n = 0
    for a in range(areas):
        area = RencanaAreaFactory(
            rencana=rencana,
            urutan=a,
            nomor=ROMAWI[a % 8],
            judul=f"Area {a + 1}",
            area=area_refs.get(a + 1),
        )
        for k in range(komponen_per_area):
            komponen = KomponenFactory(rencana_area=area, urutan=k, nomor=str(k + 1))
            for i in range(indikator_per_komponen):
                indikator = IndikatorFactory(komponen=komponen, urutan=i)
                langkah = LangkahAksiFactory(indikator=indikator, urutan=0)
                for b in range(bukti_per_langkah):
                    BuktiFisikFactory(
                        langkah_aksi=langkah,
                        urutan=b,
                        bulan=[n % 12 + 1],
                        target_waktu="",
                        tahun=tahun,
                    )
                    n += 1
    return rencana
