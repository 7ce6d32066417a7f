"""Every database trigger the apps create exists once `migrate` has run: SQLite drops a table's
triggers when a migration rebuilds the table (as adding a required column does), and a trigger
lost there would let a report serve a stale stored part, or a revoked role stay in force."""

import re

import pytest
from django.core.management import call_command
from django.db import connection

from offices import triggers as access_triggers
from reports import triggers as change_triggers

pytestmark = pytest.mark.django_db

CREATED = re.compile(r"CREATE TRIGGER (\w+)")


def created_names() -> set[str]:
    statements = [
        *change_triggers.statements(connection.vendor),
        *access_triggers._statements(connection.vendor),
    ]
    return {name for sql in statements for name in CREATED.findall(sql)}


def installed_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_every_trigger_exists_after_the_migrations():
    assert len(created_names()) > 20
    assert created_names() - installed_names() == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite rebuilds tables")
def test_a_rebuilt_participation_table_gets_its_triggers_back_at_the_next_migrate():
    with connection.cursor() as cursor:
        for name in sorted(created_names()):
            if "transitions_participation" in name:
                cursor.execute(f"DROP TRIGGER {name}")  # as a table rebuild does
    assert created_names() - installed_names()
    call_command("migrate", verbosity=0)
    assert created_names() - installed_names() == set()
