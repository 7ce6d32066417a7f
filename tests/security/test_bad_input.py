"""Bad input never gives a 500 (ASVS V1.2/V2.2): a NUL byte or another control character in
a query string, a form field, a header or the path is refused with 400 before the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


def test_a_nul_byte_in_an_admin_search_is_refused(admin_client_, security_events):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client_.get("/admin/offices/user/", {"q": "abc\x00def"})
    assert response.status_code == 400
    assert "Felaktig förfrågan" in response.content.decode()
    assert len(queries) == 0
    assert "request.refused" in security_events()


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
def test_control_characters_in_a_form_field_are_refused(client, fk_caseworker, character):
    client.force_login(fk_caseworker)
    response = client.post("/logga-in/", {"username": f"fk{character}", "password": "x"})
    assert response.status_code == 400


def test_a_control_character_in_a_header_is_refused(client):
    response = client.get("/logga-in/", HTTP_USER_AGENT="Mozilla\x00")
    assert response.status_code == 400


def test_a_nul_byte_in_the_path_is_refused(client):
    assert client.get("/logga-in/%00").status_code == 400


def test_line_breaks_and_tabs_in_form_fields_are_allowed(client):
    response = client.post("/logga-in/", {"username": "rad ett\r\nrad\ttvå", "password": "x"})
    assert response.status_code == 200  # an ordinary failed login


def test_letters_of_swedish_are_fine(client):
    assert client.get("/logga-in/", {"q": "Åsa Öberg-Ängström"}).status_code == 200


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH"])
def test_methods_no_page_uses_are_refused(client, method):
    response = client.generic(method, "/logga-in/")
    assert response.status_code == 405
