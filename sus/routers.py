"""Report reads on a streaming replica.

When DATABASE_REPLICA_URL is set, settings add the database alias "replica" and name it in
SUS_REPORTS_DATABASE. The report views run inside `reports_database()` (the decorator
`reads_from_reports_database`); while that is active the router sends every read to the
replica. Writes always go to the primary ("default"), and so does every read outside a report
(also of objects that a report read).
A context variable (not a thread-local) marks the report, so it holds per thread and per task.
"""

import contextlib
import contextvars
import functools

from django.conf import settings

_in_report = contextvars.ContextVar("in_report", default=False)


@contextlib.contextmanager
def reports_database():
    token = _in_report.set(True)
    try:
        yield
    finally:
        _in_report.reset(token)


def reads_from_reports_database(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with reports_database():
            return view(*args, **kwargs)

    return wrapper


class ReportsRouter:
    def db_for_read(self, model, **hints):
        return settings.SUS_REPORTS_DATABASE if _in_report.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
