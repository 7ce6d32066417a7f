""" "Registrera medverkan" through the test client (SPEC §5.1, §3.3, §4.4): "Sök", the first
registration with offices, stadsdel and consent, where "Spara" leads, protected identity, and
"Radera" after a confirmation page. Today is 2026-11-23."""

import pytest
from django.urls import reverse

import transitions.views.register
from offices.selectors import Acting
from participants.models import AnonymousCount, Person, RegisterPerson, Stadsdel
from tests.builders import answer_all, d, latest, start, walk
from tests.factories import FkOfficeFactory
from tests.screens import (
    ERROR_SUMMARY,
    STALE,
    assert_nothing_about,
    assert_refused,
    error_summary,
    field_errors,
    hidden_fields,
    messages_shown,
    new_person,
    no_uppdrag_caseworker,
    options,
    search,
    started,
    submit,
    text,
    visible_text,
)
from transitions.models import BegaranAnswers, Participation, Transition
from transitions.search import participant_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

REGISTER = reverse("transitions:register")
STADSDEL_REQUIRED = "Du måste ange stadsdel för deltagare folkbokförda i Stockholm eller Göteborg."
PROTECTED = "Deltagaren har skyddade personuppgifter och ska registreras som anonym deltagare."


def start_page(client, person):
    """ "Sök" for a person not in an open participation: the page of the first registration."""
    response = search(client, REGISTER, person.personnummer)
    assert response.status_code == 302
    assert response["Location"].startswith("/medverkan/ny/")
    return response["Location"]


def t1_data(af_office, fk_office, **overrides):
    data = {
        "af_office": af_office.pk,
        "fk_office": fk_office.pk,
        "consent_confirmed": "on",
        "consent_date": "2026-11-02",
        "to_type": "BGK",
        "date": "2026-11-02",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def participation_url(participation, name="transitions:participation"):
    return reverse(name, args=[participation.public_id])


# --- "Sök" --------------------------------------------------------------------------------


def test_the_page_opens_with_personnummer_and_sok(client, fk_caseworker):
    client.force_login(fk_caseworker)
    response = client.get(REGISTER)
    assert response.status_code == 200
    page = text(response)
    assert 'for="id_personnummer"' in page
    assert "Personnummer" in visible_text(response)
    assert ">Sök</button>" in page
    assert 'method="post"' in page


@pytest.mark.parametrize("typed", ["twelve digits", "ten with dash", "twelve with dash"])
def test_search_accepts_the_usual_ways_of_writing_a_personnummer(client, fk_caseworker, typed):
    pnr = new_person().personnummer
    written = {
        "twelve digits": pnr,
        "ten with dash": f"{pnr[2:8]}-{pnr[8:]}",
        "twelve with dash": f"{pnr[:8]}-{pnr[8:]}",
    }[typed]
    client.force_login(fk_caseworker)
    response = search(client, REGISTER, written, follow=True)
    assert "Namn Sigrid Provdotter" in visible_text(response)


def test_search_shows_name_kommun_and_the_first_registration(client, fk_caseworker):
    person = new_person(municipality="1280")
    client.force_login(fk_caseworker)
    response = client.get(start_page(client, person))
    page = visible_text(response)
    assert "Namn Sigrid Provdotter" in page
    assert f"Personnummer {person.personnummer[:8]}-{person.personnummer[8:]}" in page
    assert "Folkbokföringskommun Malmö" in page
    for label in (
        "Arbetsförmedling",
        "Kontor",
        "Deltagaren har lämnat skriftligt samtycke",
        "Datum för samtycke",
        "Övergång till",
        "Datum för övergång",
    ):
        assert label in page
    assert "Stadsdel" not in page  # Malmö has none
    assert ">Spara</button>" in text(response)


def test_at_t1_only_the_request_is_offered_showing_that_fk_normally_registers_it(
    client, af_caseworker
):
    client.force_login(af_caseworker)
    response = client.get(start_page(client, new_person()))
    assert options(response, "to_type") == {
        "BGK": "Begäran om gemensam kartläggning (registreras normalt av FK)"
    }


@pytest.mark.parametrize(("kommun", "a_stadsdel"), [("0180", "Södermalm"), ("1480", "Angered")])
def test_stadsdel_is_asked_for_people_of_stockholm_and_goteborg(
    client, fk_caseworker, kommun, a_stadsdel
):
    client.force_login(fk_caseworker)
    response = client.get(start_page(client, new_person(municipality=kommun)))
    offered = options(response, "stadsdel")
    assert a_stadsdel in offered.values()
    other_city = {"0180": "Angered", "1480": "Södermalm"}[kommun]
    assert other_city not in offered.values()


def test_an_fk_user_picks_among_its_own_kontor_and_any_arbetsformedling(
    client, fk_caseworker, fk_office, fk_office_other, af_office, af_office_other
):
    client.force_login(fk_caseworker)
    response = client.get(start_page(client, new_person()))
    assert set(options(response, "fk_office")) == {str(fk_office.pk)}
    assert set(options(response, "af_office")) == {str(af_office.pk), str(af_office_other.pk)}


def test_an_af_user_picks_among_its_own_arbetsformedlingar_and_any_kontor(
    client, af_caseworker, fk_office, fk_office_other, af_office, af_office_other
):
    client.force_login(af_caseworker)
    response = client.get(start_page(client, new_person()))
    assert set(options(response, "af_office")) == {str(af_office.pk)}
    assert set(options(response, "fk_office")) == {str(fk_office.pk), str(fk_office_other.pk)}


def test_a_closed_office_is_not_offered(client, af_caseworker, fk_office):
    closed = FkOfficeFactory(name="Stängdby", is_active=False)
    client.force_login(af_caseworker)
    response = client.get(start_page(client, new_person()))
    assert str(fk_office.pk) in options(response, "fk_office")
    assert str(closed.pk) not in options(response, "fk_office")


# --- T1 through the form ------------------------------------------------------------------


def test_spara_registers_t1_and_leads_to_registrera_uppgifter(
    client, fk_caseworker, af_office, fk_office
):
    person = new_person()
    client.force_login(fk_caseworker)
    url = start_page(client, person)
    response = submit(client, url, t1_data(af_office, fk_office, date="20261102"))

    participation = Participation.objects.get(person__personnummer=person.personnummer)
    assert response.status_code == 302
    assert response["Location"] == reverse("transitions:answers", args=[participation.public_id, 1])
    assert (participation.af_office, participation.fk_office) == (af_office, fk_office)
    assert participation.current_type == "BGK"
    assert participation.started_on == d(2026, 11, 2)
    assert participation.consent.given_on == d(2026, 11, 2)
    assert latest(participation).registered_by == fk_caseworker
    answers = client.get(response["Location"])
    assert "Deltagaren är registrerad. Besvara frågorna." in messages_shown(answers)
    assert "<h1>Registrera uppgifter</h1>" in text(answers)


def test_an_af_user_registers_t1_as_well(client, af_caseworker, af_office, fk_office_other):
    person = new_person()
    client.force_login(af_caseworker)
    response = submit(client, start_page(client, person), t1_data(af_office, fk_office_other))
    assert response.status_code == 302
    participation = Participation.objects.get(person__personnummer=person.personnummer)
    assert participation.fk_office == fk_office_other
    assert latest(participation).registered_by == af_caseworker


def test_t1_with_nothing_filled_in_shows_every_message_at_its_field_and_saves_nothing(
    client, fk_caseworker, domain_rows
):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    before = domain_rows()
    blank = {"af_office": "", "fk_office": "", "consent_date": "", "date": "", "to_type": "BGK"}
    response = submit(client, url, blank)
    assert response.status_code == 200
    assert domain_rows() == before
    expected = {
        "id_af_office": "Ange arbetsförmedling.",
        "id_fk_office": "Ange kontor.",
        "id_consent_confirmed": "Ange att deltagaren har lämnat skriftligt samtycke.",
        "id_consent_date": "Ange datum för samtycke.",
        "id_date": "Ange datum för övergång.",
    }
    for field_id, message in expected.items():
        assert field_errors(response, field_id) == [message]
    summary = error_summary(response)
    assert ERROR_SUMMARY in visible_text(response)
    assert {target for target, _text in summary} == {f"#{f}" for f in expected}


def test_stockholm_participant_needs_a_stadsdel_which_is_then_shown_read_only(
    client, fk_caseworker, af_office, fk_office, domain_rows
):
    person = new_person(municipality="0180")
    client.force_login(fk_caseworker)
    url = start_page(client, person)
    before = domain_rows()

    refused = submit(client, url, t1_data(af_office, fk_office))
    assert field_errors(refused, "id_stadsdel") == [STADSDEL_REQUIRED]
    assert ("#id_stadsdel", f"Stadsdel: {STADSDEL_REQUIRED}") in error_summary(refused)
    assert domain_rows() == before

    sodermalm = Stadsdel.objects.get(municipality__code="0180", name="Södermalm")
    saved = submit(client, url, t1_data(af_office, fk_office, stadsdel=sodermalm.pk))
    assert saved.status_code == 302
    participation = Participation.objects.get(person__personnummer=person.personnummer)
    assert participation.stadsdel == sodermalm
    later = client.get(participation_url(participation))
    assert "Stadsdel Södermalm" in visible_text(later)
    assert 'name="stadsdel"' not in text(later)


def test_the_own_agencys_office_must_be_one_with_an_uppdrag(
    client, fk_caseworker, af_office, fk_office_other, domain_rows
):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    before = domain_rows()
    response = submit(client, url, t1_data(af_office, fk_office_other))
    assert response.status_code == 200
    assert domain_rows() == before
    (message,) = field_errors(response, "id_fk_office")
    assert message.startswith("Välj ett giltigt alternativ.")  # Django's own words
    assert [target for target, _text in error_summary(response)] == ["#id_fk_office"]


def test_a_refused_registration_keeps_what_was_typed(client, fk_caseworker, af_office, fk_office):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    response = submit(
        client,
        url,
        t1_data(af_office, fk_office, consent_confirmed=None, date="20261105", consent_date=""),
    )
    page = text(response)
    assert 'name="date" value="20261105"' in page
    assert f'<option value="{af_office.pk}" selected>' in page
    assert f'<option value="{fk_office.pk}" selected>' in page
    assert field_errors(response, "id_consent_confirmed") == [
        "Ange att deltagaren har lämnat skriftligt samtycke."
    ]


def test_consent_dated_in_the_future_is_refused(client, fk_caseworker, af_office, fk_office):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    response = submit(client, url, t1_data(af_office, fk_office, consent_date="2026-11-24"))
    assert field_errors(response, "id_consent_date") == [
        "Datum för samtycke kan inte vara ett framtida datum."
    ]
    assert not Participation.objects.exists()


def test_a_returning_person_sees_the_previous_participation_and_needs_new_consent(
    client, fk_caseworker, af_office, fk_office
):
    person = new_person()
    first = start(fk_caseworker, af_office, fk_office, date=d(2026, 9, 1), person=person)
    walk(first, fk_caseworker, [("AVB", d(2026, 9, 10))])
    client.force_login(fk_caseworker)
    url = start_page(client, person)
    page = client.get(url)
    assert "Tidigare medverkan" in visible_text(page)
    assert "Avbrutet samarbete" in visible_text(page)

    response = submit(
        client, url, t1_data(af_office, fk_office, consent_date="2026-09-01", date="2026-11-02")
    )
    assert field_errors(response, "id_consent_date") == [
        "En återkommande deltagare behöver ett nytt samtycke. Datum för samtycke kan inte vara "
        "tidigare än när den förra medverkan avslutades (2026-09-10)."
    ]
    response = submit(client, url, t1_data(af_office, fk_office, consent_date="2026-11-02"))
    assert response.status_code == 302
    assert person_participations(person) == 2


def person_participations(register_person) -> int:
    return Participation.objects.filter(person__personnummer=register_person.personnummer).count()


def test_a_start_page_forgotten_by_the_session_asks_for_a_new_search(client, fk_caseworker):
    client.force_login(fk_caseworker)
    response = client.get(reverse("transitions:start", args=["0" * 32]), follow=True)
    assert response.redirect_chain[-1][0] == REGISTER
    assert "Sök på personnumret igen." in messages_shown(response)


def test_t1_refused_when_a_colleague_opened_the_participation_at_the_same_moment(
    client, fk_caseworker, af_office, fk_office, monkeypatch
):
    """The search said "new"; by the time of saving, a colleague had registered the person
    (SPEC §4.3: exactly one succeeds, the other gets a clear message)."""
    person = new_person()
    client.force_login(fk_caseworker)
    url = start_page(client, person)
    page = client.get(url)
    as_read = participant_search(personnummer=person.personnummer, acting=Acting(fk_caseworker))
    start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 1), person=person)
    monkeypatch.setattr(transitions.views.register, "participant_search", lambda **kwargs: as_read)

    response = client.post(url, {**hidden_fields(page), **t1_data(af_office, fk_office)})
    monkeypatch.undo()
    shown = client.get(response["Location"], follow=True)
    assert "Deltagaren har redan en pågående medverkan i Af/FK-samarbetet." in messages_shown(shown)
    assert person_participations(person) == 1


def test_t1_for_a_person_opened_meanwhile_at_another_office_tells_nothing(
    client,
    fk_caseworker,
    other_caseworker,
    af_office_other,
    fk_office_other,
    af_office,
    fk_office,
    monkeypatch,
):
    """As above, but the colleague is at another office: the user gets the refusal of SPEC §5.1
    and learns nothing about the other participation."""
    person = new_person()
    client.force_login(fk_caseworker)
    url = start_page(client, person)
    page = client.get(url)
    as_read = participant_search(personnummer=person.personnummer, acting=Acting(fk_caseworker))
    other = start(
        other_caseworker, af_office_other, fk_office_other, date=d(2026, 11, 1), person=person
    )
    monkeypatch.setattr(transitions.views.register, "participant_search", lambda **kwargs: as_read)

    response = client.post(url, {**hidden_fields(page), **t1_data(af_office, fk_office)})
    monkeypatch.undo()
    refused = client.get(response["Location"])
    assert_refused(refused)
    assert "Annanstad" not in text(refused)
    assert Participation.objects.get(person=other.person) == other


# --- an open participation ----------------------------------------------------------------


def test_sok_on_an_open_participant_shows_person_offices_insatstyp_and_history(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    response = search(client, REGISTER, participation.person.personnummer, follow=True)
    assert response.redirect_chain == [(participation_url(participation), 302)]
    page = visible_text(response)
    assert "Namn Sigrid Provdotter" in page
    assert "Folkbokföringskommun Malmö" in page
    assert "Arbetsförmedling Arbetsförmedlingen Testköping" in page
    assert "Kontor Testköping TA" in page
    assert "Nuvarande insatstyp Gemensam kartläggning" in page
    assert "Begäran om gemensam kartläggning 2026-11-02 2026-11-05" in page
    assert "Gemensam kartläggning 2026-11-05 –" in page
    assert options(response, "to_type") == {
        "PAF": "Planerad arbetsförberedande (registreras normalt av FK)",
        "PAL": "Planerad arbetslivsinriktad (registreras normalt av FK)",
        "AVS": "Avslutat samarbete (registreras normalt av FK)",
        "KS": "Konsultativt stöd (registreras normalt av FK)",
        "AVB": "Avbrutet samarbete (registreras normalt av FK)",
    }
    assert 'name="af_office"' not in text(response)  # offices are shown read-only later


def test_sok_on_another_offices_participant_shows_the_message_and_nothing_about_the_person(
    client, other_caseworker, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(other_caseworker)
    response = search(client, REGISTER, participation.person.personnummer)
    assert_refused(response, participation)
    assert "Testköping" not in text(response)


def test_opening_the_page_without_uppdrag_shows_the_message_at_once(client, db):
    client.force_login(no_uppdrag_caseworker())
    assert_refused(client.get(REGISTER))


def test_a_step_without_questions_is_confirmed_on_the_page(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    url = participation_url(participation)
    response = submit(client, url, {"to_type": "GK", "date": "2026-11-10"})
    assert response["Location"] == url
    page = client.get(url)
    assert messages_shown(page) == ["Övergången är sparad."]
    assert "Nuvarande insatstyp Gemensam kartläggning" in visible_text(page)


def test_a_step_with_questions_leads_straight_to_registrera_uppgifter(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    response = submit(
        client, participation_url(participation), {"to_type": "AVB", "date": "2026-11-10"}
    )
    assert response["Location"] == reverse("transitions:answers", args=[participation.public_id, 2])
    page = client.get(response["Location"])
    assert messages_shown(page) == ["Övergången är sparad. Besvara frågorna."]
    assert "Avbrottsorsak" in visible_text(page)


def test_a_closed_participation_offers_no_new_step(client, fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 3))])
    client.force_login(fk_caseworker)
    response = client.get(participation_url(participation))
    assert 'name="to_type"' not in text(response)
    assert "Medverkan är avslutad." in visible_text(response)


def test_a_step_posted_to_a_closed_participation_is_refused_with_a_message(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 3))])
    client.force_login(fk_caseworker)
    response = client.post(
        participation_url(participation), {"to_type": "GK", "date": "2026-11-04"}, follow=True
    )
    assert messages_shown(response) == [
        "Medverkan är avslutad. Ingen övergång kan registreras i den."
    ]
    assert participation.transitions.count() == 2


# --- protected identity -------------------------------------------------------------------


def test_protected_identity_leads_to_the_anonymous_registration(client, fk_caseworker):
    person = new_person(protected=True, first_name="Hemlig", last_name="Skyddsdotter")
    client.force_login(fk_caseworker)
    response = search(client, REGISTER, person.personnummer)
    assert response.status_code == 200
    assert PROTECTED in visible_text(response)
    assert f'href="{reverse("transitions:anonymous")}"' in text(response)
    page = text(response)
    for secret in ("Hemlig", "Skyddsdotter", person.personnummer, person.personnummer[2:]):
        assert secret not in page
    assert not Person.objects.exists()


def test_a_participant_who_got_protected_identity_is_not_shown_again(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    pnr = participation.person.personnummer
    RegisterPerson.objects.filter(personnummer=pnr).update(protected_identity=True)
    client.force_login(fk_caseworker)
    response = search(client, REGISTER, pnr)
    assert PROTECTED in visible_text(response)
    assert_nothing_about(response, participation)
    participation.person.refresh_from_db()
    assert participation.person.personnummer is None
    assert client.get(participation_url(participation)).status_code == 403


# --- "Radera" -----------------------------------------------------------------------------


def test_radera_asks_for_confirmation_before_deleting_the_latest_step(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    assert f'href="{participation_url(participation, "transitions:delete")}"' in text(
        client.get(participation_url(participation))
    )
    confirm = client.get(participation_url(participation, "transitions:delete"))
    assert (
        "Vill du radera övergången från Begäran om gemensam kartläggning till Gemensam "
        "kartläggning (2026-11-05)?"
    ) in visible_text(confirm)
    # GK has no questions: nothing is said about answers, and the button names the step
    assert "Svaren" not in visible_text(confirm)
    assert "Radera övergången till Gemensam kartläggning (2026-11-05) Avbryt" in visible_text(
        confirm
    )
    assert participation.transitions.count() == 2  # nothing deleted by looking

    response = client.post(
        participation_url(participation, "transitions:delete"), hidden_fields(confirm)
    )
    assert response["Location"] == participation_url(participation)
    assert messages_shown(client.get(response["Location"])) == ["Övergången är raderad."]
    participation.refresh_from_db()
    assert participation.current_type == "BGK"
    assert participation.transitions.count() == 1


def test_radera_takes_the_answers_with_the_step(client, fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    (interrupted,) = walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    answer_all(interrupted, fk_caseworker)
    client.force_login(fk_caseworker)
    submit(client, participation_url(participation, "transitions:delete"), {})
    assert not Transition.objects.filter(pk=interrupted.pk).exists()
    participation.refresh_from_db()
    assert participation.is_open


def test_radera_on_the_first_registration_removes_the_whole_participation(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    answer_all(latest(participation), fk_caseworker)
    client.force_login(fk_caseworker)
    url = participation_url(participation, "transitions:delete")
    confirm = client.get(url)
    assert (
        "Vill du radera den första registreringen (2026-11-02)? Det är medverkans enda "
        "övergång: hela deltagarens medverkan tas bort, med samtycket. Svaren på övergångens "
        "frågor raderas också."
    ) in visible_text(confirm)

    response = client.post(url, hidden_fields(confirm), follow=True)
    assert response.redirect_chain == [(REGISTER, 302)]
    assert messages_shown(response) == [
        "Registreringen är raderad. Deltagarens medverkan är borttagen."
    ]
    assert not Participation.objects.exists()
    assert not Person.objects.exists()
    assert not BegaranAnswers.objects.exists()


def test_radera_from_a_page_read_before_another_step_deletes_nothing(
    client, fk_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    url = participation_url(participation, "transitions:delete")
    confirm = client.get(url)
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])  # a colleague, meanwhile

    response = client.post(url, hidden_fields(confirm), follow=True)
    assert messages_shown(response) == [STALE]
    assert participation.transitions.count() == 2


def test_another_office_cannot_delete(
    client, fk_caseworker, other_caseworker, af_office, fk_office
):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    confirm = client.get(participation_url(participation, "transitions:delete"))
    client.force_login(other_caseworker)
    response = client.post(
        participation_url(participation, "transitions:delete"), hidden_fields(confirm)
    )
    assert_refused(response, participation)
    assert participation.transitions.count() == 1


# --- "Registrera anonyma deltagare" (SPEC §3.3) ----------------------------------------------

ANONYMOUS = reverse("transitions:anonymous")


def test_the_anonymous_registration_asks_offices_year_and_counts(
    client, af_caseworker, af_office, af_office_other, fk_office, fk_office_other
):
    client.force_login(af_caseworker)
    response = client.get(ANONYMOUS)
    page = visible_text(response)
    for label in ("Arbetsförmedling", "Kontor", "År", "Antal kvinnor", "Antal män"):
        assert label in page
    assert set(options(response, "af_office")) == {str(af_office.pk)}  # own uppdrag only
    assert set(options(response, "fk_office")) == {str(fk_office.pk), str(fk_office_other.pk)}
    assert 'name="year" value="2026"' in text(response)
    assert 'name="personnummer"' not in text(response)


def test_anonymous_participants_are_counted_per_office_pair_and_year(
    client, fk_caseworker, af_office, fk_office
):
    client.force_login(fk_caseworker)
    data = {"af_office": af_office.pk, "fk_office": fk_office.pk, "year": "2025", "men": "3"}
    response = submit(client, ANONYMOUS, data)
    assert response["Location"] == ANONYMOUS
    count = AnonymousCount.objects.get()
    assert (count.af_office, count.fk_office, count.year, count.women, count.men) == (
        af_office,
        fk_office,
        2025,
        0,
        3,
    )
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"women": "0", "men": "0"}, "id_women", "Ange antal kvinnor eller antal män."),
        ({"year": "2027", "women": "1"}, "id_year", "Ange ett år från 2010 till och med 2026."),
        ({"af_office": "", "women": "1"}, "id_af_office", "Ange arbetsförmedling."),
    ],
)
def test_anonymous_registration_refusals_are_shown_at_their_field(
    client, fk_caseworker, af_office, fk_office, data, field, message
):
    client.force_login(fk_caseworker)
    posted = {"af_office": af_office.pk, "fk_office": fk_office.pk, "year": "2026", **data}
    response = submit(client, ANONYMOUS, posted)
    assert response.status_code == 200
    assert field_errors(response, field) == [message]
    assert not AnonymousCount.objects.exists()
