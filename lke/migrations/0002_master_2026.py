"""Load the shipped 2026 LKE master question set (idempotent: same content is skipped)."""

from django.db import migrations


def load(apps, schema_editor):
    from lke.loading import DATA_DIR, master_muat_berkas

    master_muat_berkas(DATA_DIR / "lke-zi-2026-master-soal.json", apps=apps)


class Migration(migrations.Migration):
    dependencies = [("lke", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
