"""Satker, Keanggotaan and WajibGantiSandi left ``plans`` for ``access`` (access 0001).

State only: the tables and rows stay. The admin's content types of the four models are
renamed to ``access`` so that admin log entries and any permission granted on them follow.
"""


import django.db.models.deletion
from django.db import migrations, models


MODELS = ("satker", "keanggotaan", "historicalkeanggotaan", "wajibgantisandi")


def _move_content_types(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label=target, model__in=MODELS).values_list("model", flat=True)
    )
    ContentType.objects.filter(app_label=source, model__in=set(MODELS) - taken).update(
        app_label=target
    )


def rename_content_types(apps, schema_editor):
    _move_content_types(apps, "plans", "access")


def rename_content_types_back(apps, schema_editor):
    _move_content_types(apps, "access", "plans")


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0001_initial_moved_access'),
        ('evidence', '0002_satker_moved_access'),
        ('jobs', '0002_satker_moved_access'),
        ('lke', '0003_satker_moved_access'),
        ('plans', '0008_lampiran_kepala'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='keanggotaan',
                    name='satker',
                ),
                migrations.RemoveField(
                    model_name='keanggotaan',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='satker',
                    name='induk',
                ),
                migrations.AlterField(
                    model_name='rencanaaksi',
                    name='satker',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rencana_aksi', to='access.satker'),
                ),
                migrations.AlterField(
                    model_name='historicalrencanaaksi',
                    name='satker',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.satker'),
                ),
                migrations.RemoveField(
                    model_name='wajibgantisandi',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='HistoricalKeanggotaan',
                ),
                migrations.DeleteModel(
                    name='Keanggotaan',
                ),
                migrations.DeleteModel(
                    name='Satker',
                ),
                migrations.DeleteModel(
                    name='WajibGantiSandi',
                ),
            ],
        ),
        migrations.RunPython(rename_content_types, rename_content_types_back),
    ]
