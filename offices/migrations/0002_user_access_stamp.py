"""Each user's access stamp, and the triggers that renew it (offices/triggers.py)."""

import uuid

from django.db import migrations, models

from offices import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="access_stamp",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, verbose_name="behörighetsstämpel"
            ),
        ),
        migrations.RunPython(triggers.create, triggers.drop),
    ]
