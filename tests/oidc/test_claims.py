"""The mapping of the provider's claims to a SUS user (sus/oidc.py), and the settings read from
the environment (sus/config.py)."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from sus import config
from sus.models import SignInIdentity
from sus.oidc import (
    SignInRefused,
    meets_assurance,
    profile_from_claims,
    subject_of,
    user_for_claims,
)


def test_the_subject_is_the_configured_claim_as_text(settings):
    assert subject_of({"sub": " idp-1 "}) == "idp-1"
    settings.SUS_OIDC_SUBJECT_CLAIM = "employee_number"
    assert subject_of({"sub": "idp-1", "employee_number": 40123}) == "40123"
    assert subject_of({"sub": "idp-1"}) == ""
    assert subject_of({"employee_number": True}) == ""
    assert subject_of({"employee_number": ["40123"]}) == ""


def test_assurance_is_one_of_the_accepted_methods(settings):
    settings.SUS_OIDC_ACR_VALUES = ["urn:fk:card", "urn:se:bankid"]
    assert meets_assurance({"acr": "urn:se:bankid"})
    assert not meets_assurance({"acr": "urn:fk:password"})
    assert not meets_assurance({})
    settings.SUS_OIDC_ACR_VALUES = []
    assert meets_assurance({})


def test_the_profile_takes_only_values_that_fit(settings):
    claims = {
        "given_name": " Frida ",
        "family_name": "K" * 151,
        "email": "inte en adress",
    }
    assert profile_from_claims(claims) == {"first_name": "Frida"}
    assert profile_from_claims({"given_name": "", "email": "frida@fk.test"}) == {
        "email": "frida@fk.test"
    }
    settings.SUS_OIDC_PROFILE_CLAIMS = {"first_name": "", "last_name": "sn", "email": ""}
    assert profile_from_claims({"given_name": "Frida", "sn": "Kvist"}) == {"last_name": "Kvist"}


@pytest.mark.django_db
def test_only_a_linked_active_user_is_found(fk_caseworker, af_caseworker):
    SignInIdentity.objects.create(user=fk_caseworker, subject="idp-frida")
    SignInIdentity.objects.create(user=af_caseworker, subject=None, break_glass=True)
    assert user_for_claims({"sub": "idp-frida"}) == fk_caseworker
    for claims in ({"sub": "idp-other"}, {"sub": ""}, {}):
        with pytest.raises(SignInRefused) as refusal:
            user_for_claims(claims)
        assert refusal.value.reason == "no_access"
    fk_caseworker.is_active = False
    fk_caseworker.save()
    with pytest.raises(SignInRefused):
        user_for_claims({"sub": "idp-frida"})


def env_of(monkeypatch, **values):
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return environ.Env()


def test_the_provider_is_off_without_an_issuer(monkeypatch):
    monkeypatch.delenv("SUS_OIDC_ISSUER", raising=False)
    assert config.oidc(environ.Env(), debug=False)["issuer"] == ""


def test_a_configured_provider(monkeypatch):
    env = env_of(
        monkeypatch,
        SUS_OIDC_ISSUER="https://idp.fk.example/realms/sus",
        SUS_OIDC_CLIENT_ID="sus",
        SUS_OIDC_CLIENT_SECRET="secret",
        SUS_OIDC_ACR_VALUES="urn:fk:card,urn:se:bankid",
    )
    values = config.oidc(env, debug=False)
    assert values["discovery_url"] == (
        "https://idp.fk.example/realms/sus/.well-known/openid-configuration"
    )
    assert values["acr_values"] == ["urn:fk:card", "urn:se:bankid"]
    assert values["scopes"] == "openid profile email"
    assert config.origin(values["issuer"]) == "https://idp.fk.example"


@pytest.mark.parametrize(
    ("variables", "problem"),
    [
        ({"SUS_OIDC_CLIENT_SECRET": ""}, "SUS_OIDC_CLIENT_SECRET"),
        ({"SUS_OIDC_LEEWAY": "3600"}, "SUS_OIDC_LEEWAY"),
        ({"SUS_OIDC_SCOPES": "profile,email"}, "openid"),
        ({"SUS_OIDC_SIGN_ALGO": "HS256"}, "RS… eller ES…"),
        ({"SUS_OIDC_ISSUER": "http://idp.fk.example"}, "https://"),
    ],
)
def test_a_half_configured_provider_stops_the_start(monkeypatch, variables, problem):
    base = {
        "SUS_OIDC_ISSUER": "https://idp.fk.example",
        "SUS_OIDC_CLIENT_ID": "sus",
        "SUS_OIDC_CLIENT_SECRET": "secret",
    }
    env = env_of(monkeypatch, **{**base, **variables})
    with pytest.raises(ImproperlyConfigured, match=problem):
        config.oidc(env, debug=False)
