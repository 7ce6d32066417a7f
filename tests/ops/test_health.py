"""/healthz and /readyz as a load balancer or monitor sees them: no login, fixed bodies with no
personal data, /healthz without the database, /readyz with one query that also reads the
migration state."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder

from audit.models import AccessLog
from sus import health

OK = {"status": "ok"}


def test_healthz_answers_without_login_and_without_the_database(client):
    # No db fixture: any database access in this test would fail it.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == OK
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_one_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == OK


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_not_applied(client):
    app, name = sorted(health._latest_migrations())[0]  # the last migration of one app
    MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "migrations_pending": 1}


@pytest.mark.django_db
def test_readyz_is_unavailable_without_the_database_and_tells_no_detail(client):
    down = OperationalError('connection to server at "db.internal" failed')
    with mock.patch.object(connection, "ensure_connection", side_effect=down):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}


@pytest.mark.django_db
def test_probes_write_neither_the_access_log_nor_a_request_line(client, fk_caseworker, caplog):
    """The access log is written by explicit calls in the views that show personal data; the
    probes are plain views that never make them. Nor do they log a request line each time a
    load balancer asks (every few seconds), while any other page does."""
    client.force_login(fk_caseworker)
    with caplog.at_level("INFO", logger="sus.request"):
        for _ in range(3):
            assert client.get("/healthz").status_code == 200
            assert client.get("/readyz").status_code == 200
        assert AccessLog.objects.count() == 0
        assert [r for r in caplog.records if r.name == "sus.request"] == []
        client.get("/logga-in/")
    assert [r.route for r in caplog.records if r.name == "sus.request"] == ["login"]


def test_probes_answer_head_and_refuse_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
