from django.db import migrations

from audit.append_only import SQLITE_TABLES, sqlite_trigger_sql


def create_triggers(apps, schema_editor):
    # PostgreSQL has django-pgtrigger's triggers (0002); SQLite gets the same rule here. A later
    # migration that rebuilds one of these tables on SQLite drops its triggers: re-run this.
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in SQLITE_TABLES:
        for sql in sqlite_trigger_sql(table):
            schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in SQLITE_TABLES:
        for operation in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{operation}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
