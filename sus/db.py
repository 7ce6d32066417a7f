"""Which database constraint an IntegrityError broke, read the same way on PostgreSQL and SQLite,
so that each constraint can be turned into its own message."""

import re

from django.apps import apps
from django.db import IntegrityError

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
