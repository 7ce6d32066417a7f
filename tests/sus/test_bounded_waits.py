"""Bounded waits: a participant row locked elsewhere gives a clear Swedish page with 409 within
seconds, a database that cannot be reached a 503, never a 500 or a hang; after every
connection was dropped the next request succeeds. On PostgreSQL and SQLite alike."""

import sqlite3
import time

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from tests.builders import d, start
from tests.conftest import load_migration_data
from tests.screens import hidden_fields, text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("today")]

BUSY = (
    "Deltagaren uppdateras just nu av någon annan. Försök igen om en stund. Ingenting har sparats."
)
DOWN = "SUS kan inte nå sin databas just nu. Försök igen om en stund. Ingenting har sparats."


@pytest.fixture(autouse=True)
def reference_data(transactional_db, migration_data_restored):
    load_migration_data()


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))


def other_connection():
    """A second database connection, as another worker's would be."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        return psycopg.connect(
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            dbname=settings["NAME"],
        )
    return sqlite3.connect(settings["NAME"], isolation_level=None)


def test_a_participant_locked_elsewhere_gives_the_busy_page_within_seconds(
    client, fk_caseworker, participation
):
    url = reverse("transitions:participation", args=[participation.public_id])
    client.force_login(fk_caseworker)
    page = client.get(url)
    client.raise_request_exception = False
    if connection.vendor == "sqlite":
        # The test's own connection waits this long for the other writer (default 10 s).
        connection.close()
        connection.settings_dict["OPTIONS"]["timeout"] = 1
    holder = other_connection()
    try:
        if connection.vendor == "postgresql":
            holder.execute(
                "SELECT 1 FROM transitions_participation WHERE id = %s FOR UPDATE",
                [participation.pk],
            )
        else:
            holder.execute("BEGIN IMMEDIATE")
        began = time.monotonic()
        response = client.post(url, {**hidden_fields(page), "to_type": "GK", "date": "2026-11-20"})
        waited = time.monotonic() - began
    finally:
        holder.rollback() if connection.vendor == "postgresql" else holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 409
    assert BUSY in text(response)
    assert waited < 3
    assert participation.transitions.count() == 1


def test_a_database_out_of_reach_gives_503_within_seconds(client, fk_caseworker, settings):
    client.force_login(fk_caseworker)
    client.raise_request_exception = False
    saved = dict(connection.settings_dict)
    connection.close()
    pool = getattr(connection, "pool", None)
    if pool is not None:
        connection.close_pool()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "9"  # nothing listens there
    else:
        connection.settings_dict["NAME"] = "/nonexistent-folder/sus.sqlite3"
    try:
        began = time.monotonic()
        response = client.get(reverse("transitions:register"))
        waited = time.monotonic() - began
    finally:
        connection.close()
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert DOWN in text(response)
    assert waited < 10


def test_after_every_connection_was_dropped_the_next_request_succeeds(client, fk_caseworker):
    client.force_login(fk_caseworker)
    assert client.get(reverse("transitions:register")).status_code == 200
    if connection.vendor == "postgresql":
        killer = other_connection()
        killer.autocommit = True
        killer.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
        killer.close()
    else:
        connection.close()
    client.raise_request_exception = False
    responses = []
    for _ in range(3):
        # What every request starts with in production (the test client leaves it out): a
        # connection that is no longer usable is closed (CONN_HEALTH_CHECKS) and replaced.
        close_old_connections()
        responses.append(client.get(reverse("transitions:register")).status_code)
    assert responses == [200, 200, 200]
