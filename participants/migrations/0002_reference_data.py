from django.db import migrations


def load(apps, schema_editor):
    from participants.reference import load_reference_data

    load_reference_data(
        County=apps.get_model("participants", "County"),
        Municipality=apps.get_model("participants", "Municipality"),
        Stadsdel=apps.get_model("participants", "Stadsdel"),
    )


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
