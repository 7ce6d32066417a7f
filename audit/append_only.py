"""Append-only at the database level, and its one documented exception.

PostgreSQL: django-pgtrigger's Protect trigger on both log tables (audit.models) refuses every
UPDATE and DELETE. SQLite: the same rule as triggers made by migration audit.0003, which ask
the function `sus_log_rewrite_allowed()`; this module registers it on each new connection.
A connection that lacks it (the sqlite3 shell) cannot change the tables at all.

The exception is `log_rewrite_allowed()`: only the retention job (gallring) uses it, to remove
personal data from old log rows; the block's changes are its own, in its own thread.

On PostgreSQL the block sets pgtrigger's transaction-local `pgtrigger.ignore` once, as a
statement of its own, instead of `pgtrigger.ignore()`, which prefixes every statement of the
block with it: a statement of two commands cannot be sent with server-side parameter binding
(the prepared statements of `sus.config.database`).
"""

import contextvars
from contextlib import contextmanager

import pgtrigger
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver

TRIGGERS = ("audit.AuditRecord:append_only", "audit.AccessLog:append_only")
SQLITE_TABLES = ("audit_auditrecord", "audit_accesslog")

_allowed = contextvars.ContextVar("sus_log_rewrite_allowed", default=False)


def _ignored_triggers() -> str:
    """The value of `pgtrigger.ignore` that lets the log triggers pass: each trigger's id and,
    as pgtrigger itself sets it for older installations, table:id."""
    ids = set()
    for model, trigger in pgtrigger.registered(*TRIGGERS):
        pgid = trigger.get_pgid(model)
        ids |= {pgid, f"{model._meta.db_table}:{pgid}"}
    return "{" + ",".join(sorted(ids)) + "}"


@contextmanager
def log_rewrite_allowed(using: str = DEFAULT_DB_ALIAS):
    """Let the block update or delete log rows (the retention job's path, docs/security.md).
    On PostgreSQL the block runs in a transaction (a savepoint inside one) and the rest of
    that transaction is protected again after it; an error rolls the setting back with the
    block's changes."""
    with sqlite_log_rewrite_allowed():
        if connections[using].vendor != "postgresql":
            yield
            return
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", [_ignored_triggers()])
            yield
            cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")


@contextmanager
def sqlite_log_rewrite_allowed():
    """The SQLite half of `log_rewrite_allowed` alone: what the test suite's flush of a SQLite
    database needs (it deletes every row; PostgreSQL's TRUNCATE fires no row trigger)."""
    token = _allowed.set(True)
    try:
        yield
    finally:
        _allowed.reset(token)


@receiver(connection_created, dispatch_uid="audit.append_only.sqlite_function")
def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "sus_log_rewrite_allowed", 0, lambda: int(_allowed.get())
        )


def sqlite_trigger_sql(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_append_only_{operation.lower()} "
        f"BEFORE {operation} ON {table} WHEN NOT sus_log_rewrite_allowed() "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END"
        for operation in ("UPDATE", "DELETE")
    ]
