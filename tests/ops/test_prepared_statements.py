"""On PostgreSQL a statement a connection repeats is prepared and planned once
(`DATABASE_SERVER_SIDE_BINDING`, sus.config): the participant lookup joins six tables and took
longer to plan than to run. (The append-only logs and the retention job's way past them are
tested with the same setting in tests/security/test_append_only.py.)"""

import pytest
from django.db import connection

from tests.builders import d, start
from transitions.access import get_participation_for_user

pytestmark = pytest.mark.django_db


def prepared(fragment: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall() if fragment in row[0]]


def test_the_participant_lookup_is_prepared_after_five_runs(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1))
    if connection.vendor != "postgresql":  # SQLite's driver has no such option
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        assert get_participation_for_user(fk_caseworker, participation.public_id) == participation
        return
    lookup = '"transitions_participation"."public_id" = $'
    for _ in range(5):
        get_participation_for_user(fk_caseworker, participation.public_id)
    assert prepared(lookup) == []
    for _ in range(2):
        found = get_participation_for_user(fk_caseworker, participation.public_id)
    assert found == participation
    assert len(prepared(lookup)) == 1
