"""Fixtures of the sign-in tests: a real OpenID Connect provider on 127.0.0.1 (provider.py) and
SUS pointed at it, as a deployment's SUS_OIDC_* settings would."""

import pytest
import requests
from django.test import Client

from sus import oidc
from sus.models import SignInIdentity
from tests.oidc.provider import Provider
from tests.security.conftest import security_events, security_records  # noqa: F401

CLIENT_ID = "sus-test"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"
CALLBACK = "http://testserver/logga-in/identitetsleverantor/klar/"
TWO_FACTOR = "urn:sus:test:2fa"
PASSWORD_ONLY = "urn:sus:test:password"


@pytest.fixture(scope="module")
def provider():
    provider = Provider().start()
    provider.register(CLIENT_ID, CLIENT_SECRET, [CALLBACK])
    yield provider
    provider.stop()


@pytest.fixture
def oidc_on(settings, provider):
    """SUS with the sign-in through the test provider on, two-factor methods only."""
    settings.SUS_OIDC_ENABLED = True
    settings.SUS_OIDC_ISSUER = provider.issuer
    settings.SUS_OIDC_DISCOVERY_URL = f"{provider.issuer}/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.SUS_OIDC_ACR_VALUES = [TWO_FACTOR]
    oidc._metadata.clear()
    provider.seen.clear()
    provider.end_sessions.clear()
    provider.spoil()
    provider.next_person = None
    yield provider
    oidc._metadata.clear()


@pytest.fixture
def linked_caseworker(fk_caseworker):
    """The FK caseworker, linked by an administrator to the provider's id "idp-frida"."""
    SignInIdentity.objects.create(user=fk_caseworker, subject="idp-frida")
    return fk_caseworker


def sign_in(client: Client, provider, *, next_url: str = ""):
    """The browser's way through a sign-in: SUS's start page redirects to the provider, which
    (the person logged in) redirects back to SUS's callback. Returns (callback URL, response)."""
    start_url = "/logga-in/identitetsleverantor/" + (f"?next={next_url}" if next_url else "")
    start = client.get(start_url)
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    callback = at_provider.headers["Location"]
    assert callback.startswith(CALLBACK)
    return callback, client.get(callback)
