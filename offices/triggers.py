"""The database triggers that give a user a new `access_stamp` whenever what the user may do
changes: a role (behörighetsroll) or an uppdrag of the user added, changed or removed, or an
office of one of the user's uppdrag changed. They run in the writing transaction, whatever
writes (the services, admin, a shell, a data migration), so a request that reads the user sees
the new stamp as soon as the change is committed, and reads the roles and uppdrag again
(`offices.selectors.Acting`).

SQLite drops a table's triggers when a migration rebuilds the table: after every `migrate`
the missing ones are created again (offices.apps; tests/offices/test_acting_kept.py fails
without them, tests/reports/test_triggers_installed.py drops them). The stamp is random, not a
counter: after a rollback or a restore, a stamp names one state of the roles and uppdrag only.
Every statement is built from the constant table names of this module alone (hence the `nosec
B608` marks).
"""

USER = "offices_user"
HOLDINGS = ("offices_rolegrant", "offices_uppdrag")  # rows of one user each (`user_id`)
OFFICE = "offices_office"
UPPDRAG = "offices_uppdrag"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION offices_access_changed() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = '{OFFICE}' THEN
        UPDATE {USER} SET access_stamp = gen_random_uuid()
        WHERE id IN (SELECT user_id FROM {UPPDRAG} WHERE office_id = NEW.id);
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE {USER} SET access_stamp = gen_random_uuid() WHERE id = OLD.user_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id <> OLD.user_id) THEN
        UPDATE {USER} SET access_stamp = gen_random_uuid() WHERE id = NEW.user_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""  # nosec B608

_SQLITE_STAMP = "lower(hex(randomblob(16)))"  # a UUIDField's form on SQLite: 32 hex digits


def _statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [_PG_FUNCTION]
        for table in HOLDINGS:
            statements.append(
                f"CREATE TRIGGER {table}_access AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION offices_access_changed()"
            )
        statements.append(
            f"CREATE TRIGGER {OFFICE}_access AFTER UPDATE ON {OFFICE} "
            "FOR EACH ROW EXECUTE FUNCTION offices_access_changed()"
        )
        return statements
    stamp = f"UPDATE {USER} SET access_stamp = {_SQLITE_STAMP} WHERE id"  # nosec B608
    statements = []
    for table in HOLDINGS:
        statements += [
            f"CREATE TRIGGER {table}_access_insert AFTER INSERT ON {table} "
            f"BEGIN {stamp} = NEW.user_id; END",
            f"CREATE TRIGGER {table}_access_update AFTER UPDATE ON {table} "
            f"BEGIN {stamp} IN (OLD.user_id, NEW.user_id); END",
            f"CREATE TRIGGER {table}_access_delete AFTER DELETE ON {table} "
            f"BEGIN {stamp} = OLD.user_id; END",
        ]
    statements.append(
        f"CREATE TRIGGER {OFFICE}_access_update AFTER UPDATE ON {OFFICE} "
        f"BEGIN {stamp} IN (SELECT user_id FROM {UPPDRAG} WHERE office_id = NEW.id); END"  # nosec B608
    )
    return statements


def _drops(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            *(f"DROP TRIGGER IF EXISTS {t}_access ON {t}" for t in (*HOLDINGS, OFFICE)),
            "DROP FUNCTION IF EXISTS offices_access_changed()",
        ]
    names = [f"{t}_access_{op}" for t in HOLDINGS for op in ("insert", "update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in (*names, f"{OFFICE}_access_update")]


def statements(vendor: str) -> list[str]:
    """Every statement that creates the triggers again (each dropped first)."""
    return [*_drops(vendor), *_statements(vendor)]


def create(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _drops(schema_editor.connection.vendor):
        schema_editor.execute(statement)
