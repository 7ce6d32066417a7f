"""Passwords (ASVS V6.2): at least 12 characters, no common password, nothing like the user's
own names, no composition rules; "Byt lösenord" for one's own password."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="frida.kvist", first_name="Frida", last_name="Kvist")


@pytest.mark.parametrize(
    "password",
    ["kort-fras-1", "password1234", "frida.kvist1", "Kvist.Frida!", "Arbetsförmedlingen-2026"],
    ids=["11 characters", "common", "the username", "the name", "a word of the context"],
)
def test_refuses_short_common_and_personal_passwords(user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.parametrize(
    "password",
    ["sus-demo-2026", "hästar äter hö", "839201746512", "abcdefghijkq"],
    ids=["the demo password", "a phrase", "only digits", "only lower case"],
)
def test_accepts_twelve_characters_of_any_kind(user, password):
    validate_password(password, user)


def test_a_user_changes_its_own_password(client, login, user, password):
    login(client, user)
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": password,
            "new_password1": "ett helt nytt lösenord",
            "new_password2": "ett helt nytt lösenord",
        },
        follow=True,
    )
    assert "Ditt lösenord är bytt." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("ett helt nytt lösenord")
    assert "_auth_user_id" in client.session  # this session goes on
    assert "messages" not in client.cookies  # messages live in the session: no third cookie


def test_a_wrong_old_password_changes_nothing(client, login, user, password):
    login(client, user)
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": "fel",
            "new_password1": "ett helt nytt lösenord",
            "new_password2": "ett helt nytt lösenord",
        },
    )
    assert response.status_code == 200
    assert "Ditt gamla lösenord var felaktigt ifyllt" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(password)


def test_a_too_short_new_password_is_refused_in_swedish(client, login, user, password):
    login(client, user)
    response = client.post(
        "/konto/losenord/",
        {"old_password": password, "new_password1": "kort-fras", "new_password2": "kort-fras"},
    )
    assert "minst 12 tecken" in response.content.decode()
