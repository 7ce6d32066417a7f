"""Append-only at the database level, and its one documented exception.

PostgreSQL: django-pgtrigger's Protect trigger on both log tables (audit.models) refuses every
UPDATE and DELETE. SQLite: the same rule as triggers made by migration audit.0003, which ask
the function `sus_log_rewrite_allowed()`; this module registers it on each new connection.
A connection that lacks it (the sqlite3 shell) cannot change the tables at all.

The exception is `log_rewrite_allowed()`: only the retention job (gallring) uses it, to remove
personal data from old log rows; the block's changes are its own, in its own thread.
"""

import contextvars
from contextlib import contextmanager

import pgtrigger
from django.db.backends.signals import connection_created
from django.dispatch import receiver

TRIGGERS = ("audit.AuditRecord:append_only", "audit.AccessLog:append_only")
SQLITE_TABLES = ("audit_auditrecord", "audit_accesslog")

_allowed = contextvars.ContextVar("sus_log_rewrite_allowed", default=False)


@contextmanager
def log_rewrite_allowed():
    """Let the block update or delete log rows (the retention job's path, docs/security.md)."""
    token = _allowed.set(True)
    try:
        with pgtrigger.ignore(*TRIGGERS):
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
