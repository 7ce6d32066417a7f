"""Every transition of SPEC §4.2 walked through the screens, by an FK and by an Af caseworker —
the system never refuses a step because of the user's agency — and every refusal message of
SPEC §4.3 as the user sees it. Today is 2026-11-23."""

import datetime
import itertools

import pytest
from django.urls import reverse

from tests.builders import d, start, walk
from tests.screens import (
    LABELS,
    STALE,
    error_summary,
    field_errors,
    hidden_fields,
    messages_shown,
    new_person,
    options,
    search,
    started,
    submit,
    visible_text,
)
from transitions.models import Participation
from transitions.services import participation_move

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

REGISTER = reverse("transitions:register")

# SPEC §4.2 written out by hand: (from, to) → (rule, agency that normally registers it).
RULES = {
    (None, "BGK"): ("T1", "FK"),
    ("BGK", "GK"): ("T2", "FK"),
    ("GK", "PAF"): ("T3", "FK"),
    ("GK", "PAL"): ("T4", "FK"),
    ("GK", "AVS"): ("T5", "FK"),
    ("GK", "KS"): ("T6", "FK"),
    ("BGK", "AVB"): ("T7", "FK"),
    ("GK", "AVB"): ("T8", "FK"),
    ("PAF", "ARF"): ("T9", "Af"),
    ("PAL", "ARL"): ("T10", "Af"),
    ("PAF", "ARL"): ("T11", "Af"),
    ("PAL", "ARF"): ("T11", "Af"),
    ("ARF", "ARL"): ("T12", "Af"),
    ("ARL", "ARF"): ("T12", "Af"),
    ("ARF", "AVS"): ("T13", "Af"),
    ("ARL", "AVS"): ("T13", "Af"),
    ("PAF", "AVS"): ("T14", "Af"),
    ("PAL", "AVS"): ("T14", "Af"),
    ("PAF", "AVB"): ("T15", "Af"),
    ("PAL", "AVB"): ("T15", "Af"),
    ("ARF", "AVB"): ("T15", "Af"),
    ("ARL", "AVB"): ("T15", "Af"),
}
WITH_QUESTIONS = {"T1", "T3", "T4", "T5", "T6", "T7", "T8", "T13", "T14", "T15"}

# Walks from the request to a closing type; together they take every pair of the table.
PATHS = [
    ["GK", "PAF", "ARF", "ARL", "ARF", "AVS"],
    ["GK", "PAL", "ARL", "AVS"],
    ["GK", "PAF", "ARL", "AVB"],
    ["GK", "PAL", "ARF", "AVB"],
    ["GK", "PAF", "AVS"],
    ["GK", "PAL", "AVS"],
    ["GK", "PAF", "AVB"],
    ["GK", "PAL", "AVB"],
    ["GK", "AVS"],
    ["GK", "KS"],
    ["AVB"],
    ["GK", "AVB"],
]
FIRST_DAY = d(2026, 10, 1)


def pairs_of(path):
    types = [None, "BGK", *path]
    return list(itertools.pairwise(types))


def offered_after(current):
    return {
        to: f"{LABELS[to]} (registreras normalt av {agency})"
        for (from_, to), (_code, agency) in RULES.items()
        if from_ == current
    }


def participation_url(participation):
    return reverse("transitions:participation", args=[participation.public_id])


def register_t1(client, person, af_office, fk_office, date):
    found = search(client, REGISTER, person.personnummer)
    url = found["Location"]
    assert options(client.get(url), "to_type") == offered_after(None)
    data = {
        "af_office": af_office.pk,
        "fk_office": fk_office.pk,
        "consent_confirmed": "on",
        "consent_date": date.isoformat(),
        "to_type": "BGK",
        "date": date.isoformat(),
    }
    response = submit(client, url, data)
    assert response.status_code == 302, visible_text(response)
    return Participation.objects.get(person__personnummer=person.personnummer), response


def register_step(client, participation, to_type, date):
    url = participation_url(participation)
    page = client.get(url)
    current = Participation.objects.get(pk=participation.pk).current_type
    assert options(page, "to_type") == offered_after(current)
    response = client.post(url, {**hidden_fields(page), "to_type": to_type, "date": str(date)})
    assert response.status_code == 302, visible_text(response)
    return response


def test_the_walks_take_every_rule_of_the_table():
    taken = {pair for path in PATHS for pair in pairs_of(path)}
    assert taken == set(RULES)
    assert {RULES[pair][0] for pair in taken} == {f"T{n}" for n in range(1, 16)}


@pytest.mark.parametrize("persona", ["fk_caseworker", "af_caseworker"])
@pytest.mark.parametrize("path", PATHS, ids=["-".join(p) for p in PATHS])
def test_a_caseworker_of_either_agency_walks_the_steps_through_the_screens(
    client, request, persona, path, af_office, fk_office
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    participation, response = register_t1(client, new_person(), af_office, fk_office, FIRST_DAY)
    expected = [("T1", response["Location"])]
    for n, to_type in enumerate(path, start=1):
        date = FIRST_DAY + datetime.timedelta(days=3 * n)
        response = register_step(client, participation, to_type, date)
        expected.append((RULES[pairs_of(path)[n]][0], response["Location"]))

    for sequence, (code, location) in enumerate(expected, start=1):
        if code in WITH_QUESTIONS:  # straight to "Registrera uppgifter" of that step
            assert location == reverse(
                "transitions:answers", args=[participation.public_id, sequence]
            ), code
        else:  # the page confirms the save
            assert location == participation_url(participation), code
    transitions = list(participation.transitions.order_by("sequence"))
    assert [t.to_type for t in transitions] == ["BGK", *path]
    assert {t.registered_by for t in transitions} == {user}
    participation.refresh_from_db()
    assert participation.current_type == path[-1]
    assert not participation.is_open
    page = client.get(participation_url(participation))
    assert f"Nuvarande insatstyp {LABELS[path[-1]]}" in visible_text(page)
    assert 'name="to_type"' not in page.content.decode()


def test_the_confirmation_names_the_saved_step(client, af_caseworker, af_office, fk_office):
    participation = started(af_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(af_caseworker)
    response = register_step(client, participation, "GK", d(2026, 11, 3))
    page = client.get(response["Location"])
    assert messages_shown(page) == ["Övergången är sparad."]
    assert "Nuvarande insatstyp Gemensam kartläggning" in visible_text(page)


# --- the refusals of SPEC §4.3 -------------------------------------------------------------


@pytest.fixture
def open_at_gk(fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    return participation


def refused_step(client, participation, data, domain_rows):
    before = domain_rows()
    response = submit(client, participation_url(participation), data)
    assert response.status_code == 200
    assert domain_rows() == before
    return response


def test_a_type_that_is_not_offered_is_refused_with_the_message_of_spec(
    client, fk_caseworker, open_at_gk, domain_rows
):
    client.force_login(fk_caseworker)
    response = refused_step(
        client, open_at_gk, {"to_type": "ARF", "date": "2026-11-20"}, domain_rows
    )
    assert field_errors(response, "id_to_type") == [
        "Övergång från Gemensam kartläggning till Arbetsförberedande är inte tillåten."
    ]
    assert [target for target, _text in error_summary(response)] == ["#id_to_type"]


@pytest.mark.parametrize("chosen", ["PAL", "AVB"], ids=["no longer allowed", "still allowed"])
def test_a_step_chosen_before_a_colleagues_step_is_not_saved_and_the_page_is_read_again(
    client, fk_caseworker, af_caseworker, open_at_gk, chosen
):
    """The page offered PAL and AVB from GK; meanwhile an Af colleague registered PAF (from
    which PAL is refused and AVB allowed). The user decided on what it saw: nothing is saved,
    the user is told and sees the participant's state now (SPEC §4.3)."""
    client.force_login(fk_caseworker)
    url = participation_url(open_at_gk)
    page = client.get(url)
    walk(open_at_gk, af_caseworker, [("PAF", d(2026, 11, 15))])
    response = client.post(
        url, {**hidden_fields(page), "to_type": chosen, "date": "2026-11-20"}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    assert messages_shown(response) == [STALE]
    assert "Nuvarande insatstyp Planerad arbetsförberedande" in visible_text(response)
    assert [t.to_type for t in open_at_gk.transitions.order_by("sequence")] == ["BGK", "GK", "PAF"]


def test_a_date_before_the_previous_step_is_refused(client, fk_caseworker, open_at_gk, domain_rows):
    client.force_login(fk_caseworker)
    response = refused_step(
        client, open_at_gk, {"to_type": "PAF", "date": "2026-11-09"}, domain_rows
    )
    assert field_errors(response, "id_date") == [
        "Datum för övergång kan inte vara tidigare än datum för föregående övergång (2026-11-10)."
    ]


def test_the_day_of_the_previous_step_is_allowed(client, af_caseworker, open_at_gk):
    client.force_login(af_caseworker)
    register_step(client, open_at_gk, "PAF", "20261110")
    assert open_at_gk.transitions.order_by("-sequence").first().date == d(2026, 11, 10)


def test_a_future_date_is_refused(client, af_caseworker, open_at_gk, domain_rows):
    client.force_login(af_caseworker)
    response = refused_step(
        client, open_at_gk, {"to_type": "PAF", "date": "2026-11-24"}, domain_rows
    )
    assert field_errors(response, "id_date") == [
        "Datum för övergång kan inte vara ett framtida datum."
    ]


def test_today_is_allowed(client, fk_caseworker, open_at_gk):
    client.force_login(fk_caseworker)
    register_step(client, open_at_gk, "PAL", "2026-11-23")
    open_at_gk.refresh_from_db()
    assert open_at_gk.current_since == d(2026, 11, 23)


def test_a_date_before_the_move_is_refused(
    client, fk_caseworker, open_at_gk, af_office_other, fk_office, domain_rows
):
    participation_move(
        participation=open_at_gk,
        af_office=af_office_other,
        fk_office=fk_office,
        date=d(2026, 11, 16),
        actor=fk_caseworker,
    )
    client.force_login(fk_caseworker)
    response = refused_step(
        client, open_at_gk, {"to_type": "PAF", "date": "2026-11-12"}, domain_rows
    )
    assert field_errors(response, "id_date") == [
        "Datum för övergång kan inte vara tidigare än datum för flytt (2026-11-16)."
    ]


def test_a_missing_or_malformed_date_is_refused(client, fk_caseworker, open_at_gk, domain_rows):
    client.force_login(fk_caseworker)
    missing = refused_step(client, open_at_gk, {"to_type": "PAF", "date": ""}, domain_rows)
    assert field_errors(missing, "id_date") == ["Ange datum för övergång."]
    malformed = refused_step(
        client, open_at_gk, {"to_type": "PAF", "date": "20/11/2026"}, domain_rows
    )
    assert field_errors(malformed, "id_date") == ["Ange datum som ÅÅÅÅ-MM-DD."]
    assert 'value="20/11/2026"' in malformed.content.decode()


def test_no_type_chosen_is_refused(client, fk_caseworker, open_at_gk, domain_rows):
    client.force_login(fk_caseworker)
    response = refused_step(client, open_at_gk, {"to_type": "", "date": "2026-11-20"}, domain_rows)
    assert field_errors(response, "id_to_type") == ["Ange vilken insatstyp övergången går till."]


def test_a_second_request_while_the_participation_is_open_is_refused(
    client, fk_caseworker, af_caseworker, af_office, fk_office
):
    """The page of a first registration was read; before "Spara" a colleague registered the
    person. Nothing is registered twice and the user is told why."""
    person = new_person()
    client.force_login(fk_caseworker)
    url = search(client, REGISTER, person.personnummer)["Location"]
    page = client.get(url)
    existing = start(af_caseworker, af_office, fk_office, date=d(2026, 11, 1), person=person)
    data = {
        "af_office": af_office.pk,
        "fk_office": fk_office.pk,
        "consent_confirmed": "on",
        "consent_date": "2026-11-02",
        "to_type": "BGK",
        "date": "2026-11-02",
    }
    response = client.post(url, {**hidden_fields(page), **data}, follow=True)
    assert response.redirect_chain == [(participation_url(existing), 302)]
    assert messages_shown(response) == [
        "Deltagaren har redan en pågående medverkan i Af/FK-samarbetet."
    ]
    assert Participation.objects.filter(person=existing.person).count() == 1


@pytest.mark.parametrize("persona", ["fk_caseworker", "af_caseworker"])
@pytest.mark.parametrize(
    "screen", ["transitions:register", "transitions:history", "transitions:move"]
)
def test_an_invalid_personnummer_is_refused_at_the_field(client, request, persona, screen):
    client.force_login(request.getfixturevalue(persona))
    response = search(client, reverse(screen), "19850312-9805")
    assert response.status_code == 200
    assert field_errors(response, "id_personnummer") == ["Personnumret är inte giltigt."]
    assert error_summary(response) == [
        ("#id_personnummer", "Personnummer: Personnumret är inte giltigt.")
    ]
    assert 'value="19850312-9805"' in response.content.decode()


def test_an_unknown_person_is_refused_at_the_field(client, af_caseworker):
    client.force_login(af_caseworker)
    response = search(client, REGISTER, "19850312-9804")  # valid, but not in the register
    assert field_errors(response, "id_personnummer") == [
        "Det finns ingen person med detta personnummer."
    ]


def test_an_empty_search_asks_for_a_personnummer(client, fk_caseworker):
    client.force_login(fk_caseworker)
    response = search(client, REGISTER, "")
    assert field_errors(response, "id_personnummer") == ["Ange personnummer."]


def test_a_goteborg_participant_without_stadsdel_is_refused(
    client, af_caseworker, af_office, fk_office, domain_rows
):
    client.force_login(af_caseworker)
    url = search(client, REGISTER, new_person(municipality="1480").personnummer)["Location"]
    before = domain_rows()
    response = submit(
        client,
        url,
        {
            "af_office": af_office.pk,
            "fk_office": fk_office.pk,
            "consent_confirmed": "on",
            "consent_date": "2026-11-02",
            "to_type": "BGK",
            "date": "2026-11-02",
        },
    )
    assert domain_rows() == before
    assert field_errors(response, "id_stadsdel") == [
        "Du måste ange stadsdel för deltagare folkbokförda i Stockholm eller Göteborg."
    ]
