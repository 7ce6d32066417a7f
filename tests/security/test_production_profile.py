"""The production profile (ASVS V3.4, V12): chosen by the environment, it passes Django's
deployment check with zero warnings — HTTPS redirect, HSTS for a year, Secure and HttpOnly
__Host- cookies with SameSite=Lax — and refuses to run without a chosen gallring period."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": "dummy-" + "k3y-for-the-deploy-check-only-" * 2,
    "ALLOWED_HOSTS": "sus.example.se",
    "DATABASE_URL": "postgres://sus@127.0.0.1:5432/sus_deploy_check",
    "SUS_RETENTION_YEARS": "3",
}


def run(code_or_args, **env_overrides) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("SUS_", "SECURE_"))}
    keep.pop("DEBUG", None)
    keep.pop("DATABASE_URL", None)
    env = {**keep, "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "sus.settings", **env_overrides}
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )


def setting(name: str, **env) -> str:
    result = run(f"from django.conf import settings; print(repr(settings.{name}))", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_deploy_check_finds_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_retention_period_is_refused():
    env = {k: v for k, v in PRODUCTION.items() if k != "SUS_RETENTION_YEARS"}
    result = run(["manage.py", "check", "--deploy"], **env)
    assert result.returncode != 0
    assert "sus.E002" in result.stderr


def test_production_with_debug_is_refused():
    result = run(
        ["manage.py", "check"], **{**PRODUCTION, "DEBUG": "true", "SUS_PROFILE": "production"}
    )
    assert result.returncode != 0
    assert "sus.E003" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SECURE_SSL_REDIRECT", "True"),
        ("SECURE_HSTS_SECONDS", "31536000"),
        ("SESSION_COOKIE_NAME", "'__Host-sessionid'"),
        ("CSRF_COOKIE_NAME", "'__Host-csrftoken'"),
        ("SESSION_COOKIE_SECURE", "True"),
        ("CSRF_COOKIE_SECURE", "True"),
        ("SESSION_COOKIE_HTTPONLY", "True"),
        ("CSRF_COOKIE_HTTPONLY", "True"),
        ("SESSION_COOKIE_SAMESITE", "'Lax'"),
        ("CSRF_COOKIE_SAMESITE", "'Lax'"),
        ("SUS_REQUIRE_OTP", "True"),
        ("SECURE_PROXY_SSL_HEADER", "None"),
    ],
)
def test_production_settings(name, expected):
    assert setting(name, **PRODUCTION) == expected


def test_the_proxy_header_is_configured_by_name():
    value = setting(
        "SECURE_PROXY_SSL_HEADER", **PRODUCTION, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )
    assert value == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_the_local_profile_serves_plain_http_on_the_loopback_address():
    env = {**PRODUCTION, "SUS_PROFILE": "local", "SECURE_COOKIES": "false"}
    assert setting("SECURE_SSL_REDIRECT", **env) == "False"
    assert setting("SECURE_HSTS_SECONDS", **env) == "0"
    assert setting("SESSION_COOKIE_NAME", **env) == "'sessionid'"


def test_an_unknown_profile_is_refused():
    result = run("import sus.settings", **PRODUCTION, SUS_PROFILE="prod")
    assert result.returncode != 0
    assert "SUS_PROFILE" in result.stderr


def test_the_shared_cache_is_the_database():
    assert "DatabaseCache" in setting("CACHES", **PRODUCTION)


PROVIDER = {
    "SUS_OIDC_ISSUER": "https://idp.fk.example/realms/sus",
    "SUS_OIDC_CLIENT_ID": "sus",
    "SUS_OIDC_CLIENT_SECRET": "dummy-client-secret",
    "SUS_OIDC_ACR_VALUES": "urn:fk:card,urn:se:bankid",
}


def test_the_deploy_check_finds_nothing_with_the_identity_provider_on():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION, **PROVIDER
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_logout_may_continue_to_the_provider_and_nowhere_else():
    directives = "CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']"
    assert setting(directives, **PRODUCTION, **PROVIDER) == "[\"'self'\", 'https://idp.fk.example']"
    assert setting(directives, **PRODUCTION) == "[\"'self'\"]"
    assert setting("SUS_OIDC_ENABLED", **PRODUCTION, **PROVIDER) == "True"
    assert setting("SUS_OIDC_ENABLED", **PRODUCTION) == "False"


def test_a_half_configured_provider_stops_the_app():
    result = run(["manage.py", "check"], **PRODUCTION, SUS_OIDC_ISSUER="https://idp.fk.example")
    assert result.returncode != 0
    assert "SUS_OIDC_CLIENT_ID" in result.stderr
