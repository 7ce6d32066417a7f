"""Each page runs the same number of SQL queries however long the history or the list (issue
point 11): measured on a short and a long case and compared, not hard-coded. Today is
2026-11-23."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import d, walk
from tests.screens import started, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def queries_for(client, url) -> tuple[int, object]:
    """The queries of one GET of the page, after a first GET has filled any one-time cache."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def with_history(actor, af_office, fk_office, *, length: int, first_name: str):
    """A participation of `length` transitions: request, GK, PAF, ARF, then ARL/ARF in turn,
    one day apart."""
    participation = started(actor, af_office, fk_office, date=d(2026, 9, 1), first_name=first_name)
    types = ["GK", "PAF", "ARF"] + ["ARL", "ARF"] * 20
    steps = [
        (to_type, d(2026, 9, 2) + datetime.timedelta(days=n))
        for n, to_type in enumerate(types[: length - 1])
    ]
    walk(participation, actor, steps)
    assert participation.transitions.count() == length
    return participation


@pytest.fixture
def short_and_long(fk_caseworker, af_office, fk_office):
    return (
        with_history(fk_caseworker, af_office, fk_office, length=1, first_name="Kort"),
        with_history(fk_caseworker, af_office, fk_office, length=40, first_name="Lang"),
    )


@pytest.mark.parametrize(
    ("url_name", "shows_history"),
    [
        ("transitions:participation", True),
        ("transitions:history-detail", True),
        ("transitions:delete", False),
    ],
)
def test_a_participant_page_costs_the_same_for_1_and_40_transitions(
    client, fk_caseworker, short_and_long, url_name, shows_history
):
    client.force_login(fk_caseworker)
    short, long = short_and_long
    few, _page = queries_for(client, reverse(url_name, args=[short.public_id]))
    many, page = queries_for(client, reverse(url_name, args=[long.public_id]))
    if shows_history:
        assert text(page).count('<th scope="row">') == 40
    assert many == few


def test_registrera_uppgifter_costs_the_same_for_1_and_40_transitions(
    client, fk_caseworker, short_and_long
):
    client.force_login(fk_caseworker)
    short, long = short_and_long
    few, _page = queries_for(client, reverse("transitions:answers", args=[short.public_id, 1]))
    many, _page = queries_for(client, reverse("transitions:answers", args=[long.public_id, 1]))
    assert many == few


def test_att_gora_costs_the_same_for_1_and_40_steps_to_follow_up(
    client, fk_caseworker, af_office, fk_office
):
    """Every participant waits in BGK since long ago with its request unanswered: it appears
    in both lists of "Att göra"."""
    client.force_login(fk_caseworker)
    started(fk_caseworker, af_office, fk_office, date=d(2026, 9, 1), first_name="Ett")
    few, page = queries_for(client, reverse("home"))
    assert text(page).count(">Registrera uppgifter<") == 1
    for n in range(39):
        started(fk_caseworker, af_office, fk_office, date=d(2026, 9, 1), first_name=f"N{n}")
    many, page = queries_for(client, reverse("home"))
    assert text(page).count(">Registrera uppgifter<") == 40
    assert many == few


def test_visa_deltagare_costs_the_same_for_5_and_100_participants(
    client, fk_caseworker, af_office, fk_office
):
    client.force_login(fk_caseworker)
    for n in range(5):
        started(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name=f"A{n}")
    few, page = queries_for(client, reverse("transitions:list"))
    assert "5 deltagare" in text(page)
    for n in range(95):
        started(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name=f"B{n}")
    many, page = queries_for(client, reverse("transitions:list"))
    assert "100 deltagare" in text(page)
    assert many == few
    last_page, _page = queries_for(client, reverse("transitions:list") + "?sida=4")
    assert last_page == few


def test_byt_kontor_costs_the_same_for_1_and_40_transitions(client, fk_caseworker, short_and_long):
    client.force_login(fk_caseworker)
    short, long = short_and_long
    few, _page = queries_for(client, reverse("transitions:move-offices", args=[short.public_id]))
    many, _page = queries_for(client, reverse("transitions:move-offices", args=[long.public_id]))
    assert many == few


def test_anonyma_deltagare_costs_the_same_for_1_and_17_registrations(
    client, fk_caseworker, af_office, fk_office
):
    from participants.services import anonymous_register

    client.force_login(fk_caseworker)

    def register(year):
        anonymous_register(
            af_office=af_office, fk_office=fk_office, year=year, women=1, men=2, actor=fk_caseworker
        )

    register(2026)
    few, page = queries_for(client, reverse("transitions:anonymous"))
    assert text(page).count("/radera/") == 1
    for year in range(2010, 2026):
        register(year)
    many, page = queries_for(client, reverse("transitions:anonymous"))
    assert text(page).count("/radera/") == 17
    assert many == few


def test_a_step_costs_the_same_statements_after_1_and_40_transitions(
    fk_caseworker, af_office, fk_office
):
    """The step POST's work in the database (lock, checks, the period's end, the new row, the
    participation, the audit) does not grow with the history."""
    from transitions.services import transition_delete_latest, transition_register

    def statements(participation, to_type):
        with CaptureQueriesContext(connection) as captured:
            transition_register(
                participation=participation,
                to_type=to_type,
                date=d(2026, 11, 20),
                actor=fk_caseworker,
            )
        with CaptureQueriesContext(connection) as deleting:
            transition_delete_latest(participation=participation, actor=fk_caseworker)
        return len(captured), len(deleting)

    short = with_history(fk_caseworker, af_office, fk_office, length=3, first_name="Kort")
    long = with_history(fk_caseworker, af_office, fk_office, length=40, first_name="Lang")
    # both are in ARF after PAF (short) or ARL/ARF steps (long); a step to ARL asks nothing
    assert long.transitions.order_by("-sequence").first().to_type == "ARF"
    assert statements(short, "ARL") == statements(long, "ARL")
