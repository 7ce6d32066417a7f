"""Fixtures of the security tests (the suite-wide log scan is sus/pytest_plugin.py)."""

import logging

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def security_events(caplog):
    """The names of the security events logged during the test, in order."""
    caplog.set_level(logging.INFO, logger="sus.security")

    def names() -> list[str]:
        return [r.event for r in caplog.records if r.name == "sus.security"]

    return names


@pytest.fixture
def security_records(caplog):
    caplog.set_level(logging.INFO, logger="sus.security")
    return lambda: [r for r in caplog.records if r.name == "sus.security"]


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


@pytest.fixture
def password():
    return "en-lång-lösenfras-2026"


@pytest.fixture
def login(password):
    """Log in through the login page (throttling, events and timeouts as in real use)."""

    def do(client: Client, user, *, next_url: str = ""):
        user.set_password(password)
        user.save()
        data = {"username": user.username, "password": password}
        if next_url:
            data["next"] = next_url
        return client.post("/logga-in/", data, REMOTE_ADDR="10.0.0.1")

    return do
