"""Fixtures of the security tests, and the scan of the whole run's log records for personnummer.

Loaded with this folder, the scan sees every log record of the run from then on (pytest loads
the conftest files before any test runs): at the end, a personnummer in any record's message or
structured fields fails the run, with the records named.
"""

import logging

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.logscan import PersonnummerScanHandler

SCAN = PersonnummerScanHandler()


def pytest_configure(config):
    logging.getLogger().addHandler(SCAN)


def pytest_sessionfinish(session, exitstatus):
    logging.getLogger().removeHandler(SCAN)
    if SCAN.hits:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = "\n".join(f"  {hit}" for hit in SCAN.hits[:20])
        message = f"Personnummer in {len(SCAN.hits)} log record(s):\n{lines}"
        if reporter:
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
