"""Every database trigger the apps create exists once `migrate` has run: SQLite drops a table's
triggers when a migration rebuilds the table (as adding a required column does), and a trigger
lost would let a report serve a stale stored part, or a revoked role stay in force. Each name
fits PostgreSQL's 63 characters (longer ones were cut to one name, so one trigger was left of
three)."""

import pytest
from django.core.management import call_command
from django.db import connection

from offices import triggers as access_triggers
from reports import triggers as change_triggers
from sus.db import installed_triggers, trigger_names

pytestmark = pytest.mark.django_db


def created_names() -> set[str]:
    return trigger_names(
        [
            *change_triggers.statements(connection.vendor),
            *access_triggers.statements(connection.vendor),
        ]
    )


def test_every_trigger_exists_after_the_migrations():
    assert len(created_names()) > 20
    assert created_names() - installed_triggers(connection) == set()


def test_every_trigger_name_fits_postgresql():
    for vendor in ("postgresql", "sqlite"):
        names = trigger_names(
            [*change_triggers.statements(vendor), *access_triggers.statements(vendor)]
        )
        assert max(len(name) for name in names) <= 63


@pytest.mark.parametrize("table", ["transitions_participation", "offices_uppdrag"])
def test_triggers_lost_with_a_rebuilt_table_are_back_after_the_next_migrate(table):
    lost = sorted(name for name in created_names() if table in name)
    assert lost
    with connection.cursor() as cursor:
        for name in lost:  # as SQLite's rebuild of the table does
            on = f" ON {table}" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TRIGGER {name}{on}")
    assert set(lost) & installed_triggers(connection) == set()
    call_command("migrate", verbosity=0)
    assert created_names() - installed_triggers(connection) == set()
