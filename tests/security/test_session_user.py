"""The session names its user (sus.sessions): a request reads both in one query, and the user
so read is checked as a separately read one would be (active, password unchanged, the
backend's own rules). Ending a user's sessions finds them by that column."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offices.models import User
from offices.sessions import user_sessions_end
from sus.models import Session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def logged_in(client) -> bool:
    return client.get("/").status_code == 200


def test_the_login_writes_the_user_into_the_session_row(client, login, fk_caseworker):
    login(client, fk_caseworker)
    session = Session.objects.get()
    assert session.user == fk_caseworker
    assert session.get_decoded()[SESSION_KEY] == str(fk_caseworker.pk)


def test_a_request_reads_its_session_and_user_in_one_query(client, login, fk_caseworker):
    login(client, fk_caseworker)
    with CaptureQueriesContext(connection) as queries:
        assert logged_in(client)
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    session_reads = [sql for sql in reads if "sus_session" in sql]
    assert len(session_reads) == 1
    assert "JOIN" in session_reads[0] and "offices_user" in session_reads[0]
    assert not [sql for sql in reads if sql.startswith('SELECT "offices_user"')]


def test_a_user_deactivated_without_its_signal_is_logged_out(client, login, fk_caseworker):
    login(client, fk_caseworker)
    User.objects.filter(pk=fk_caseworker.pk).update(is_active=False)  # no post_save
    assert Session.objects.filter(user=fk_caseworker).exists()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def test_a_changed_password_ends_the_session_read_with_its_user(
    client, login, fk_caseworker, password
):
    login(client, fk_caseworker)
    fk_caseworker.set_password(password + "-ny")
    User.objects.filter(pk=fk_caseworker.pk).update(password=fk_caseworker.password)
    assert not logged_in(client)
    assert not Session.objects.filter(user=fk_caseworker).exists()  # flushed by Django's check


def test_a_session_whose_data_names_another_user_is_not_given_the_columns_user(
    client, login, fk_caseworker, af_caseworker
):
    """The column and the data are written together; were they ever apart, the data's user
    is the one read (and checked), never the row joined through the column."""
    login(client, fk_caseworker)
    Session.objects.update(user=af_caseworker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user == fk_caseworker
    assert [q for q in queries.captured_queries if q["sql"].startswith('SELECT "offices_user"')]


def test_a_users_sessions_are_ended_by_its_column(client, login, fk_caseworker, af_caseworker):
    other = type(client)()
    login(client, fk_caseworker)
    login(other, af_caseworker)
    assert user_sessions_end(user=fk_caseworker) == 1
    assert not logged_in(client)
    assert logged_in(other)


def test_deleting_a_user_deletes_its_sessions(client, login, fk_caseworker):
    login(client, fk_caseworker)
    user = User.objects.create_user("tillfallig", password="x")
    Session.objects.create(
        session_key="t" * 32,
        session_data="",
        expire_date=Session.objects.get().expire_date,
        user=user,
    )
    user.delete()
    assert list(Session.objects.values_list("user", flat=True)) == [fk_caseworker.pk]


def test_logging_out_deletes_the_row(client, login, fk_caseworker):
    login(client, fk_caseworker)
    client.post("/logga-ut/")
    assert not Session.objects.exists()
