"""The menu tree of SPEC §5: each user sees only the entries its roles allow."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CASEWORKER_MENU = {
    "Af/FK-samarbete": [
        "Att göra",
        "Registrera medverkan",
        "Historik enskild deltagare",
        "Visa deltagare",
        "Byt kontor",
        "Registrera anonyma deltagare",
    ],
    "Rapporter": ["Standardrapport – status", "Deltagarrapport Af/FK-samarbete"],
}
ADMIN_MENU = {
    "Insats": ["Tilldela uppdrag"],
    "Rapporter": ["Standardrapport – status", "Deltagarrapport Af/FK-samarbete"],
}
READER_MENU = {"Rapporter": ["Standardrapport – status", "Deltagarrapport Af/FK-samarbete"]}


def menu_of(client) -> dict[str, list[str]]:
    html = client.get(reverse("home")).content.decode()
    nav = re.search(r'<nav class="[^"]*sus-menu[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    if not nav:
        return {}
    menu = {}
    for group, items in re.findall(
        r"<h2[^>]*>(.*?)</h2>\s*<ul[^>]*>(.*?)</ul>", nav.group(1), re.S
    ):
        menu[group.strip()] = [
            label.strip() for label in re.findall(r'class="nav-link[^"]*"[^>]*>(.*?)</a>', items)
        ]
    return menu


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("fk_caseworker", CASEWORKER_MENU),
        ("af_caseworker", CASEWORKER_MENU),
        ("fk_insatsansvarig", ADMIN_MENU),
        ("fk_samverkansadmin", ADMIN_MENU),
        ("reader", READER_MENU),
    ],
)
def test_menu_shows_the_entries_of_the_users_roles(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert menu_of(client) == expected


def test_user_without_role_has_no_menu(client, no_role_user):
    client.force_login(no_role_user)
    assert menu_of(client) == {}


def test_superuser_without_sus_role_sees_only_administration(client, superuser):
    client.force_login(superuser)
    assert menu_of(client) == {"System": ["Administration"]}


def test_every_menu_entry_opens_for_the_user_who_sees_it(client, fk_caseworker, reader):
    for user in (fk_caseworker, reader):
        client.force_login(user)
        html = client.get(reverse("home")).content.decode()
        nav = re.search(r'<nav class="[^"]*sus-menu[^"]*"[^>]*>(.*?)</nav>', html, re.S).group(1)
        for href in re.findall(r'class="nav-link[^"]*" href="([^"]+)"', nav):
            assert client.get(href).status_code == 200, href


def test_the_kept_menu_follows_the_script_prefix(client, fk_caseworker):
    from django.urls import set_script_prefix

    from offices.screens import CASEWORKER, menu_for

    plain = menu_for(CASEWORKER)
    try:
        set_script_prefix("/sus/")
        prefixed = menu_for(CASEWORKER)
    finally:
        set_script_prefix("/")
    assert [e.url for _, entries in plain for e in entries][:2] == [
        "/",
        reverse("transitions:register"),
    ]
    assert all(e.url.startswith("/sus/") for _, entries in prefixed for e in entries)
    assert menu_for(CASEWORKER) is plain  # built once
