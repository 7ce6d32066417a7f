"""Login throttling (ASVS V6.3, django-axes): five failures for one username from one address
lock that pair for 15 minutes, then it unlocks by itself. A wrong password, an unknown username
and a locked-out login look the same: page, message, status — and each computes one password
hash, so their timing does not tell them apart."""

import datetime

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Fel användarnamn eller lösenord."
ADDRESS = "10.0.0.1"


def attempt(client, username, password, address=ADDRESS):
    return client.post(
        "/logga-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def user(password):
    user = UserFactory(username="fk-test")
    user.set_password(password)
    user.save()
    return user


def test_the_right_password_logs_in(client, user, password):
    response = attempt(client, user.username, password)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_five_failures_lock_out_even_the_right_password(client, user, password, today):
    for _ in range(5):
        assert attempt(client, user.username, "fel-lösenord-igen").status_code == 200
    response = attempt(client, user.username, password)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, user, password, today):
    for _ in range(4):
        attempt(client, user.username, "fel-lösenord-igen")
    assert attempt(client, user.username, password).status_code == 302


def test_the_lock_ends_by_itself_after_15_minutes(client, user, password, time_machine, today):
    for _ in range(5):
        attempt(client, user.username, "fel-lösenord-igen")
    time_machine.shift(datetime.timedelta(minutes=14))
    assert attempt(client, user.username, password).status_code == 200
    time_machine.shift(datetime.timedelta(minutes=2))
    assert attempt(client, user.username, password).status_code == 302


def test_the_lock_is_per_username_and_address(client, user, password, today):
    for _ in range(5):
        attempt(client, user.username, "fel-lösenord-igen")
    # The same user from another address is not locked out (an attacker cannot lock everyone).
    assert attempt(client, user.username, password, address="10.0.0.2").status_code == 302


def test_wrong_password_unknown_user_and_lockout_give_the_same_answer(client, user, today):
    wrong = attempt(client, user.username, "fel-lösenord-igen")
    unknown = attempt(client, "finns-inte", "fel-lösenord-igen")
    for _ in range(4):
        attempt(client, user.username, "fel-lösenord-igen")
    locked = attempt(client, user.username, "fel-lösenord-igen")
    pages = [wrong, unknown, locked]
    assert {r.status_code for r in pages} == {200}
    assert all(MESSAGE in r.content.decode() for r in pages)
    assert len({r.content.decode().count("alert") for r in pages}) == 1


class CountingHasher(MD5PasswordHasher):
    """The suite's fast hasher, counting how often a password is hashed."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@override_settings(PASSWORD_HASHERS=["tests.security.test_login_throttling.CountingHasher"])
def test_every_failed_login_hashes_a_password_once(client, today):
    user = UserFactory(username="fk-test")
    user.set_password("ett-riktigt-lösenord")
    user.save()

    def hashes(username):
        CountingHasher.calls = 0
        attempt(client, username, "fel-lösenord-igen")
        return CountingHasher.calls

    assert hashes(user.username) == 1  # wrong password
    assert hashes("finns-inte") == 1  # unknown user (Django's own dummy hash)
    for _ in range(4):
        attempt(client, user.username, "fel-lösenord-igen")
    assert hashes(user.username) == 1  # locked out: sus.auth.ThrottlingBackend


def test_admin_login_is_the_throttled_login_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/?next=/admin/")
