"""Sessions (ASVS V7.3, V7.4): 30 minutes without a request or 12 hours after the login end
the session on the server; deactivating a user or ending its last uppdrag ends its sessions."""

import datetime

import pytest
from django.db import transaction

from offices.models import Role, Uppdrag
from offices.services import uppdrag_end
from sus.models import Session
from tests.factories import FkOfficeFactory, grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

MINUTES = datetime.timedelta(minutes=1)


def logged_in(client) -> bool:
    response = client.get("/")
    return response.status_code == 200


def test_thirty_minutes_of_activity_keep_the_session(client, login, fk_caseworker, time_machine):
    login(client, fk_caseworker)
    for _ in range(6):
        time_machine.shift(29 * MINUTES)
        assert logged_in(client)


def test_thirty_one_idle_minutes_end_the_session(client, login, fk_caseworker, time_machine):
    login(client, fk_caseworker)
    time_machine.shift(31 * MINUTES)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/logga-in/")
    assert "Du har loggats ut eftersom du inte har varit aktiv." in response.content.decode()
    time_machine.shift(-31 * MINUTES)  # the browser's cookie is of no use any more
    assert not logged_in(client)


def test_twelve_hours_end_even_an_active_session(client, login, fk_caseworker, time_machine):
    login(client, fk_caseworker)
    for _ in range(24):  # 11 h 36 min, each request within the idle timeout
        time_machine.shift(29 * MINUTES)
        assert logged_in(client)
    time_machine.shift(25 * MINUTES)  # 12 h 1 min after the login
    assert not logged_in(client)


def test_the_idle_timeout_is_a_setting(client, login, fk_caseworker, time_machine, settings):
    settings.SUS_SESSION_IDLE_SECONDS = 5 * 60
    login(client, fk_caseworker)
    time_machine.shift(6 * MINUTES)
    assert not logged_in(client)


def test_deactivating_a_user_ends_its_sessions(
    client, login, fk_caseworker, django_capture_on_commit_callbacks
):
    login(client, fk_caseworker)
    with django_capture_on_commit_callbacks(execute=True):  # once the change is committed
        fk_caseworker.is_active = False
        fk_caseworker.save()
    assert not logged_in(client)
    assert Session.objects.count() == 0


def test_ending_the_last_uppdrag_ends_the_sessions(
    client, login, fk_caseworker, superuser, django_capture_on_commit_callbacks
):
    login(client, fk_caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        uppdrag_end(uppdrag=Uppdrag.objects.get(user=fk_caseworker), actor=superuser)
    assert not logged_in(client)


def test_an_ending_that_is_rolled_back_logs_nobody_out(
    client, login, fk_caseworker, superuser, django_capture_on_commit_callbacks
):
    login(client, fk_caseworker)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        uppdrag_end(uppdrag=Uppdrag.objects.get(user=fk_caseworker), actor=superuser)
        raise RuntimeError("the surrounding change failed")
    assert callbacks == []
    assert logged_in(client)


def test_ending_one_of_two_uppdrag_keeps_the_session(client, login, fk_caseworker, superuser):
    grant(fk_caseworker, Role.DELTAGARANSVARIG, FkOfficeFactory(name="Andraköping"))
    login(client, fk_caseworker)
    first = Uppdrag.objects.filter(user=fk_caseworker).order_by("pk").first()
    uppdrag_end(uppdrag=first, actor=superuser)
    assert logged_in(client)


def test_other_users_sessions_stay(
    client, login, fk_caseworker, other_caseworker, django_capture_on_commit_callbacks
):
    login(client, other_caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        fk_caseworker.is_active = False
        fk_caseworker.save()
    assert logged_in(client)
