"""Security events (ASVS V16): logins, lockouts, logouts, refusals and admin changes are logged
as structured lines on "sus.security", with ids and never a personnummer or a name; admin's
changes to users, roles and uppdrag go to the audit trail with before and after."""

import logging

import pytest
from django.urls import reverse

from audit.models import AuditRecord
from offices.models import Role, Uppdrag
from sus.pytest_plugin import PersonnummerScanHandler, personnummer_in
from tests.builders import d, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def test_login_logout_and_failures_are_events(client, login, fk_caseworker, security_records):
    client.post("/logga-in/", {"username": "fk-hl", "password": "fel"}, REMOTE_ADDR="10.0.0.9")
    client.post("/logga-in/", {"username": "19850312-9804", "password": "x"})
    login(client, fk_caseworker)
    client.post("/logga-ut/")
    records = security_records()
    assert [r.event for r in records] == [
        "login.failure",
        "login.failure",
        "login.success",
        "logout",
    ]
    wrong_password, unknown, success, logout = records
    assert wrong_password.target_user_id == fk_caseworker.pk
    assert wrong_password.client == "10.0.0.9"
    assert wrong_password.levelno == logging.WARNING
    # A typed text that names no user is kept only as a keyed hash.
    assert len(unknown.username_hash) == 16
    assert "19850312" not in str(vars(unknown))
    assert success.user_id == fk_caseworker.pk
    assert logout.user_id == fk_caseworker.pk


def test_a_lockout_is_an_event(client, fk_caseworker, security_events):
    for _ in range(5):
        client.post("/logga-in/", {"username": "fk-hl", "password": "fel"})
    assert "login.locked_out" in security_events()


def test_a_refused_page_is_an_event(client, reader, security_records):
    client.force_login(reader)
    assert client.get("/uppdrag/").status_code in (403, 404)
    response = client.get("/admin/")
    assert response.status_code == 302
    refused = [r for r in security_records() if r.event == "access.denied"]
    assert refused
    assert refused[0].user_id == reader.pk


def test_admin_changes_to_a_user_are_audited_with_before_and_after(
    client, superuser, fk_caseworker, security_events
):
    client.force_login(superuser)
    response = client.post(
        f"/admin/offices/user/{fk_caseworker.pk}/change/",
        {
            "username": "fk-hl",
            "first_name": "Frida",
            "last_name": "Nyttnamn",
            "email": "",
            "is_active": "on",
            "agency": "FK",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "role_grants-TOTAL_FORMS": "0",
            "role_grants-INITIAL_FORMS": "0",
            "uppdrag-TOTAL_FORMS": "1",
            "uppdrag-INITIAL_FORMS": "1",
            "uppdrag-0-id": Uppdrag.objects.get(user=fk_caseworker).pk,
            "uppdrag-0-user": fk_caseworker.pk,
            "uppdrag-0-role": Role.DELTAGARANSVARIG,
            "uppdrag-0-office": Uppdrag.objects.get(user=fk_caseworker).office_id,
            "uppdrag-0-agency": "FK",
            "uppdrag-0-valid_from": "2026-01-01",
            "uppdrag-0-valid_to": "2026-11-23",
            "sign_in_identity-TOTAL_FORMS": "1",
            "sign_in_identity-INITIAL_FORMS": "0",
            "sign_in_identity-0-user": fk_caseworker.pk,
            "sign_in_identity-0-subject": "idp-frida-0001",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user_change = AuditRecord.objects.get(action="admin.user.change")
    assert user_change.actor == superuser
    assert user_change.before["last_name"] == "Testsson"
    assert user_change.after["last_name"] == "Nyttnamn"
    assert "password" not in user_change.after
    uppdrag_change = AuditRecord.objects.get(action="admin.uppdrag.change")
    assert uppdrag_change.before["valid_to"] is None
    assert uppdrag_change.after["valid_to"] == "2026-11-23"
    identity_add = AuditRecord.objects.get(action="admin.signinidentity.add")
    assert identity_add.after["subject"] == "idp-frida-0001"
    assert identity_add.after["break_glass"] is False
    assert security_events().count("admin.change") == 3


def test_an_admin_password_change_is_audited_without_the_hash(client, superuser, fk_caseworker):
    client.force_login(superuser)
    client.post(
        f"/admin/offices/user/{fk_caseworker.pk}/password/",
        {"password1": "ett nytt lösenord 2026", "password2": "ett nytt lösenord 2026"},
    )
    record = AuditRecord.objects.get(action="admin.user.password")
    assert record.after == {"password_changed": True}
    assert "pbkdf2" not in str(record.before) + str(record.after)


def test_the_log_scan_finds_a_personnummer():
    """The scan that fails the run (tests/security/conftest.py) does see one."""
    assert personnummer_in("sökte 19850312-9804 och 850312-9804") == [
        "19850312-9804",
        "850312-9804",
    ]
    assert personnummer_in("id 4b78a81 tid 2026-11-23 12:00:00 nummer 198503129805") == []
    handler = PersonnummerScanHandler()
    logger = logging.getLogger("test.scan")
    logger.propagate = False  # the run's own scan must not see this planted one
    logger.addHandler(handler)
    try:
        logger.warning("x", extra={"field": "198503129804"})
    finally:
        logger.removeHandler(handler)
    assert len(handler.hits) == 1


def test_a_forged_form_is_refused_and_logged(security_events):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/logga-in/", {"username": "fk-hl", "password": "x"})
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()
    assert "csrf.failure" in security_events()


def test_a_refused_participant_page_logs_the_route_not_the_participants_id(
    client, fk_caseworker, other_caseworker, af_office, fk_office, security_records
):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(other_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    assert client.get(url).status_code == 403
    refused = [r for r in security_records() if r.event == "access.denied"]
    assert [(r.user_id, r.page) for r in refused] == [(other_caseworker.pk, "registrera-medverkan")]
    assert all(str(participation.public_id) not in str(vars(r)) for r in refused)


def test_an_event_with_the_request_names_the_route_not_the_path(
    client, fk_caseworker, security_records
):
    client.force_login(fk_caseworker)
    client.post(reverse("login"), {"username": "x", "password": "y"})
    records = security_records()
    assert any(hasattr(r, "route") for r in records)
    assert not any(hasattr(r, "path") for r in records)
