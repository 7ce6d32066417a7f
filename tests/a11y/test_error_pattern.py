"""The error pattern of base.html on forms of every kind (posted, GET, login), and the
accessibility statement, through Django's test client; the browser suite (tests/browser)
checks the same in Chromium, with focus and axe-core."""

import re

import pytest
from django.urls import reverse

from tests.screens import error_summary, field_errors

pytestmark = pytest.mark.django_db


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def main_starts_with_the_summary(response) -> bool:
    page = response.content.decode()
    return re.search(r'<main[^>]*>\s*<div class="alert alert-danger sus-error-summary"', page)


def test_a_refused_login_has_the_error_pattern_and_keeps_the_username(client, fk_caseworker):
    response = client.post(reverse("login"), {"username": "fk-hl", "password": "fel"})
    assert title(response).startswith("Fel: Logga in")
    assert main_starts_with_the_summary(response)
    assert "Fel användarnamn eller lösenord" in response.content.decode()
    assert 'value="fk-hl"' in response.content.decode()


def test_an_empty_login_links_each_field(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert [target for target, _text in error_summary(response)] == ["#id_username", "#id_password"]
    assert field_errors(response, "id_username") == ["Detta fält måste fyllas i."]
    assert 'aria-invalid="true" aria-describedby="id_username_error"' in response.content.decode()


def test_a_report_with_a_wrong_period_has_the_error_pattern(client, reader):
    client.force_login(reader)
    response = client.get(reverse("reports:standard"), {"start": "2026-06-30", "end": "2026-01-01"})
    assert title(response).startswith("Fel: Standardrapport")
    assert main_starts_with_the_summary(response)
    assert error_summary(response)
    assert 'value="2026-06-30"' in response.content.decode()


def test_a_page_without_errors_has_neither_summary_nor_fel(client, reader):
    client.force_login(reader)
    response = client.get(reverse("reports:standard"))
    assert not title(response).startswith("Fel:")
    assert error_summary(response) == []


def test_the_accessibility_statement_is_open_without_login_and_linked_from_every_page(
    client, reader
):
    statement = reverse("accessibility")
    response = client.get(statement)
    assert response.status_code == 200
    assert "Tillgänglighet för SUS Af/FK-samarbete" in response.content.decode()
    assert f'href="{statement}"' in client.get(reverse("login")).content.decode()
    client.force_login(reader)
    assert f'href="{statement}"' in client.get(reverse("home")).content.decode()
