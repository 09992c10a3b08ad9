"""Load the frameworks with their areas and the Jawa Tengah satkers into every database.

Idempotent (update_or_create), so re-running on a database that already has them is safe.
"""

from django.db import migrations


def load(apps, schema_editor):
    from plans.reference import KERANGKA, PROVINSI_JAWA_TENGAH, SATKER_JAWA_TENGAH

    Kerangka = apps.get_model("plans", "Kerangka")
    AreaPerubahan = apps.get_model("plans", "AreaPerubahan")
    Satker = apps.get_model("plans", "Satker")
    for kode, nama, areas in KERANGKA:
        kerangka, _ = Kerangka.objects.update_or_create(kode=kode, defaults={"nama": nama})
        for nomor, area_nama, sinonim in areas:
            AreaPerubahan.objects.update_or_create(
                kerangka=kerangka, nomor=nomor, defaults={"nama": area_nama, "sinonim": sinonim}
            )
    kode, wilayah, kota = PROVINSI_JAWA_TENGAH
    provinsi, _ = Satker.objects.update_or_create(
        kode=kode, defaults={"jenis": "provinsi", "wilayah": wilayah, "kota_penetapan": kota}
    )
    for kode, jenis, wilayah, kota in SATKER_JAWA_TENGAH:
        Satker.objects.update_or_create(
            kode=kode,
            defaults={"jenis": jenis, "wilayah": wilayah, "kota_penetapan": kota, "induk": provinsi},
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
