"""The current office period stored on the participation (`period_sequence`, `period_from`,
`period_fenced_sequence`), from each participation's latest office period.

SQLite adds a required column by rebuilding the table, and refuses to rename the rebuilt table
while a trigger on another table names it: there the triggers that name the participation
table (the reports' change triggers) are dropped first, and the reports app creates them
again once `migrate` has run (reports.apps)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def drop_sqlite_triggers_naming_the_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND sql LIKE '%transitions_participation%'"
        )
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f'DROP TRIGGER "{name}"')


def current_period_from_history(apps, schema_editor):
    Participation = apps.get_model("transitions", "Participation")
    OfficePeriod = apps.get_model("transitions", "OfficePeriod")
    latest = OfficePeriod.objects.filter(participation=OuterRef("pk")).order_by("-sequence")
    Participation.objects.using(schema_editor.connection.alias).update(
        period_sequence=Subquery(latest.values("sequence")[:1]),
        period_from=Subquery(latest.values("valid_from")[:1]),
        period_fenced_sequence=Subquery(latest.values("fenced_sequence")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0012_transition_lead_dates"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers_naming_the_table, migrations.RunPython.noop),
        migrations.AddField(
            model_name="participation",
            name="period_sequence",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Ordningsnumret för nuvarande kontor.",
                verbose_name="kontorsperiod",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="period_from",
            field=models.DateField(
                null=True,
                help_text="Från denna dag handläggs medverkan av nuvarande kontor.",
                verbose_name="datum för flytt",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="period_fenced_sequence",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Övergångar till och med denna tillhör det tidigare kontoret.",
                verbose_name="senaste övergång före flytten",
            ),
        ),
        migrations.RunPython(current_period_from_history, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participation",
            name="period_from",
            field=models.DateField(
                help_text="Från denna dag handläggs medverkan av nuvarande kontor.",
                verbose_name="datum för flytt",
            ),
        ),
    ]
