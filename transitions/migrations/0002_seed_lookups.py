from django.db import migrations


def seed(apps, schema_editor):
    from transitions.lookups import seed_lookups

    seed_lookups(lambda name: apps.get_model("transitions", name))


class Migration(migrations.Migration):
    dependencies = [("transitions", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
