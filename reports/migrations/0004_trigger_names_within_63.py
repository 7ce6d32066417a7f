"""Trigger names within PostgreSQL's 63 characters. The names of the triggers on the table of
Avslutat's "involverade aktörer" were longer: PostgreSQL cut all three to one name, so each
creation dropped the one before it and only the DELETE trigger was left (a choice added
there recorded no change). The old names are dropped and the triggers created again."""

from django.db import migrations

from reports import triggers


def old_names(vendor: str) -> list[tuple[str, str]]:
    """(table, name) of each trigger whose name of the old scheme was too long."""
    found = []
    for source in triggers.SOURCES:
        for event in ("insert", "update", "delete", *source.dated):
            name = f"{triggers._name(source)}_{event}"
            if len(name) > triggers.MAX_NAME:
                found.append(
                    (source.table, name[: triggers.MAX_NAME] if vendor == "postgresql" else name)
                )
    return found


def rename(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, name in dict.fromkeys(old_names(vendor)):
        if vendor == "postgresql":
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
        else:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    triggers.create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_begaran_marks_every_step")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
