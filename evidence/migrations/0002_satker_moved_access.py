"""The satker foreign keys now point at ``access.Satker`` (same table): state only."""


import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0001_initial_moved_access'),
        ('evidence', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='berkas',
                    name='satker',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.satker'),
                ),
                migrations.AlterField(
                    model_name='historicalberkas',
                    name='satker',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.satker'),
                ),
            ],
        ),
    ]
