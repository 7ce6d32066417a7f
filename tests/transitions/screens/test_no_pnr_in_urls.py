"""No personnummer in any URL (issue point 7): searches are posted, and later pages address a
participation by an opaque UUID, never by the number or a sequential id. The screens are walked
as a caseworker would and every redirect and every link is checked. Today is 2026-11-23."""

import re
import uuid

import pytest
from django.urls import reverse

from tests.builders import d, walk
from tests.screens import hidden_fields, links, new_person, started
from transitions.models import Participation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

# Random ids (public ids, search keys) with or without dashes: they may hold digits by chance.
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
PARTICIPATION_PATH = re.compile(r"^/medverkan/(?:historik/)?([0-9a-f-]{36})/")
# Ten or twelve digits, with or without a separator, as a personnummer may be written.
NUMBER = re.compile(r"\d{6}[-+]?\d{4}")


class Seen:
    """Every URL the user was sent to or shown while walking the screens."""

    def __init__(self, client):
        self.client = client
        self.urls: list[str] = []

    def get(self, url, data=None):
        response = self.client.get(url, data)
        self.record(response)
        return response

    def post(self, url, data):
        response = self.client.post(url, data)
        self.record(response)
        return response

    def submit(self, url, data):
        return self.post(url, {**hidden_fields(self.get(url)), **data})

    def record(self, response):
        if response.status_code in (301, 302):
            self.urls.append(response["Location"])
        elif response.get("Content-Type", "").startswith("text/html"):
            self.urls.extend(links(response))


def assert_no_personnummer(urls, *personnummer):
    assert urls
    for url in urls:
        for pnr in personnummer:
            assert pnr not in url and pnr[2:] not in url, url
        assert not NUMBER.search(UUID.sub("", url)), url


def test_a_caseworker_walk_puts_no_personnummer_in_any_url(
    client, fk_caseworker, af_office, fk_office
):
    person = new_person()
    pnr = person.personnummer
    client.force_login(fk_caseworker)
    seen = Seen(client)

    seen.get(reverse("transitions:register"))
    found = seen.post(reverse("transitions:register"), {"personnummer": f"{pnr[:8]}-{pnr[8:]}"})
    saved = seen.submit(
        found["Location"],
        {
            "af_office": af_office.pk,
            "fk_office": fk_office.pk,
            "consent_confirmed": "on",
            "consent_date": "2026-11-02",
            "to_type": "BGK",
            "date": "2026-11-02",
        },
    )
    participation = Participation.objects.get(person__personnummer=pnr)
    seen.submit(saved["Location"], {"begaran-initierad_av": "FK"})  # refused: shown again
    seen.get(reverse("home"))
    participation_page = reverse("transitions:participation", args=[participation.public_id])
    seen.submit(participation_page, {"to_type": "GK", "date": "2026-11-10"})
    seen.get(participation_page)
    seen.get(reverse("transitions:delete", args=[participation.public_id]))
    seen.post(reverse("transitions:history"), {"personnummer": pnr})
    seen.get(reverse("transitions:history-detail", args=[participation.public_id]))
    seen.get(reverse("transitions:list"))
    seen.get(reverse("transitions:list"), {"kon": "K"})
    seen.post(reverse("transitions:move"), {"personnummer": pnr[2:]})
    seen.get(reverse("transitions:move-offices", args=[participation.public_id]))
    seen.post(reverse("transitions:register"), {"personnummer": pnr})

    assert_no_personnummer(seen.urls, pnr)
    participation_urls = [url for url in seen.urls if PARTICIPATION_PATH.match(url)]
    assert participation_urls
    for url in participation_urls:
        assert uuid.UUID(PARTICIPATION_PATH.match(url).group(1)) == participation.public_id


def test_the_participants_of_a_long_list_are_linked_by_uuid(
    client, fk_caseworker, af_office, fk_office
):
    participations = [
        started(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name=f"P{n}")
        for n in range(30)
    ]
    walk(participations[0], fk_caseworker, [("GK", d(2026, 10, 2))])
    client.force_login(fk_caseworker)
    seen = Seen(client)
    seen.get(reverse("transitions:list"))
    seen.get(reverse("transitions:list"), {"sida": "2"})
    seen.get(reverse("home"))
    assert_no_personnummer(seen.urls, *(p.person.personnummer for p in participations))
    linked = {
        PARTICIPATION_PATH.match(url).group(1) for url in seen.urls if PARTICIPATION_PATH.match(url)
    }
    assert linked == {str(p.public_id) for p in participations}


def test_a_participation_is_not_reachable_by_its_sequential_id(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    assert client.get(f"/medverkan/{participation.pk}/").status_code == 404
    assert client.get(f"/medverkan/historik/{participation.pk}/").status_code == 404


def test_the_searches_are_posted(client, fk_caseworker):
    client.force_login(fk_caseworker)
    for url_name in ("transitions:register", "transitions:history", "transitions:move"):
        page = client.get(reverse(url_name)).content.decode()
        form = re.search(
            r'<form method="(\w+)"[^>]*>(?:(?!</form>).)*name="personnummer"', page, re.S
        )
        assert form and form.group(1) == "post", url_name
        assert client.get(reverse(url_name), {"personnummer": "19850312-9804"}).status_code == 200


def test_the_login_redirect_carries_no_personnummer(client, fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    response = client.get(reverse("transitions:participation", args=[participation.public_id]))
    assert response.status_code == 302
    assert_no_personnummer([response["Location"]], participation.person.personnummer)
