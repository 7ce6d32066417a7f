"""The access matrix (SPEC §2.3, §5.1): every named page of the participant and transition
screens, and every screen of the menu table, for every persona. A caseworker sees its own
offices' participants; anyone else — another office, a deltagaransvarig without uppdrag, an
insatsansvarig, a läsbehörig — gets the message of SPEC §5.1 and nothing about the person; a
visitor who is not logged in is sent to the login page. A test fails when a page is added without
a row here. Today is 2026-11-23."""

import pytest
from django.urls import get_resolver, reverse

from offices.screens import SCREENS
from participants.models import AnonymousCount
from sus.sealed import seal
from tests.builders import d, walk
from tests.screens import (
    NO_UPPDRAG,
    assert_nothing_about,
    no_uppdrag_caseworker,
    started,
    text,
    visible_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

SEARCH_KEY = "5eac4c4e0b0a4b8c9d3f1e2a7b6c5d4e"

OK = "200"
REFUSED = "403 with the message of SPEC §5.1"
FORBIDDEN = "403"  # a page without personal data the role does not open
LOGIN = "302 to the login page"
TO_PARTICIPATION = "302 to the participation"
TO_MOVE_OFFICES = "302 to Byt kontor of the participation"
NOT_FOUND = "404"  # another office's anonymous count: not found, nothing told
TO_ASSIGN = "302 to Tilldela uppdrag"  # the steps after the first are posted, never opened

PERSONAS = (
    "own office (FK)",
    "own office (Af)",
    "other office",
    "no uppdrag",
    "insatsansvarig",
    "läsbehörig",
    "logged out",
)
OWN = PERSONAS[:2]

_R = (REFUSED, REFUSED, REFUSED)  # no uppdrag, insatsansvarig, läsbehörig

MATRIX = {
    # url name: (own FK, own Af, other office, no uppdrag, insatsansvarig, läsbehörig, logged out)
    "transitions:register": (OK, OK, OK, *_R, LOGIN),
    "transitions:start": (TO_PARTICIPATION, TO_PARTICIPATION, REFUSED, *_R, LOGIN),
    "transitions:participation": (OK, OK, REFUSED, *_R, LOGIN),
    "transitions:delete": (OK, OK, REFUSED, *_R, LOGIN),
    "transitions:history": (OK, OK, OK, *_R, LOGIN),
    "transitions:history-detail": (OK, OK, REFUSED, *_R, LOGIN),
    "transitions:list": (OK, OK, OK, *_R, LOGIN),
    "transitions:anonymous": (OK, OK, OK, *_R, LOGIN),
    "transitions:anonymous-delete": (OK, OK, NOT_FOUND, *_R, LOGIN),
    "transitions:move": (OK, OK, OK, *_R, LOGIN),
    "transitions:move-offices": (OK, OK, REFUSED, *_R, LOGIN),
    "transitions:move-confirm": (TO_MOVE_OFFICES, TO_MOVE_OFFICES, REFUSED, *_R, LOGIN),
    "transitions:answers": (OK, OK, REFUSED, *_R, LOGIN),
    "home": (OK, OK, OK, OK, OK, OK, LOGIN),
    "offices:assign": (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, LOGIN),
    "offices:assign-select": (*[FORBIDDEN] * 4, TO_ASSIGN, FORBIDDEN, LOGIN),
    "offices:assign-confirm": (*[FORBIDDEN] * 4, TO_ASSIGN, FORBIDDEN, LOGIN),
    "reports:standard": (OK, OK, OK, OK, OK, OK, LOGIN),
    "reports:participants": (OK, OK, OK, OK, OK, OK, LOGIN),
}
# Pages about one participant: its own office sees the person on them.
ABOUT_THE_PARTICIPANT = {
    "transitions:participation",
    "transitions:delete",
    "transitions:history-detail",
    "transitions:move-offices",
    "transitions:answers",
}
# Every application namespace of the URL configuration (Django admin has its own permissions).
NAMESPACES = tuple(sorted(set(get_resolver().namespace_dict) - {"admin"}))

CASES = [
    (url_name, persona, outcome)
    for url_name, outcomes in MATRIX.items()
    for persona, outcome in zip(PERSONAS, outcomes, strict=True)
]


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    return participation


def url_of(url_name, participation):
    if url_name == "transitions:anonymous-delete":
        count = AnonymousCount.objects.create(
            af_office=participation.af_office, fk_office=participation.fk_office, year=2026, men=2
        )
        return reverse(url_name, args=[count.pk])
    if url_name == "transitions:start":
        return reverse(url_name, args=[SEARCH_KEY])
    if url_name == "transitions:answers":
        return reverse(url_name, args=[participation.public_id, 1])
    if url_name in ABOUT_THE_PARTICIPANT | {"transitions:move-confirm"}:
        return reverse(url_name, args=[participation.public_id])
    return reverse(url_name)


def log_in_as(client, request, persona, participation):
    """Log the persona in, with the participant's number remembered from a search (as after
    "Sök"), so that the first-registration page has something to show."""
    user = {
        "own office (FK)": lambda: request.getfixturevalue("fk_caseworker"),
        "own office (Af)": lambda: request.getfixturevalue("af_caseworker"),
        "other office": lambda: request.getfixturevalue("other_caseworker"),
        "no uppdrag": no_uppdrag_caseworker,
        "insatsansvarig": lambda: request.getfixturevalue("fk_insatsansvarig"),
        "läsbehörig": lambda: request.getfixturevalue("reader"),
        "logged out": lambda: None,
    }[persona]()
    if user is None:
        return
    client.force_login(user)
    session = client.session
    session["sus_searches"] = {
        SEARCH_KEY: seal(participation.person.personnummer, purpose="search")
    }
    session.save()


def assert_outcome(response, outcome, url_name, participation):
    if outcome == OK:
        assert response.status_code == 200
    elif outcome == REFUSED:
        assert response.status_code == 403
        assert NO_UPPDRAG in visible_text(response)
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    elif outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif outcome == TO_PARTICIPATION:
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "transitions:participation", args=[participation.public_id]
        )
    elif outcome == NOT_FOUND:
        assert response.status_code == 404
    elif outcome == TO_ASSIGN:
        assert response.status_code == 302
        assert response["Location"] == reverse("offices:assign")
    elif outcome == TO_MOVE_OFFICES:
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "transitions:move-offices", args=[participation.public_id]
        )
    else:
        raise AssertionError(f"unknown outcome {outcome!r} for {url_name}")


@pytest.mark.parametrize(("url_name", "persona", "outcome"), CASES)
def test_opening_a_page(client, request, participation, url_name, persona, outcome):
    log_in_as(client, request, persona, participation)
    response = client.get(url_of(url_name, participation))
    assert_outcome(response, outcome, url_name, participation)
    if persona in OWN:
        if url_name in ABOUT_THE_PARTICIPANT - {"transitions:answers"}:  # answers: no name
            assert "Sigrid Provdotter" in text(response)
    else:
        assert_nothing_about(response, participation)


REFUSING = [case for case in CASES if case[2] in (REFUSED, FORBIDDEN, LOGIN)]


@pytest.mark.parametrize(("url_name", "persona", "outcome"), REFUSING)
def test_posting_to_a_refused_page_changes_nothing(
    client, request, participation, domain_rows, url_name, persona, outcome
):
    log_in_as(client, request, persona, participation)
    before = domain_rows()
    data = {"to_type": "PAF", "date": "2026-11-20", "expected_sequence": "2", "women": "1"}
    response = client.post(url_of(url_name, participation), data)
    assert_outcome(response, outcome, url_name, participation)
    assert_nothing_about(response, participation)
    assert domain_rows() == before


def url_names_in(namespace: str) -> set[str]:
    resolver = get_resolver()
    _prefix, sub_resolver = resolver.namespace_dict[namespace]
    return {f"{namespace}:{name}" for name in sub_resolver.reverse_dict if isinstance(name, str)}


def test_every_named_page_of_every_app_and_the_menu_is_in_the_matrix():
    assert set(NAMESPACES) >= {"transitions", "offices", "reports"}
    named = set().union(*(url_names_in(namespace) for namespace in NAMESPACES))
    named |= {screen.url_name for screen in SCREENS}
    assert named - set(MATRIX) == set(), "add the new pages to MATRIX"
    assert set(MATRIX) - named == set(), "remove pages that no longer exist from MATRIX"


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_every_view_is_guarded_by_the_screen_table(namespace):
    screens = {screen.url_name for screen in SCREENS}
    _prefix, sub_resolver = get_resolver().namespace_dict[namespace]
    for pattern in sub_resolver.url_patterns:
        assert getattr(pattern.callback, "sus_screen", None) in screens, pattern.name
