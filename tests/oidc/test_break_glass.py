"""While the sign-in through the identity provider is on, the password form is only for
break-glass users, who must still give the second factor; everyone else signs in at the
provider. A sign-in there with an accepted two-factor method counts as the second factor."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditRecord
from sus.models import SignInIdentity
from tests.oidc.conftest import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "en-lång-lösenfras-2026"
VERIFY = "/konto/tvastegsverifiering/"


def password_login(client, user):
    user.set_password(PASSWORD)
    user.save()
    return client.post("/logga-in/", {"username": user.username, "password": PASSWORD})


def test_the_login_page_leads_to_the_provider(client, oidc_on):
    page = client.get("/logga-in/?next=/rapporter/").content.decode()
    assert 'href="/logga-in/identitetsleverantor/?next=/rapporter/"' in page
    assert "Reservinloggning" in page


def test_a_right_password_of_a_user_without_break_glass_fails_like_a_wrong_one(
    client, oidc_on, linked_caseworker, security_events
):
    response = password_login(client, linked_caseworker)
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert "login.failure" in security_events()


def test_a_break_glass_user_logs_in_with_password_and_then_the_second_factor(
    client, oidc_on, superuser, security_records
):
    SignInIdentity.objects.create(user=superuser, break_glass=True)
    response = password_login(client, superuser)
    assert response.status_code == 302
    alert = [r for r in security_records() if r.event == "login.break_glass"]
    assert [(r.levelname, r.user_id) for r in alert] == [("WARNING", superuser.pk)]
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith(VERIFY)  # the one-time code (or enrolment) first


def test_without_the_provider_the_password_login_is_as_before(
    client, fk_caseworker, security_events
):
    response = password_login(client, fk_caseworker)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert "login.break_glass" not in security_events()


def test_a_password_session_ends_when_the_provider_sign_in_is_switched_on(
    client, settings, fk_caseworker, provider
):
    password_login(client, fk_caseworker)
    assert client.get("/").status_code == 200
    settings.SUS_OIDC_ENABLED = True
    assert client.get("/")["Location"].startswith("/logga-in/")


def test_a_two_factor_sign_in_at_the_provider_opens_admin(client, oidc_on, settings, superuser):
    settings.SUS_ADMIN_REQUIRES_OTP = True
    SignInIdentity.objects.create(user=superuser, subject="idp-admin")
    oidc_on.login("idp-admin")
    sign_in(client, oidc_on)
    assert client.get("/admin/").status_code == 200


def test_without_accepted_methods_the_provider_sign_in_is_not_a_second_factor(
    client, oidc_on, settings, superuser
):
    settings.SUS_ADMIN_REQUIRES_OTP = True
    settings.SUS_OIDC_ACR_VALUES = []
    SignInIdentity.objects.create(user=superuser, subject="idp-admin")
    oidc_on.login("idp-admin", acr="urn:sus:test:password")
    _callback, response = sign_in(client, oidc_on)
    assert response.status_code == 302  # any method is accepted for the caseworker screens …
    assert client.get("/admin/")["Location"].startswith(VERIFY)  # … but admin asks for a code


def test_the_first_administrator_gets_break_glass_from_the_command_line(superuser, fk_caseworker):
    out = StringIO()
    call_command("sign_in_identity", superuser.username, "--break-glass", "on", stdout=out)
    assert "reservinloggning på" in out.getvalue()
    assert SignInIdentity.objects.get(user=superuser).break_glass
    call_command("sign_in_identity", fk_caseworker.username, "--subject", "idp-frida", stdout=out)
    record = AuditRecord.objects.get(
        action="command.signinidentity.change", after__subject="idp-frida"
    )
    assert record.before["subject"] is None
    with pytest.raises(CommandError, match="redan till en annan"):
        call_command("sign_in_identity", superuser.username, "--subject", "idp-frida", stdout=out)
    assert SignInIdentity.objects.get(user=superuser).subject is None
    with pytest.raises(CommandError, match="Ingen användare"):
        call_command("sign_in_identity", "finns-inte", stdout=out)
