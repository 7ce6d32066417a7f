"""The second factor (ASVS V6.3, django-otp TOTP): Django admin always asks for it; every login
asks for it when SUS_REQUIRE_OTP is on (the production profile). Enrolment with a QR code and a
first code, recovery codes that work once each, wrong codes refused and logged."""

import pytest
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.conftest import current_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

ADMIN = "/admin/"
VERIFY = "/konto/tvastegsverifiering/"
ENROL = "/konto/tvastegsverifiering/aktivera/"


@pytest.fixture(autouse=True)
def admin_requires_otp(settings):
    settings.SUS_ADMIN_REQUIRES_OTP = True


def enrol(client, user) -> list[str]:
    """Enrol through the pages, as a user would; returns the recovery codes shown."""
    page = client.get(ENROL)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"otp_token": current_code(device), "next": ADMIN})
    assert response.status_code == 200
    return response.context["codes"]


def test_admin_asks_a_password_only_user_to_enrol(client, login, superuser):
    login(client, superuser)
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROL)
    assert "Aktivera tvåstegsverifiering" in response.content.decode()


def test_after_enrolment_admin_opens(client, login, superuser):
    login(client, superuser)
    codes = enrol(client, superuser)
    assert len(codes) == 10
    assert client.get(ADMIN).status_code == 200


def test_next_login_asks_for_the_code_before_admin(client, login, superuser):
    login(client, superuser)
    enrol(client, superuser)
    client.logout()
    login(client, superuser)
    response = client.get(ADMIN)
    assert response["Location"].startswith(VERIFY)
    device = TOTPDevice.objects.get(user=superuser)
    device.last_t = -1  # a new time step: the app shows a new code
    device.save()
    response = client.post(VERIFY, {"otp_token": current_code(device), "next": ADMIN})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_is_refused_and_logged(client, login, superuser, security_events):
    login(client, superuser)
    enrol(client, superuser)
    client.logout()
    login(client, superuser)
    response = client.post(VERIFY, {"otp_token": "000000", "next": ADMIN})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert client.get(ADMIN).status_code == 302
    assert "otp.failure" in security_events()


def test_a_recovery_code_works_once(client, login, superuser):
    login(client, superuser)
    codes = enrol(client, superuser)
    client.logout()
    login(client, superuser)
    assert client.post(VERIFY, {"otp_token": codes[0], "next": ADMIN})["Location"] == ADMIN
    client.logout()
    login(client, superuser)
    response = client.post(VERIFY, {"otp_token": codes[0], "next": ADMIN})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert StaticDevice.objects.get(user=superuser).token_set.count() == 9


def test_a_password_alone_cannot_add_a_device(client, login, superuser):
    """An attacker with the password only must not enrol its own phone."""
    login(client, superuser)
    enrol(client, superuser)
    client.logout()
    login(client, superuser)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=superuser).count() == 1


def test_new_recovery_codes_replace_the_old(client, login, superuser, time_machine):
    login(client, superuser)
    old = enrol(client, superuser)
    new = client.post("/konto/reservkoder/").context["codes"]
    assert set(old).isdisjoint(new)
    client.logout()
    login(client, superuser)
    assert client.post(VERIFY, {"otp_token": old[1], "next": ADMIN}).status_code == 200
    time_machine.shift(2)  # django-otp makes the next try after a failure wait a second
    assert client.post(VERIFY, {"otp_token": new[1], "next": ADMIN})["Location"] == ADMIN


def test_without_the_setting_caseworker_pages_need_no_code(client, login, fk_caseworker):
    login(client, fk_caseworker)
    assert client.get("/").status_code == 200


@override_settings(SUS_REQUIRE_OTP=True)
def test_with_the_setting_every_page_waits_for_the_code(client, login, fk_caseworker):
    login(client, fk_caseworker)
    response = client.get("/rapporter/status/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    enrol(client, fk_caseworker)
    assert client.get("/").status_code == 200


@override_settings(SUS_REQUIRE_OTP=True)
def test_logging_out_needs_no_code(client, login, fk_caseworker):
    login(client, fk_caseworker)
    response = client.post("/logga-ut/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
