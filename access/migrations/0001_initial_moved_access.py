"""Satker, Keanggotaan (with its history) and WajibGantiSandi move here from ``plans``.

State only: the tables keep their names (``plans_satker``, ``plans_keanggotaan``,
``plans_historicalkeanggotaan``, ``plans_wajibgantisandi``), so no row moves and every foreign
key in the database stays as it is. ``plans`` 0008 removes the models from its own state.
"""


import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The tables are created by plans' own migrations; this one only adopts them.
        ('plans', '0007_impsvc_versi_isi'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Satker',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kode', models.CharField(max_length=10, unique=True, verbose_name='kode wilayah')),
                        ('jenis', models.CharField(choices=[('pusat', 'Pusat'), ('provinsi', 'Provinsi'), ('kabupaten', 'Kabupaten'), ('kota', 'Kota')], max_length=12, verbose_name='jenis')),
                        ('wilayah', models.CharField(help_text='mis. Kudus', max_length=100, verbose_name='nama wilayah')),
                        ('kota_penetapan', models.CharField(blank=True, help_text='kota tempat SK ditetapkan', max_length=100, verbose_name='tempat penetapan SK')),
                        ('ketua_nama', models.CharField(blank=True, max_length=150, verbose_name='nama ketua')),
                        ('sekretaris_nama', models.CharField(blank=True, max_length=150, verbose_name='nama sekretaris')),
                        ('pejabat_salinan_nama', models.CharField(blank=True, max_length=150, verbose_name='nama pejabat pengesah salinan')),
                        ('pejabat_salinan_jabatan', models.CharField(default='Kepala Sub Bagian Hukum dan SDM', max_length=200, verbose_name='jabatan pejabat pengesah salinan')),
                        ('induk', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='anak', to='access.satker', verbose_name='provinsi induk')),
                    ],
                    options={
                        'verbose_name': 'satker',
                        'verbose_name_plural': 'satker',
                        'db_table': 'plans_satker',
                        'ordering': ['kode'],
                    },
                ),
                migrations.CreateModel(
                    name='Keanggotaan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('peran', models.CharField(choices=[('operator', 'Operator'), ('kasubbag', 'Kasubbag Hukum dan SDM'), ('tim_zi', 'Tim ZI'), ('reviewer_provinsi', 'Reviewer Provinsi')], max_length=20, verbose_name='peran')),
                        ('dibuat', models.DateTimeField(auto_now_add=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='keanggotaan', to=settings.AUTH_USER_MODEL)),
                        ('satker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='keanggotaan', to='access.satker')),
                    ],
                    options={
                        'verbose_name': 'keanggotaan',
                        'verbose_name_plural': 'keanggotaan',
                        'db_table': 'plans_keanggotaan',
                        'ordering': ['satker__kode', 'user__username'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalKeanggotaan',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('peran', models.CharField(choices=[('operator', 'Operator'), ('kasubbag', 'Kasubbag Hukum dan SDM'), ('tim_zi', 'Tim ZI'), ('reviewer_provinsi', 'Reviewer Provinsi')], max_length=20, verbose_name='peran')),
                        ('dibuat', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('satker', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.satker')),
                    ],
                    options={
                        'verbose_name': 'historical keanggotaan',
                        'verbose_name_plural': 'historical keanggotaan',
                        'db_table': 'plans_historicalkeanggotaan',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='WajibGantiSandi',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat', models.DateTimeField(auto_now_add=True, verbose_name='sejak')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='wajib_ganti_sandi', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'wajib ganti kata sandi',
                        'verbose_name_plural': 'wajib ganti kata sandi',
                        'db_table': 'plans_wajibgantisandi',
                    },
                ),
                migrations.AddConstraint(
                    model_name='satker',
                    constraint=models.CheckConstraint(condition=models.Q(('jenis__in', ['pusat', 'provinsi']), ('induk__isnull', False), _connector='OR'), name='satker_kabkota_punya_induk'),
                ),
                migrations.AddConstraint(
                    model_name='keanggotaan',
                    constraint=models.UniqueConstraint(fields=('user', 'satker', 'peran'), name='keanggotaan_unik'),
                ),
            ],
        ),
    ]
