"""A record that cannot be corrupted through the screens (issue: the holes found when tried as a
caseworker would): each refusal says exactly why, keeps what was typed and saves nothing.
Today is 2026-11-23."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditRecord
from offices.forms import UserSearchForm
from participants.models import AnonymousCount, Municipality
from participants.personnummer import parse
from tests.builders import d, register_person, start, walk
from tests.screens import field_errors, messages_shown, new_person, search, submit, text
from tests.transitions.screens.test_screens_register import start_page, t1_data
from transitions.models import Participation, Transition
from transitions.services import participation_move

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

ANONYMOUS = reverse("transitions:anonymous")


def page_of(participation, name="transitions:participation"):
    return reverse(name, args=[participation.public_id])


# --- 1, 2: no false message, plausible dates, input kept ---------------------------------------


@pytest.mark.parametrize("typed", ["1026-11-20", "1901-01-01"])
def test_a_first_step_before_the_persons_birth_says_so_and_keeps_the_form(
    client, fk_caseworker, af_office, fk_office, domain_rows, typed
):
    client.force_login(fk_caseworker)
    person = new_person()
    born = parse(person.personnummer).birth_date
    url = start_page(client, person)
    before = domain_rows()
    response = submit(client, url, t1_data(af_office, fk_office, date=typed, consent_date=typed))
    assert response.status_code == 200
    errors = field_errors(response, "id_date")
    assert errors == [f"Datum för övergång kan inte vara före deltagarens födelsedag ({born})."]
    assert "pågående medverkan" not in text(response)
    assert f'name="date" value="{typed}"' in text(response)
    assert f'<option value="{af_office.pk}" selected>' in text(response)
    assert domain_rows() == before


def test_a_first_step_before_sus_first_year_is_refused(
    client, fk_caseworker, af_office, fk_office, settings
):
    settings.SUS_FIRST_YEAR = 2015
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    response = submit(client, url, t1_data(af_office, fk_office, date="2014-12-31"))
    assert field_errors(response, "id_date") == [
        "Datum för övergång kan inte vara tidigare än 2015-01-01."
    ]
    assert not Participation.objects.exists()


def test_consent_after_the_first_step_is_refused(client, fk_caseworker, af_office, fk_office):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    response = submit(
        client, url, t1_data(af_office, fk_office, date="2026-11-02", consent_date="2026-11-03")
    )
    assert field_errors(response, "id_consent_date") == [
        "Datum för samtycke kan inte vara senare än datum för övergång (2026-11-02): samtycket "
        "ska finnas innan deltagaren registreras."
    ]
    assert 'name="consent_date" value="2026-11-03"' in text(response)
    assert not Participation.objects.exists()


def test_consent_before_birth_is_refused(client, fk_caseworker, af_office, fk_office):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person(born=d(1985, 3, 12)))
    response = submit(client, url, t1_data(af_office, fk_office, consent_date="1985-03-01"))
    errors = field_errors(response, "id_consent_date")
    assert len(errors) == 1
    assert errors[0].startswith("Datum för samtycke kan inte vara före deltagarens födelsedag")
    assert not Participation.objects.exists()


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_report_period_in_the_future_is_refused(client, reader, field):
    client.force_login(reader)
    params = {"start": "2026-01-01", "end": "2026-11-23", field: "2026-11-24"}
    response = client.get(reverse("reports:standard"), params)
    assert response.status_code == 200
    assert "Rapporten gäller det som har hänt" in text(response)


# --- 3: the move date fences the history --------------------------------------------------------


@pytest.fixture
def moved(fk_caseworker, other_caseworker, af_office, fk_office, fk_office_other):
    """Started and stepped at Testköping, then moved to Annanstad on 2026-11-20."""
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    participation_move(
        participation=participation,
        af_office=af_office,
        fk_office=fk_office_other,
        date=d(2026, 11, 20),
        actor=fk_caseworker,
    )
    return participation


def test_the_new_office_cannot_delete_the_previous_offices_steps(
    client, other_caseworker, moved, domain_rows
):
    client.force_login(other_caseworker)
    page = client.get(page_of(moved))
    assert page.status_code == 200
    assert reverse("transitions:delete", args=[moved.public_id]) not in text(page)
    before = domain_rows()
    refused = submit(client, page_of(moved, "transitions:delete"), {}, follow=True)
    assert "före flytten den 2026-11-20" in text(refused)
    assert domain_rows() == before
    assert Transition.objects.filter(participation=moved).count() == 2


def test_the_new_office_may_delete_its_own_step_after_the_move(client, other_caseworker, moved):
    walk(moved, other_caseworker, [("PAF", d(2026, 11, 21))])
    client.force_login(other_caseworker)
    page = client.get(page_of(moved))
    assert reverse("transitions:delete", args=[moved.public_id]) in text(page)
    response = submit(client, page_of(moved, "transitions:delete"), {}, follow=True)
    assert "Övergången är raderad." in messages_shown(response)
    assert moved.transitions.count() == 2


def test_radera_is_not_offered_on_a_closed_participation_with_a_later_one(
    client, fk_caseworker, af_office, fk_office
):
    person = register_person()
    first = start(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), person=person)
    walk(first, fk_caseworker, [("AVB", d(2026, 10, 5))])
    start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2), person=person)
    client.force_login(fk_caseworker)
    page = client.get(page_of(first))
    assert reverse("transitions:delete", args=[first.public_id]) not in text(page)


def test_the_warning_step_says_a_move_date_ahead_blocks_earlier_steps(
    client, fk_caseworker, af_office, fk_office, fk_office_other
):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    response = client.post(
        page_of(participation, "transitions:move-offices"),
        {"af_office": af_office.pk, "fk_office": fk_office_other.pk, "date": "2026-12-01"},
    )
    assert "Datum för flytt ligger framåt i tiden. Fram till den 2026-12-01" in text(response)
    today_move = client.post(
        page_of(participation, "transitions:move-offices"),
        {"af_office": af_office.pk, "fk_office": fk_office_other.pk, "date": "2026-11-23"},
    )
    assert "ligger framåt i tiden" not in text(today_move)


# --- 4: anonymous counts that can be checked and corrected --------------------------------------


def anonymous_data(af_office, fk_office, **overrides):
    return {"af_office": af_office.pk, "fk_office": fk_office.pk, "year": 2026, **overrides}


def test_an_implausible_anonymous_count_is_refused_and_kept(
    client, fk_caseworker, af_office, fk_office, settings
):
    settings.SUS_ANONYMOUS_MAX_PER_YEAR = 100
    client.force_login(fk_caseworker)
    response = submit(client, ANONYMOUS, anonymous_data(af_office, fk_office, women=100000))
    assert field_errors(response, "id_women") == ["Ange ett rimligt antal, högst 100."]
    assert 'name="women" value="100000"' in text(response)
    assert not AnonymousCount.objects.exists()


def test_the_bound_counts_earlier_registrations_of_the_pair_and_year(
    client, fk_caseworker, af_office, fk_office, settings
):
    settings.SUS_ANONYMOUS_MAX_PER_YEAR = 10
    client.force_login(fk_caseworker)
    submit(client, ANONYMOUS, anonymous_data(af_office, fk_office, women=6))
    response = submit(client, ANONYMOUS, anonymous_data(af_office, fk_office, men=5))
    assert field_errors(response, "id_women") == [
        "Antalet är orimligt stort: högst 10 anonyma deltagare per kontorspar och år kan "
        "registreras (6 är redan registrerade för 2026). Kontrollera siffrorna."
    ]
    assert AnonymousCount.objects.count() == 1


def test_earlier_registrations_are_listed_and_one_can_be_deleted(
    client, fk_caseworker, af_office, fk_office
):
    client.force_login(fk_caseworker)
    submit(client, ANONYMOUS, anonymous_data(af_office, fk_office, women=3, men=4))
    count = AnonymousCount.objects.get()
    page = client.get(ANONYMOUS)
    delete_url = reverse("transitions:anonymous-delete", args=[count.pk])
    assert delete_url in text(page)
    confirm = client.get(delete_url)
    assert "3 kvinnor och 4 män" in text(confirm)
    done = submit(client, delete_url, {}, follow=True)
    assert "Registreringen av anonyma deltagare är raderad." in messages_shown(done)
    assert not AnonymousCount.objects.exists()
    record = AuditRecord.objects.get(action="anonymous.delete")
    assert (record.actor, record.before["women"], record.before["men"]) == (fk_caseworker, 3, 4)


def test_another_offices_anonymous_registration_cannot_be_deleted(
    client, other_caseworker, af_office, fk_office
):
    count = AnonymousCount.objects.create(
        af_office=af_office, fk_office=fk_office, year=2026, women=2
    )
    client.force_login(other_caseworker)
    url = reverse("transitions:anonymous-delete", args=[count.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"form_token": "6f1c1a43-3f5e-4f8e-9a55-5b7e3b7f0a11"}).status_code == 404
    )
    assert AnonymousCount.objects.filter(pk=count.pk).exists()
    assert url not in text(client.get(ANONYMOUS))


@pytest.mark.parametrize("meetings", ["40000", str(2**31 + 5)])
def test_an_implausible_number_of_meetings_is_refused(
    client, fk_caseworker, af_office, fk_office, meetings
):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 10))])
    client.force_login(fk_caseworker)
    url = reverse("transitions:answers", args=[participation.public_id, 3])
    response = submit(
        client,
        url,
        {"avslut_gk-antal_moten": meetings, "avslut_gk-sjukskriven_vid_avslut": "False"},
    )
    assert response.status_code == 200
    assert field_errors(response, "id_avslut_gk-antal_moten") == [
        "Ange ett rimligt antal, högst 200."
    ]
    assert not participation.transitions.get(sequence=3).answers_complete


# --- 5: a returning participant's stadsdel is brought back ---------------------------------------


def test_a_returning_participants_stadsdel_is_preselected(
    client, fk_caseworker, af_office, fk_office
):
    person = register_person(municipality="0180")  # Stockholm
    stadsdel = Municipality.objects.get(code="0180").stadsdelar.order_by("name").last()
    first = start(
        fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), person=person, stadsdel=stadsdel
    )
    walk(first, fk_caseworker, [("AVB", d(2026, 10, 5))])
    client.force_login(fk_caseworker)
    page = client.get(start_page(client, person))
    assert f'<option value="{stadsdel.pk}" selected>' in text(page)


# --- 8: strict parsing of what the browser sends -------------------------------------------------


def test_consent_counts_only_for_the_rendered_check_box_value(
    client, fk_caseworker, af_office, fk_office
):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    page = client.get(url)
    assert re.search(r'<input type="checkbox" name="consent_confirmed"[^>]* value="on"', text(page))
    response = submit(client, url, t1_data(af_office, fk_office, consent_confirmed="no"))
    assert field_errors(response, "id_consent_confirmed") == [
        "Ange att deltagaren har lämnat skriftligt samtycke."
    ]
    assert not Participation.objects.exists()


def test_a_field_sent_twice_is_an_error_not_the_last_one(
    client, fk_caseworker, af_office, fk_office, fk_office_other
):
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())
    data = t1_data(af_office, fk_office)
    data["date"] = ["2026-11-02", "2026-11-03"]
    response = submit(client, url, data)
    assert field_errors(response, "id_date") == [
        "Fältet skickades mer än en gång. Fyll i det igen och skicka formuläret."
    ]
    assert not Participation.objects.exists()


def test_numbers_only_in_ascii_digits(client, fk_caseworker, af_office, fk_office):
    client.force_login(fk_caseworker)
    response = submit(client, ANONYMOUS, anonymous_data(af_office, fk_office, women="٣"))
    assert field_errors(response, "id_women") == ["Använd siffrorna 0–9."]
    assert not AnonymousCount.objects.exists()
    searched = search(client, reverse("transitions:register"), "١٩٨٥٠٣١٢-٩٨٠٤")
    assert field_errors(searched, "id_personnummer") == ["Använd siffrorna 0–9."]


def test_a_stadsdel_for_a_kommun_without_stadsdelar_is_refused(
    client, fk_caseworker, af_office, fk_office
):
    stockholm_stadsdel = Municipality.objects.get(code="0180").stadsdelar.first()
    client.force_login(fk_caseworker)
    url = start_page(client, new_person())  # Malmö: no stadsdelar
    response = submit(client, url, t1_data(af_office, fk_office, stadsdel=stockholm_stadsdel.pk))
    assert "Stadsdel anges bara för deltagare folkbokförda i Stockholm eller Göteborg." in text(
        response
    )
    assert not Participation.objects.exists()


def test_free_text_may_hold_any_character(client, fk_caseworker):
    """Only numbers, dates, ids and personnummer are held to the digits 0–9."""
    form = UserSearchForm({"fornamn": "Anna²", "efternamn": "", "arbetsgivare": ""})
    assert form.is_valid(), form.errors


def test_another_offices_stadsdel_is_not_offered(
    client, fk_caseworker, other_caseworker, af_office, fk_office
):
    person = register_person(municipality="0180")
    stadsdel = Municipality.objects.get(code="0180").stadsdelar.order_by("name").last()
    first = start(
        fk_caseworker, af_office, fk_office, date=d(2026, 10, 1), person=person, stadsdel=stadsdel
    )
    walk(first, fk_caseworker, [("AVB", d(2026, 10, 5))])
    client.force_login(other_caseworker)
    page = client.get(start_page(client, person))
    assert page.status_code == 200
    assert f'<option value="{stadsdel.pk}" selected>' not in text(page)


def test_a_step_on_the_move_day_registered_before_the_move_is_fenced_too(
    client, fk_caseworker, other_caseworker, af_office, fk_office, fk_office_other
):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 20))])
    participation_move(
        participation=participation,
        af_office=af_office,
        fk_office=fk_office_other,
        date=d(2026, 11, 20),
        actor=fk_caseworker,
    )
    participation.refresh_from_db()
    assert participation.current_office_period().fenced_sequence == 2
    client.force_login(other_caseworker)
    refused = submit(client, page_of(participation, "transitions:delete"), {}, follow=True)
    assert "före flytten den 2026-11-20" in text(refused)
    assert participation.transitions.count() == 2
