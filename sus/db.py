"""Reading database errors the same way on PostgreSQL and SQLite: which constraint an
IntegrityError broke (so each gets its own message), and whether an error means "busy" (a row
locked elsewhere), "slow" (a statement past its limit) or "down" (no connection)."""

import re
from functools import wraps

from django.apps import apps
from django.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    connections,
    transaction,
)
from django.db.models.signals import post_migrate

LOCK_NOT_AVAILABLE, QUERY_CANCELED = "55P03", "57014"  # PostgreSQL's SQLSTATEs
# Transactions that met another's: worth another try in a moment, like a row locked elsewhere.
DEADLOCK, SERIALIZATION_FAILURE = "40P01", "40001"

# SQLite names CHECK constraints ("CHECK constraint failed: name") but reports a UNIQUE one by
# its columns ("UNIQUE constraint failed: table.column, …"); those are looked up in the models.
_SQLITE = re.compile(r"(CHECK|UNIQUE) constraint failed: (?:index ')?([\w., ]+?)'?$")


def _unique_by_columns(columns: str) -> str | None:
    wanted = {column.strip() for column in columns.split(",")}
    for model in apps.get_models():
        table = model._meta.db_table
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            names = {f"{table}.{model._meta.get_field(f).column}" for f in fields}
            if names and names == wanted:
                return constraint.name
    return None


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint behind the error, or None when it cannot be told."""
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name
    match = _SQLITE.search(str(error))
    if match is None:
        return None
    kind, name = match.groups()
    return name if kind == "CHECK" or "." not in name else _unique_by_columns(name)


def unavailability(error: BaseException) -> str | None:
    """ "busy", "slow" or "down" for a database error that is about waiting, else None."""
    if not isinstance(error, DatabaseError) or isinstance(error, IntegrityError):
        return None
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    if sqlstate in (LOCK_NOT_AVAILABLE, DEADLOCK, SERIALIZATION_FAILURE) or (
        "database is locked" in str(error)
    ):
        return "busy"
    if sqlstate == QUERY_CANCELED:
        return "slow"
    if isinstance(error, OperationalError):
        return "down"
    return None


def statement_timeout(seconds: float, *, using: str = "default", work_mem: str = ""):
    """Give a view (the reports) a longer statement limit than the default, on PostgreSQL,
    and optionally more memory per sort or hash (`work_mem`, so that a year's medians sort in
    memory instead of spilling to disk): the view runs in a transaction on the database
    `using` that sets them locally."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            database = connections[using]
            if database.vendor != "postgresql":
                return view(*args, **kwargs)
            with transaction.atomic(using=using):
                with database.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)",
                        [str(int(seconds * 1000))],
                    )
                    if work_mem:
                        # A report's queries are planned afresh and run once: compiling
                        # them (JIT) costs more than it saves.
                        cursor.execute(
                            "SELECT set_config('work_mem', %s, true), "
                            "set_config('jit', 'off', true)",
                            [work_mem],
                        )
                return view(*args, **kwargs)

        return wrapped

    return decorator


# --- Triggers: created again where a table lost them ---------------------------------------

_CREATED_TRIGGER = re.compile(r"CREATE TRIGGER (\w+)")


def trigger_names(statements: list[str]) -> set[str]:
    """The names of the triggers the statements create."""
    return {name for sql in statements for name in _CREATED_TRIGGER.findall(sql)}


def installed_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def create_missing_triggers(connection, statements: list[str]) -> set[str]:
    """Run `statements` (which create their triggers again, each dropped first) when one of
    their triggers is missing; returns the names that were missing. SQLite drops a table's
    triggers when a migration rebuilds the table (its way of adding a required column); on
    PostgreSQL a trigger is lost only when someone drops it. Nothing is run, and no lock is
    taken, when all are there."""
    missing = trigger_names(statements) - installed_triggers(connection)
    if missing:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return missing


def keep_triggers(app_config, statements) -> None:
    """After every `migrate`, create the app's triggers again where one is missing
    (`statements(vendor)` gives the statements that create them)."""

    def again(sender, using, **kwargs):
        connection = connections[using]
        create_missing_triggers(connection, statements(connection.vendor))

    post_migrate.connect(
        again, sender=app_config, weak=False, dispatch_uid=f"{app_config.name}.triggers"
    )
