"""Sealed session values (for the searched personnummer): unreadable without SECRET_KEY, bound
to a purpose, and short-lived."""

import datetime

from sus.sealed import seal, unseal


def test_a_sealed_value_opens_with_the_same_purpose():
    token = seal("198503129804", purpose="search")
    assert "198503129804" not in token
    assert unseal(token, purpose="search", max_age=900) == "198503129804"


def test_another_purpose_or_a_forged_token_opens_nothing():
    token = seal("198503129804", purpose="search")
    assert unseal(token, purpose="other", max_age=900) is None
    assert unseal(token[:-2] + "xx", purpose="search", max_age=900) is None


def test_another_secret_key_opens_nothing(settings):
    token = seal("198503129804", purpose="search")
    settings.SECRET_KEY = "another-secret-key"
    assert unseal(token, purpose="search", max_age=900) is None


def test_an_old_token_opens_nothing(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC))
    token = seal("198503129804", purpose="search")
    time_machine.shift(datetime.timedelta(minutes=16))
    assert unseal(token, purpose="search", max_age=15 * 60) is None
