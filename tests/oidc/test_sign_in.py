"""Sign-in through the identity provider, end to end against a real OpenID Connect provider on
127.0.0.1 (tests/oidc/provider.py): the authorization code flow with PKCE, state and nonce, the
ID token checked (signature, issuer, audience, times, acr), and the subject mapped to a user an
administrator linked. Every refusal is a Swedish page and a security event; nobody is created."""

import datetime
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from offices.models import User
from tests.oidc.conftest import CLIENT_ID, PASSWORD_ONLY, sign_in

pytestmark = pytest.mark.django_db

HOME = "/"
LOGIN = "/logga-in/"


def signed_in_user(client: Client):
    return client.get(HOME).wsgi_request.user


def test_a_linked_user_signs_in_with_pkce_state_and_nonce(
    client, oidc_on, linked_caseworker, security_events
):
    oidc_on.login("idp-frida", given_name="Frida", family_name="Kvist", email="frida@fk.test")
    start = client.get("/logga-in/identitetsleverantor/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]
    assert query["acr_values"] == ["urn:sus:test:2fa"]
    assert query["state"] and query["nonce"] and query["code_challenge"]
    assert set(query["scope"][0].split()) == {"openid", "profile", "email"}

    _callback, response = sign_in(client, oidc_on)

    assert response.status_code == 302
    assert response["Location"] == HOME
    user = signed_in_user(client)
    assert user == linked_caseworker
    home = client.get(HOME).content.decode()
    assert "Att göra" in home
    assert "Byt lösenord" not in home  # the provider keeps the credentials
    assert "Logga ut" in home
    assert oidc_on.seen == [
        "GET /.well-known/openid-configuration",
        "GET /authorize",
        "POST /token",
        "GET /jwks",
        "GET /userinfo",
    ]
    assert "login.success" in security_events()
    assert "oidc.signed_in" in security_events()


def test_name_and_email_follow_the_provider(client, oidc_on, linked_caseworker):
    oidc_on.login("idp-frida", given_name="Frida", family_name="Kvist", email="frida@fk.test")
    sign_in(client, oidc_on)
    linked_caseworker.refresh_from_db()
    assert (linked_caseworker.first_name, linked_caseworker.last_name) == ("Frida", "Kvist")
    assert linked_caseworker.email == "frida@fk.test"


def refusal_of(response) -> str:
    return response.content.decode()


def test_an_unknown_subject_gets_no_access_and_no_account(
    client, oidc_on, linked_caseworker, security_records
):
    users = User.objects.count()
    oidc_on.login("idp-stranger", given_name="Okänd", family_name="Person")
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403
    assert "Du saknar behörighet till SUS" in refusal_of(response)
    assert not signed_in_user(client).is_authenticated
    assert User.objects.count() == users
    refused = [r for r in security_records() if r.event == "oidc.refused"]
    assert [r.reason for r in refused] == ["no_access"]
    assert "idp-stranger" not in str(refused[0].__dict__)  # only a keyed hash of the subject


def test_an_inactive_user_gets_no_access(client, oidc_on, linked_caseworker):
    linked_caseworker.is_active = False
    linked_caseworker.save()
    oidc_on.login("idp-frida")
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403
    assert "Du saknar behörighet till SUS" in refusal_of(response)


def test_a_sign_in_below_the_accepted_methods_is_refused(
    client, oidc_on, linked_caseworker, security_records
):
    oidc_on.login("idp-frida", acr=PASSWORD_ONLY)
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403
    assert "Inloggningsmetoden räcker inte för SUS" in refusal_of(response)
    assert "tjänstekort" in refusal_of(response)
    assert not signed_in_user(client).is_authenticated
    assert [r.reason for r in security_records() if r.event == "oidc.refused"] == ["assurance"]


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        ({"aud": "another-application"}, "for another client"),
        ({"iss": "http://127.0.0.1:9/other-issuer"}, "from another issuer"),
        ({"exp": "past"}, "expired"),
        ({"iat": "future"}, "issued in the future"),
        ({"nonce": "a-nonce-of-another-sign-in"}, "for another sign-in"),
        ({"signature": True}, "changed after signing"),
        ({"foreign_key": True}, "signed with a key not in the provider's JWKS"),
        ({"shared_secret": True}, "signed with HS256 and the client secret"),
    ],
)
def test_an_id_token_that_cannot_be_trusted_is_refused(
    client, oidc_on, linked_caseworker, security_records, spoil, why
):
    now = int(time.time())
    spoil = {**spoil}
    if spoil.get("exp") == "past":
        spoil.update(exp=now - 120, iat=now - 3600)  # beyond the 60 s of clock skew
    if spoil.get("iat") == "future":
        spoil.update(iat=now + 600, exp=now + 4200)
    oidc_on.login("idp-frida")
    oidc_on.spoil(**spoil)
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403, why
    assert "Inloggningen kunde inte kontrolleras" in refusal_of(response)
    assert not signed_in_user(client).is_authenticated
    assert [r.reason for r in security_records() if r.event == "oidc.refused"] == ["token"]


def test_a_clock_skew_within_the_bound_is_accepted(client, oidc_on, linked_caseworker):
    oidc_on.login("idp-frida")
    oidc_on.spoil(exp=int(time.time()) - 30)  # expired 30 s ago by the provider's clock
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 302
    assert signed_in_user(client) == linked_caseworker


def test_a_replayed_state_is_refused(client, oidc_on, linked_caseworker, security_records):
    oidc_on.login("idp-frida")
    callback, first = sign_in(client, oidc_on)
    assert first.status_code == 302
    client.post("/logga-ut/")

    again = client.get(callback)  # the same browser, the same answer once more
    assert again.status_code == 400
    assert "Inloggningen gick inte att slutföra" in refusal_of(again)
    assert not signed_in_user(client).is_authenticated

    stolen = Client().get(callback)  # another browser with the answer
    assert stolen.status_code == 400
    assert "Inloggningen gick inte att slutföra" in refusal_of(stolen)
    reasons = [r.reason for r in security_records() if r.event == "oidc.refused"]
    assert reasons == ["state", "state"]


def test_a_code_is_exchanged_once(client, oidc_on, linked_caseworker):
    """The provider refuses a second exchange of the code, even in a new sign-in's session."""
    oidc_on.login("idp-frida")
    callback, _first = sign_in(client, oidc_on)
    code = parse_qs(urlsplit(callback).query)["code"][0]
    other = Client()
    start = other.get("/logga-in/identitetsleverantor/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = other.get(f"/logga-in/identitetsleverantor/klar/?code={code}&state={state}")
    assert response.status_code == 403
    assert "Inloggningen kunde inte kontrolleras" in refusal_of(response)
    assert not signed_in_user(other).is_authenticated


def test_a_sign_in_cancelled_at_the_provider(client, oidc_on, linked_caseworker):
    # nobody logs in at the provider: it answers access_denied
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403
    assert "Inloggningen avbröts" in refusal_of(response)


def test_a_provider_out_of_reach_gets_a_clear_page(client, oidc_on, settings):
    settings.SUS_OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    response = client.get("/logga-in/identitetsleverantor/")
    assert response.status_code == 503
    assert "Identitetsleverantören svarar inte" in refusal_of(response)


def test_a_discovery_document_of_another_issuer_is_not_used(client, oidc_on, settings):
    settings.SUS_OIDC_ISSUER = "https://idp.example.se"
    response = client.get("/logga-in/identitetsleverantor/")
    assert response.status_code == 503
    assert oidc_on.seen == ["GET /.well-known/openid-configuration"]


def test_the_session_of_a_sign_in_has_the_limits_of_a_login(
    client, oidc_on, linked_caseworker, time_machine
):
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC), tick=True)
    oidc_on.login("idp-frida")
    sign_in(client, oidc_on)
    assert client.get(HOME).status_code == 200
    time_machine.shift(31 * 60)  # idle past SUS_SESSION_IDLE_SECONDS
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_logout_ends_the_session_and_then_the_providers(client, oidc_on, linked_caseworker):
    oidc_on.login("idp-frida")
    sign_in(client, oidc_on)
    response = client.post("/logga-ut/")
    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(f"{oidc_on.issuer}/logout?")
    params = parse_qs(urlsplit(end_session).query)
    assert params["post_logout_redirect_uri"] == ["http://testserver/logga-in/"]
    assert params["client_id"] == [CLIENT_ID]
    assert params["id_token_hint"]
    assert not signed_in_user(client).is_authenticated

    back = requests.get(end_session, allow_redirects=False, timeout=5)
    assert back.headers["Location"] == "http://testserver/logga-in/"
    assert oidc_on.end_sessions[0]["id_token_hint"] == params["id_token_hint"][0]


def test_the_sign_in_is_off_by_default(client, settings):
    assert settings.SUS_OIDC_ENABLED is False
    assert client.get("/logga-in/identitetsleverantor/").status_code == 404
    assert client.get("/logga-in/identitetsleverantor/klar/?code=x&state=y").status_code == 404
    assert "inloggningstjänsten" not in client.get(LOGIN).content.decode()


def test_the_sign_in_returns_to_the_page_asked_for_on_this_site_only(
    client, oidc_on, linked_caseworker
):
    oidc_on.login("idp-frida")
    _callback, response = sign_in(client, oidc_on, next_url="/rapporter/")
    assert response["Location"] == "/rapporter/"
    client.post("/logga-ut/")
    oidc_on.login("idp-frida")
    _callback, response = sign_in(client, oidc_on, next_url="https://elsewhere.example/")
    assert response["Location"] == HOME


def test_the_user_info_completes_the_profile_but_not_the_assurance(
    client, oidc_on, linked_caseworker
):
    oidc_on.login("idp-frida", userinfo={"email": "frida.kvist@fk.test"})
    sign_in(client, oidc_on)
    linked_caseworker.refresh_from_db()
    assert linked_caseworker.email == "frida.kvist@fk.test"
    client.post("/logga-ut/")

    oidc_on.login("idp-frida", acr=PASSWORD_ONLY, userinfo={"acr": "urn:sus:test:2fa"})
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403
    assert "Inloggningsmetoden räcker inte för SUS" in refusal_of(response)


def test_user_info_of_another_subject_is_refused(client, oidc_on, linked_caseworker):
    oidc_on.login("idp-frida", userinfo={"sub": "idp-someone-else"})
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 403
    assert "Inloggningen kunde inte kontrolleras" in refusal_of(response)
    assert not signed_in_user(client).is_authenticated


@pytest.mark.parametrize(
    "query",
    ["", "?code=x", "?state=y", "?code=x&state=never-started", "?error=access_denied"],
)
def test_a_callback_no_sign_in_started_gets_a_clear_page(client, oidc_on, query):
    response = client.get(f"/logga-in/identitetsleverantor/klar/{query}")
    assert response.status_code in (400, 403)
    assert "Till inloggningssidan" in refusal_of(response)
    assert oidc_on.seen == []  # nothing was sent to the provider
