"""The access log's own index of `user_id` goes: "accesslog_user_at" (user_id, at) serves every
read by user, and each index costs every page view its write. Only the index is dropped: an
AlterField would also drop and re-add the foreign key (on PostgreSQL a scan of the whole log
under an exclusive lock; on SQLite a rebuild of the table, which loses its append-only
triggers)."""

from django.conf import settings
from django.db import migrations, models

TABLE, COLUMN = "audit_accesslog", "user_id"


def _single_column_indexes(schema_editor) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and info["columns"] == [COLUMN]
        and not (info["primary_key"] or info["unique"] or info["foreign_key"])
    ]


def drop_index(apps, schema_editor):
    for name in _single_column_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_index(apps, schema_editor):
    if not _single_column_indexes(schema_editor):
        schema_editor.execute(
            f"CREATE INDEX audit_accesslog_user_id_7f87e501 ON {TABLE} ({COLUMN})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_sqlite"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslog",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="användare",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_index, create_index)],
        )
    ]
