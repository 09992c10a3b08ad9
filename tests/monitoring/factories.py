"""Fast builders for monitoring tests and benchmarks: many satkers × many rows via bulk_create."""

from __future__ import annotations

from access.models import Satker
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
            )
        )
    BuktiFisik.objects.bulk_create(bukti)
    return plans


def realistic_plans(
    satkers: list[Satker], *, rows: int = 70, tahun: int = 2022, kerangka: Kerangka | None = None
) -> list[RencanaAksi]:
    """One plan per satker shaped like the sample SKs: every area has several komponen, each
    komponen two indikator, each indikator two langkah aksi with one or two bukti fisik (about
    six bukti fisik per komponen), ``rows`` bukti fisik per plan spread evenly over the areas.
    Schedules cycle through ``JADWAL``. One bulk insert per level, whatever the size."""
    kerangka = kerangka or Kerangka.objects.get(kode="zi")
    areas = list(AreaPerubahan.objects.filter(kerangka=kerangka).order_by("nomor"))
    # shape[a] = komponen → indikator → langkah aksi → number of bukti fisik
    shape: list[list[list[list[int]]]] = []
    counter = 0
    for a in range(len(areas)):
        remaining = rows // len(areas) + (1 if a < rows % len(areas) else 0)
        komponen: list[list[list[int]]] = []
        while remaining > 0:
            indikator = []
            for _i in range(2):
                langkah = []
                for _la in range(2):
                    n = min(1 + counter % 2, remaining)
                    if n:
                        langkah.append(n)
                        remaining -= n
                        counter += 1
                if langkah:
                    indikator.append(langkah)
            komponen.append(indikator)
        shape.append(komponen)
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
    ra_shapes = [(ra, shape[i % len(areas)]) for i, ra in enumerate(rencana_areas)]
    komponen = Komponen.objects.bulk_create(
        [
            Komponen(
                rencana_area=ra, urutan=k, nomor=str(k + 1), nama=f"Komponen {ra.nomor}.{k + 1}"
            )
            for ra, komps in ra_shapes
            for k in range(len(komps))
        ]
    )
    k_shapes = [inds for _ra, komps in ra_shapes for inds in komps]
    indikator = Indikator.objects.bulk_create(
        [
            Indikator(komponen=k, urutan=i, nama=f"Indikator {i + 1} dari {k.nama}")
            for k, inds in zip(komponen, k_shapes, strict=True)
            for i in range(len(inds))
        ]
    )
    i_shapes = [las for inds in k_shapes for las in inds]
    langkah = LangkahAksi.objects.bulk_create(
        [
            LangkahAksi(indikator=ind, urutan=n, nama=f"Langkah aksi {n + 1}: {ind.nama}")
            for ind, las in zip(indikator, i_shapes, strict=True)
            for n in range(len(las))
        ]
    )
    counts = [c for las in i_shapes for c in las]
    bukti, n = [], 0
    for la, count in zip(langkah, counts, strict=True):
        for u in range(count):
            label, bulan, minggu = JADWAL[n % len(JADWAL)]
            bukti.append(
                BuktiFisik(
                    langkah_aksi=la,
                    urutan=u,
                    nama=f"Bukti fisik {n + 1}",
                    target_waktu=label,
                    bulan=bulan,
                    minggu=minggu,
                    tahun=tahun if bulan else None,
                )
            )
            n += 1
    BuktiFisik.objects.bulk_create(bukti, batch_size=2000)
    return plans
