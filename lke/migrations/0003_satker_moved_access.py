"""The satker foreign keys now point at ``access.Satker`` (same table): state only."""


import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0001_initial_moved_access'),
        ('lke', '0002_master_2026'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='historicallke',
                    name='satker',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.satker'),
                ),
                migrations.AlterField(
                    model_name='lke',
                    name='satker',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lke', to='access.satker'),
                ),
            ],
        ),
    ]
