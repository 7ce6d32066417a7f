"""A request reads the user's roles and uppdrag only when they changed since the process last
read them: database triggers renew the user's access stamp at every change of a role, an
uppdrag or one of their offices, whatever writes it (offices/triggers.py), and the reading is
kept under that stamp and the day (offices.selectors.Acting). A change counts on the next
request. Today is 2026-11-23."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offices.choices import Role
from offices.models import RoleGrant, Uppdrag, User
from offices.selectors import Acting, forget_readings
from tests.builders import d
from tests.factories import FkOfficeFactory, grant
from tests.screens import assert_refused, started, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

ACCESS_TABLES = ("offices_rolegrant", "offices_uppdrag")


@pytest.fixture(autouse=True)
def _no_kept_readings():
    forget_readings()
    yield
    forget_readings()


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))


def page(participation) -> str:
    return reverse("transitions:participation", args=[participation.public_id])


def statements(client, url) -> tuple[list[str], object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return [query["sql"] for query in captured], response


def reads_access(sql: list[str]) -> bool:
    return any(table in statement for statement in sql for table in ACCESS_TABLES)


def test_a_second_request_reads_neither_roles_nor_uppdrag(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    first, response = statements(client, page(participation))
    assert response.status_code == 200
    assert reads_access(first)

    second, response = statements(client, page(participation))

    assert response.status_code == 200
    assert not reads_access(second)
    assert len(second) == len(first) - 2


@pytest.mark.parametrize("how", ["orm", "sql"])
def test_a_role_ended_between_requests_refuses_the_next_request(
    client, fk_caseworker, participation, how
):
    client.force_login(fk_caseworker)
    assert client.get(page(participation)).status_code == 200
    yesterday = datetime.date(2026, 11, 22)
    if how == "orm":
        RoleGrant.objects.filter(user=fk_caseworker).update(valid_to=yesterday)
    else:  # a change outside Django (a shell, a script): the trigger still renews the stamp
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE offices_rolegrant SET valid_to = %s WHERE user_id = %s",
                [yesterday, fk_caseworker.pk],
            )

    response = client.get(page(participation))

    assert response.status_code == 403
    assert "Registrera medverkan" not in text(response).split("<main", 1)[1]


def test_an_uppdrag_deleted_between_requests_refuses_the_next_request(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    assert client.get(page(participation)).status_code == 200
    Uppdrag.objects.filter(user=fk_caseworker).delete()

    assert_refused(client.get(page(participation)), participation)


def test_an_uppdrag_given_between_requests_counts_on_the_next_request(
    client, other_caseworker, participation, fk_office
):
    client.force_login(other_caseworker)
    assert_refused(client.get(page(participation)), participation)
    Uppdrag.objects.create(
        user=other_caseworker,
        role=Role.DELTAGARANSVARIG,
        office=fk_office,
        valid_from=datetime.date(2026, 1, 1),
    )

    assert client.get(page(participation)).status_code == 200


def test_an_office_renamed_between_requests_shows_its_new_name(
    client, fk_caseworker, participation, fk_office
):
    client.force_login(fk_caseworker)
    assert fk_office.name in text(client.get(reverse("home")))
    fk_office.name = "Omdöpta kontoret"
    fk_office.save()

    assert "Omdöpta kontoret" in text(client.get(reverse("home")))


def test_another_users_change_leaves_the_reading_kept(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    client.get(page(participation))
    grant(User.objects.create(username="annan"), Role.DELTAGARANSVARIG, FkOfficeFactory())

    sql, response = statements(client, page(participation))

    assert response.status_code == 200
    assert not reads_access(sql)


def test_the_next_day_reads_again(client, fk_caseworker, participation, time_machine):
    client.force_login(fk_caseworker)
    RoleGrant.objects.filter(user=fk_caseworker).update(valid_to=datetime.date(2026, 11, 23))
    assert client.get(page(participation)).status_code == 200
    assert not reads_access(statements(client, page(participation))[0])

    time_machine.move_to(datetime.datetime(2026, 11, 24, 12, 0))
    client.force_login(fk_caseworker)  # the session's idle limit has passed meanwhile
    sql, response = statements(client, page(participation))

    assert reads_access(sql)
    assert response.status_code == 403


def test_a_user_object_read_before_a_change_is_not_answered_from_the_kept_reading(
    client, fk_caseworker, participation
):
    """A service given a user object read earlier (a shell, a command) reads the roles again:
    only a request's own, freshly read user uses the kept reading."""
    client.force_login(fk_caseworker)
    assert client.get(page(participation)).status_code == 200  # a reading is kept
    stale = User.objects.get(pk=fk_caseworker.pk)
    RoleGrant.objects.filter(user=fk_caseworker).update(valid_to=datetime.date(2026, 11, 22))

    assert Acting(user=stale).roles == frozenset()
    assert Acting(user=stale, kept=True).roles == {Role.DELTAGARANSVARIG}  # what kept would do
