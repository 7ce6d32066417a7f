"""The Begäran answers are the reports' filters: a change of them now records every step day
of the participation (it recorded only the first step's day and the closing day, so Flöde,
Ledtider and Standardrapport filtered by a Begäran answer could read a part made stale by it).
The triggers are created again, and the parts stored before are forgotten."""

from django.db import migrations

from reports import triggers


def forget_parts(apps, schema_editor):
    apps.get_model("reports", "ReportPart").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_change_triggers")]

    operations = [
        migrations.RunPython(triggers.create, migrations.RunPython.noop),
        migrations.RunPython(forget_parts, migrations.RunPython.noop),
    ]
