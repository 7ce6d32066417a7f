"""Stored report parts of a whole calendar year as well (`reports.parts`): the whole history
is read as its years instead of every month. Only the choices of the span change; no row."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_trigger_names_within_63'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reportpart',
            name='span',
            field=models.CharField(choices=[('D', 'Dag'), ('M', 'Månad'), ('Y', 'År')], max_length=1, verbose_name='omfång'),
        ),
    ]
