"""Fast builders for monitoring tests and benchmarks: many satkers × many rows via bulk_create."""

from __future__ import annotations

from plans.models import (
    AreaPerubahan,
    BuktiFisik,
    Indikator,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
    Satker,
)

ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]

# Target forms of the sample SKs as stored after parsing: (label, bulan, minggu).
JADWAL = [
    ("Januari 2022", [1], []),
    ("Maret, Juni 2022", [3, 6], []),
    ("April Minggu ke 3 2022", [4], [3]),
    ("Juni, September, Desember 2022", [6, 9, 12], []),
    ("Paling lambat Mei-Juni 2022", [5, 6], []),
    ("Februari 2022", [2], []),
    ("", [], []),
]


def bulk_plans(
    satkers: list[Satker], *, rows: int = 70, tahun: int = 2022, kerangka: Kerangka | None = None
) -> list[RencanaAksi]:
    """One plan per satker with ``rows`` bukti fisik spread over the framework's areas
    (one komponen → indikator → langkah aksi → bukti fisik chain per row). About 6 inserts per
    level in total, whatever the size."""
    kerangka = kerangka or Kerangka.objects.get(kode="zi")
    areas = list(AreaPerubahan.objects.filter(kerangka=kerangka).order_by("nomor"))
    plans = RencanaAksi.objects.bulk_create(
        [
            RencanaAksi(satker=s, kerangka=kerangka, tahun=tahun, judul=f"Rencana {s.wilayah}")
            for s in satkers
        ]
    )
    rencana_areas = RencanaArea.objects.bulk_create(
        [
            RencanaArea(rencana=p, area=a, urutan=i, nomor=ROMAWI[i], judul=a.nama)
            for p in plans
            for i, a in enumerate(areas)
        ]
    )
    per_plan = len(areas)
    komponen = Komponen.objects.bulk_create(
        [
            Komponen(
                rencana_area=rencana_areas[p * per_plan + r % per_plan], urutan=r, nama=f"K{r}"
            )
            for p in range(len(plans))
            for r in range(rows)
        ]
    )
    indikator = Indikator.objects.bulk_create(
        [Indikator(komponen=k, nama=f"Indikator {k.nama}") for k in komponen]
    )
    langkah = LangkahAksi.objects.bulk_create(
        [
            LangkahAksi(indikator=i, nama=f"Langkah aksi {n % rows + 1}")
            for n, i in enumerate(indikator)
        ]
    )
    bukti = []
    for n, la in enumerate(langkah):
        label, bulan, minggu = JADWAL[n % len(JADWAL)]
        bukti.append(
            BuktiFisik(
                langkah_aksi=la,
                nama=f"Bukti fisik {n % rows + 1}",
                target_waktu=label,
                bulan=bulan,
                minggu=minggu,
                tahun=tahun if bulan else None,
            )  # fmt: skip
        )
    BuktiFisik.objects.bulk_create(bukti)
    return plans
