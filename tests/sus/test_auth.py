import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_swedish(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="sv">' in content
    assert "Logga in" in content
    assert "Användarnamn" in content
    assert "Lösenord" in content


def test_login_with_correct_password_shows_name_and_roles(client, fk_caseworker):
    response = client.post(
        reverse("login"),
        {"username": "fk-hl", "password": "lösenord-för-test"},
        follow=True,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Frida Testsson" in content
    assert "Deltagaransvarig" in content
    assert "Testköping TA" in content


def test_login_with_wrong_password_is_refused_in_swedish(client, fk_caseworker):
    response = client.post(reverse("login"), {"username": "fk-hl", "password": "fel"})
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client, fk_caseworker):
    client.force_login(fk_caseworker)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_user_without_role_is_told_so(client, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "Du saknar behörighet till SUS" in response.content.decode()


def test_user_whose_role_has_ended_has_no_access(client, no_role_user):
    import datetime

    from offices.models import Role, RoleGrant

    RoleGrant.objects.create(
        user=no_role_user,
        role=Role.LASBEHORIG,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2021, 1, 1),
    )
    client.force_login(no_role_user)
    assert "Du saknar behörighet till SUS" in client.get(reverse("home")).content.decode()


def test_base_page_has_skip_link_and_main_landmark(client, reader):
    client.force_login(reader)
    content = client.get(reverse("home")).content.decode()
    assert 'href="#main"' in content
    assert '<main id="main"' in content


def test_bootstrap_is_served_from_own_origin(client, reader):
    client.force_login(reader)
    content = client.get(reverse("home")).content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in content
    # Every script, style sheet and image comes from our own origin (a random token on the
    # page may hold any letters, so the addresses are what is read).
    addresses = re.findall(r'(?:src|href)="([^"]*)"', content)
    assert addresses
    assert all(address.startswith(("/", "#")) for address in addresses), addresses
    assert "https://" not in content
