"""The satker foreign key now points at ``access.Satker`` (same table): state only."""


import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0001_initial_moved_access'),
        ('jobs', '0001_jobs_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='job',
                    name='satker',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='access.satker'),
                ),
            ],
        ),
    ]
