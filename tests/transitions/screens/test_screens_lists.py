""" "Visa deltagare" (SPEC §5.4: the user's participants, filtered and paginated) and the start
page "Att göra" of a deltagaransvarig (steps whose answers are missing, participants waiting
longer than SUS_WAITING_ALERT_DAYS). Today is 2026-11-23."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.builders import answer_all, d, latest, walk
from tests.screens import field_errors, started, text, visible_text
from transitions.services import participant_protect

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

LIST = reverse("transitions:list")
HOME = reverse("home")


def rows(response) -> list[list[str]]:
    """The table of "Visa deltagare" as the user reads it: one list of cell texts per row."""
    body = re.search(r"<tbody>(.*?)</tbody>", text(response), re.S).group(1)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        if "<td>" in row and 'colspan="5"' not in row
    ]


def names(response) -> list[str]:
    return [row[1] for row in rows(response)]


@pytest.fixture
def participants_of_testkoping(fk_caseworker, af_office, fk_office):
    """Four participants of the user's offices, in different situations."""
    anna = started(fk_caseworker, af_office, fk_office, date=d(2026, 9, 1), first_name="Anna")
    bertil = started(
        fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name="Bertil", sex="M"
    )
    walk(bertil, fk_caseworker, [("GK", d(2026, 10, 15))])
    cecilia = started(
        fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name="Cecilia"
    )
    walk(cecilia, fk_caseworker, [("GK", d(2026, 10, 5)), ("AVS", d(2026, 11, 10))])
    david = started(
        fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name="David", sex="M"
    )
    walk(david, fk_caseworker, [("GK", d(2026, 10, 5)), ("PAF", d(2026, 11, 20))])
    return {"anna": anna, "bertil": bertil, "cecilia": cecilia, "david": david}


@pytest.fixture
def participant_of_another_office(other_caseworker, af_office_other, fk_office_other):
    return started(
        other_caseworker, af_office_other, fk_office_other, date=d(2026, 9, 1), first_name="Erik"
    )


# --- Visa deltagare -------------------------------------------------------------------------


def test_lists_the_users_participants_newest_step_first(
    client, fk_caseworker, participants_of_testkoping, participant_of_another_office
):
    client.force_login(fk_caseworker)
    response = client.get(LIST)
    assert response.status_code == 200
    david = participants_of_testkoping["david"]
    pnr = david.person.personnummer
    assert rows(response)[0] == [
        f"{pnr[:8]}-{pnr[8:]}",
        "David Provdotter",
        "Planerad arbetsförberedande",
        "2026-11-20",
        "Arbetsförmedlingen Testköping",
    ]
    assert names(response) == [
        "David Provdotter",
        "Cecilia Provdotter",
        "Bertil Provdotter",
        "Anna Provdotter",
    ]
    assert "Erik" not in visible_text(response)
    history = reverse("transitions:history-detail", args=[david.public_id])
    assert f'<a href="{history}">' in text(response)


def test_the_other_agencys_office_is_the_last_column(
    client, af_caseworker, participants_of_testkoping
):
    client.force_login(af_caseworker)
    response = client.get(LIST)
    headers = re.findall(r'<th scope="col">(.*?)</th>', text(response))
    assert headers == [
        "Personnummer",
        "Namn",
        "Insatstyp",
        "Datum för senaste övergång",
        "Kontor",
    ]
    assert {row[4] for row in rows(response)} == {"Testköping TA"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"insatstyp": "GK"}, ["Bertil"]),
        ({"status": "AKTUELLA"}, ["Bertil"]),
        ({"status": "VANTAN"}, ["David", "Anna"]),
        ({"status": "AVSLUTADE"}, ["Cecilia"]),
        ({"kon": "M"}, ["David", "Bertil"]),
        ({"kon": "K"}, ["Cecilia", "Anna"]),
        ({"fran": "2026-10-15", "till": "20261110"}, ["Cecilia", "Bertil"]),
        ({"status": "VANTAN", "kon": "K"}, ["Anna"]),
    ],
)
def test_filters_narrow_the_list(
    client, fk_caseworker, participants_of_testkoping, query, expected
):
    client.force_login(fk_caseworker)
    response = client.get(LIST, query)
    assert [name.split()[0] for name in names(response)] == expected


def test_the_office_filter_offers_only_the_users_offices(
    client, fk_caseworker, fk_office, fk_office_other, participants_of_testkoping
):
    client.force_login(fk_caseworker)
    response = client.get(LIST, {"office": fk_office.pk})
    assert len(rows(response)) == 4
    other = client.get(LIST, {"office": fk_office_other.pk})
    assert field_errors(other, "id_office")  # not a choice for this user
    assert "Annanstad" not in visible_text(other)


def test_a_malformed_date_filter_is_shown_at_its_field(
    client, fk_caseworker, participants_of_testkoping
):
    client.force_login(fk_caseworker)
    response = client.get(LIST, {"fran": "1 oktober"})
    assert field_errors(response, "id_fran") == ["Ange datum som ÅÅÅÅ-MM-DD."]
    assert 'value="1 oktober"' in text(response)


def test_nobody_matching_says_so(client, fk_caseworker, participants_of_testkoping):
    client.force_login(fk_caseworker)
    response = client.get(LIST, {"insatstyp": "KS"})
    assert rows(response) == []
    assert "Inga deltagare matchar urvalet." in visible_text(response)


def test_a_participant_without_personal_data_is_not_listed(
    client, fk_caseworker, participants_of_testkoping
):
    participant_protect(person=participants_of_testkoping["anna"].person)
    client.force_login(fk_caseworker)
    assert "Anna Provdotter" not in names(client.get(LIST))
    assert len(names(client.get(LIST))) == 3


def test_pages_of_25_keep_the_filters(client, fk_caseworker, af_office, fk_office):
    for n in range(27):
        started(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name=f"P{n:02d}")
    started(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name="Man", sex="M")
    client.force_login(fk_caseworker)

    first = client.get(LIST, {"kon": "K"})
    assert len(rows(first)) == 25
    assert "27 deltagare" in visible_text(first)
    assert "Sida 1 av 2" in visible_text(first)
    assert "Föregående" not in visible_text(first)
    next_link = re.search(r'<a class="page-link" href="([^"]+)">Nästa</a>', text(first)).group(1)
    assert next_link == "?kon=K&sida=2"

    second = client.get(LIST + next_link)
    assert len(rows(second)) == 2
    assert "Sida 2 av 2" in visible_text(second)
    assert "Man Provdotter" not in visible_text(second)
    assert {*names(first), *names(second)} == {f"P{n:02d} Provdotter" for n in range(27)}
    assert re.search(r'href="\?kon=K&sida=1">Föregående</a>', text(second))


def test_a_page_number_out_of_range_shows_the_last_page(
    client, fk_caseworker, participants_of_testkoping
):
    client.force_login(fk_caseworker)
    response = client.get(LIST, {"sida": "9"})
    assert len(rows(response)) == 4


# --- Att göra -------------------------------------------------------------------------------


def todo_sections(response) -> tuple[str, str]:
    page = text(response)
    missing = re.search(r'<section aria-labelledby="missing-title".*?</section>', page, re.S)
    waiting = re.search(r'<section aria-labelledby="waiting-title".*?</section>', page, re.S)
    return plain(missing.group(0)), plain(waiting.group(0))


def plain(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def test_att_gora_lists_the_steps_whose_answers_are_missing(
    client, fk_caseworker, participants_of_testkoping, participant_of_another_office
):
    answer_all(latest(participants_of_testkoping["anna"]), fk_caseworker)
    client.force_login(fk_caseworker)
    response = client.get(HOME)
    assert "<h1>Att göra</h1>" in text(response)
    missing, _waiting = todo_sections(response)
    assert "Anna" not in missing  # answered
    assert "Bertil Provdotter" in missing  # T1 still unanswered
    assert "Avslutat samarbete 2026-11-10" in missing  # Cecilia's closing step
    assert "Erik" not in missing
    cecilia = participants_of_testkoping["cecilia"]
    answers = reverse("transitions:answers", args=[cecilia.public_id, 3])
    assert f'<a href="{answers}?fran=att-gora">Registrera uppgifter' in text(response)


def test_att_gora_says_when_nothing_is_missing(client, fk_caseworker):
    client.force_login(fk_caseworker)
    missing, waiting = todo_sections(client.get(HOME))
    assert "Inga uppgifter saknas." in missing
    assert "Ingen deltagare har väntat så länge." in waiting


def test_att_gora_lists_participants_waiting_more_than_30_days_by_default(
    client, fk_caseworker, participants_of_testkoping, participant_of_another_office
):
    client.force_login(fk_caseworker)
    _missing, waiting = todo_sections(client.get(HOME))
    assert "Deltagare som väntat mer än 30 dagar" in waiting
    assert "Anna Provdotter" in waiting  # BGK since 2026-09-01
    assert "Begäran om gemensam kartläggning 2026-09-01" in waiting
    assert "David" not in waiting  # PAF for three days only
    assert "Bertil" not in waiting  # GK is an active type, not waiting
    assert "Erik" not in waiting  # another office


@override_settings(SUS_WAITING_ALERT_DAYS=10)
def test_the_waiting_threshold_comes_from_the_setting(client, fk_caseworker, af_office, fk_office):
    """Listed once the wait is more than the threshold: since the 12th is eleven days on the
    23rd, since the 13th exactly ten."""
    for first_name, since in (("Elva", 12), ("Tio", 13), ("Nio", 14)):
        started(fk_caseworker, af_office, fk_office, date=d(2026, 11, since), first_name=first_name)
    pal = started(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), first_name="Pal")
    walk(pal, fk_caseworker, [("GK", d(2026, 10, 2)), ("PAL", d(2026, 11, 1))])
    client.force_login(fk_caseworker)
    _missing, waiting = todo_sections(client.get(HOME))
    assert "Deltagare som väntat mer än 10 dagar" in waiting
    assert "Elva Provdotter" in waiting
    assert "Tio" not in waiting
    assert "Nio" not in waiting
    assert "Pal Provdotter" in waiting
    assert "Planerad arbetslivsinriktad 2026-11-01" in waiting


def test_att_gora_rows_escape_the_name_and_link_to_the_participant(
    client, fk_caseworker, af_office, fk_office
):
    """Both lists are written in one pass (transitions.templatetags.todo): every value escaped, the
    personnummer as ÅÅÅÅMMDD-NNNN, the names of the insatstyper translated."""
    participation = started(
        fk_caseworker, af_office, fk_office, date=d(2026, 9, 1), first_name='<b>Ö"rjan</b>'
    )
    client.force_login(fk_caseworker)
    response = client.get(HOME)
    page = response.content.decode()  # as sent, entities not decoded
    assert "<b>Ö" not in page
    # in each list, and once more hidden in the link to Registrera uppgifter
    assert page.count("&lt;b&gt;Ö&quot;rjan&lt;/b&gt; Provdotter") == 3
    person = participation.person
    shown = f"{person.personnummer[:8]}-{person.personnummer[8:]}"
    missing, waiting = todo_sections(response)
    assert f'Ö"rjan Provdotter, {shown} Begäran om gemensam kartläggning 2026-09-01' in missing
    assert f'Ö"rjan Provdotter, {shown} Begäran om gemensam kartläggning 2026-09-01' in waiting
    participant_page = reverse("transitions:participation", args=[participation.public_id])
    assert f'<td><a href="{participant_page}">&lt;b&gt;Ö' in page
    answers = reverse("transitions:answers", args=[participation.public_id, 1])
    assert f'<a href="{answers}?fran=att-gora">Registrera uppgifter' in text(response)


def test_users_without_participants_to_follow_see_no_att_gora(client, reader):
    client.force_login(reader)
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Att göra" not in visible_text(response)
