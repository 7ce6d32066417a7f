"""Reports read from the replica when one is configured; everything else, and every write,
uses the primary. The replica here is Django's test mirror of the test database (TEST MIRROR),
so it is a second connection to the same data, as a streaming replica would be."""

import datetime
import re

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sus.models import Session
from sus.routers import reports_database
from tests.builders import d, start, walk

PERIOD = {"start": "2026-01-01", "end": "2026-10-31"}
REPORTS = [
    ("reports:standard", PERIOD),
    ("reports:participants", {**PERIOD, "report_type": "LEDTIDER"}),
]
WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b", re.I)
pytestmark = pytest.mark.usefixtures("reference_data")
both_databases = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def with_replica(settings):
    settings.SUS_REPORTS_DATABASE = "replica"
    yield
    replica = connections["replica"]
    replica.close()
    if hasattr(replica, "close_pool"):
        replica.close_pool()  # PostgreSQL: let the test database be dropped at the end


@pytest.fixture
def history(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 2, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 3, 2))])
    return participation


def queries(client, url, params):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url, params)
    assert response.status_code == 200
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


@both_databases
@pytest.mark.parametrize(("url_name", "params"), REPORTS)
def test_report_queries_go_to_the_replica_and_the_access_check_to_the_primary(
    client, reader, history, with_replica, url_name, params
):
    client.force_login(reader)
    response, primary, replica = queries(client, reverse(url_name), params)
    assert "<table" in response.content.decode()
    assert any("transitions_transition" in sql for sql in replica)
    assert not any(WRITE.match(sql) for sql in replica)
    assert not any("transitions_transition" in sql for sql in primary)
    assert any("sus_session" in sql for sql in primary)  # the login, before the report


@both_databases
def test_without_a_replica_reports_read_the_primary(client, reader, history):
    client.force_login(reader)
    _, primary, replica = queries(client, reverse("reports:standard"), PERIOD)
    assert replica == []
    assert any("transitions_transition" in sql for sql in primary)


@both_databases
def test_pages_outside_the_reports_never_read_the_replica(
    client, fk_caseworker, history, with_replica
):
    client.force_login(fk_caseworker)
    url = reverse("transitions:participation", args=[history.public_id])
    _, primary, replica = queries(client, url, {})
    assert replica == []
    assert primary


@both_databases
def test_a_write_inside_a_report_goes_to_the_primary(with_replica):
    expires = timezone.now() + datetime.timedelta(hours=1)
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
        reports_database(),
    ):
        Session.objects.create(session_key="k" * 32, session_data="", expire_date=expires)
        assert Session.objects.filter(session_key="k" * 32).exists()
    assert [q["sql"].split()[0] for q in primary] == ["INSERT"]
    assert [q["sql"].split()[0] for q in replica] == ["SELECT"]
