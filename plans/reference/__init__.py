"""Reference data loaded into every database by migration ``plans.0002_reference_data``.

Kept as plain Python data (not fixtures) so the data migration and the tests read the same
source. Sources: docs/architecture.md §1 (Kemendagri region codes of Jawa Tengah; the six ZI areas of
PermenPANRB 90/2021; the eight RB areas of the KPU RB road map).
"""

from __future__ import annotations

#: (kode, nama, [(nomor, nama, sinonim…)]) — ZI areas per PermenPANRB 90/2021 (LKE ZI 2026).
KERANGKA = [
    (
        "zi",
        "Zona Integritas (PermenPANRB 90/2021)",
        [
            (1, "Manajemen Perubahan", ["pembangunan unit kerja untuk memperoleh predikat"]),
            (2, "Penataan Tatalaksana", ["penataan tata laksana", "tata laksana"]),
            (3, "Penataan Sistem Manajemen SDM", ["penataan sistem manajemen sdm aparatur"]),
            (4, "Penguatan Akuntabilitas", ["penguatan akuntabilitas kinerja"]),
            (5, "Penguatan Pengawasan", []),
            (6, "Peningkatan Kualitas Pelayanan Publik", []),
        ],
    ),
    (
        "rb",
        "Reformasi Birokrasi (Road Map RB KPU 2020–2024)",
        [
            (1, "Manajemen Perubahan", []),
            (
                2,
                "Penguatan Peraturan Perundang-undangan/Deregulasi Kebijakan",
                ["deregulasi kebijakan", "penataan peraturan perundang-undangan"],
            ),
            (3, "Penataan Organisasi/Kelembagaan", ["penataan dan penguatan organisasi"]),
            (4, "Penguatan Tata Laksana", ["penataan tata laksana"]),
            (5, "Penguatan Sistem Manajemen SDM ASN", ["penataan sistem manajemen sdm"]),
            (6, "Penguatan Akuntabilitas Kinerja", ["penguatan akuntabilitas"]),
            (7, "Penguatan Pengawasan", []),
            (8, "Pelayanan Publik", ["peningkatan kualitas pelayanan publik"]),
        ],
    ),
]

PROVINSI_JAWA_TENGAH = ("33", "Jawa Tengah", "Semarang")

#: (kode Kemendagri, jenis, wilayah, kota tempat SK ditetapkan = ibu kota kabupaten/kota)
SATKER_JAWA_TENGAH = [
    ("3301", "kabupaten", "Cilacap", "Cilacap"),
    ("3302", "kabupaten", "Banyumas", "Purwokerto"),
    ("3303", "kabupaten", "Purbalingga", "Purbalingga"),
    ("3304", "kabupaten", "Banjarnegara", "Banjarnegara"),
    ("3305", "kabupaten", "Kebumen", "Kebumen"),
    ("3306", "kabupaten", "Purworejo", "Purworejo"),
    ("3307", "kabupaten", "Wonosobo", "Wonosobo"),
    ("3308", "kabupaten", "Magelang", "Mungkid"),
    ("3309", "kabupaten", "Boyolali", "Boyolali"),
    ("3310", "kabupaten", "Klaten", "Klaten"),
    ("3311", "kabupaten", "Sukoharjo", "Sukoharjo"),
    ("3312", "kabupaten", "Wonogiri", "Wonogiri"),
    ("3313", "kabupaten", "Karanganyar", "Karanganyar"),
    ("3314", "kabupaten", "Sragen", "Sragen"),
    ("3315", "kabupaten", "Grobogan", "Purwodadi"),
    ("3316", "kabupaten", "Blora", "Blora"),
    ("3317", "kabupaten", "Rembang", "Rembang"),
    ("3318", "kabupaten", "Pati", "Pati"),
    ("3319", "kabupaten", "Kudus", "Kudus"),
    ("3320", "kabupaten", "Jepara", "Jepara"),
    ("3321", "kabupaten", "Demak", "Demak"),
    ("3322", "kabupaten", "Semarang", "Ungaran"),
    ("3323", "kabupaten", "Temanggung", "Temanggung"),
    ("3324", "kabupaten", "Kendal", "Kendal"),
    ("3325", "kabupaten", "Batang", "Batang"),
    ("3326", "kabupaten", "Pekalongan", "Kajen"),
    ("3327", "kabupaten", "Pemalang", "Pemalang"),
    ("3328", "kabupaten", "Tegal", "Slawi"),
    ("3329", "kabupaten", "Brebes", "Brebes"),
    ("3371", "kota", "Magelang", "Magelang"),
    ("3372", "kota", "Surakarta", "Surakarta"),
    ("3373", "kota", "Salatiga", "Salatiga"),
    ("3374", "kota", "Semarang", "Semarang"),
    ("3375", "kota", "Pekalongan", "Pekalongan"),
    ("3376", "kota", "Tegal", "Tegal"),
]
