"""Sessions in `sus_session`, each naming its user (sus.sessions). The logins held in Django's
`django_session` are not carried over but deleted: everyone logs in once more after this
migration, and no old session lingers where ending a user's sessions would not find it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def end_old_sessions(apps, schema_editor):
    apps.get_model("sessions", "Session").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sus", "0004_rate_counters"),
        ("sessions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="användare",
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "db_table": "sus_session",
                "abstract": False,
            },
        ),
        migrations.RunPython(end_old_sessions, migrations.RunPython.noop, elidable=True),
    ]
