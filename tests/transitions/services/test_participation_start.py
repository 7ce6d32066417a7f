"""The first registration, T1 (participation_start): who may be registered, with what, by whom,
and that every refusal saves nothing. Today is 2026-11-23."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from participants.models import Person, RegisterPerson, Stadsdel
from tests.builders import d, register_person, walk
from tests.factories import AfOfficeFactory, FkOfficeFactory
from transitions.access import NoAccess, participations_for_user
from transitions.models import Consent, OfficePeriod, Participation, Transition
from transitions.services import participation_start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

TODAY = d(2026, 11, 23)

ALREADY_OPEN = "Deltagaren har redan en pågående medverkan i Af/FK-samarbetet."
STADSDEL_REQUIRED = "Du måste ange stadsdel för deltagare folkbokförda i Stockholm eller Göteborg."
NOT_OWN = "Ange ett kontor som du har uppdrag för."


def register(person, actor, af_office, fk_office, **overrides):
    arguments = {
        "personnummer": person.personnummer,
        "af_office": af_office,
        "fk_office": fk_office,
        "date": d(2026, 11, 2),
        "consent_confirmed": True,
        "consent_date": d(2026, 11, 2),
        "stadsdel": None,
        "actor": actor,
    }
    arguments.update(overrides)
    return participation_start(**arguments)


@pytest.fixture
def person(db):
    return register_person(first_name="Greta", last_name="Provsson", sex="K")


@pytest.fixture
def refused(domain_rows):
    """Call a service expecting a refusal; return its messages and check nothing was saved."""

    def call(function, *args, **kwargs) -> dict:
        before = domain_rows()
        with pytest.raises(ValidationError) as error:
            function(*args, **kwargs)
        assert domain_rows() == before
        return error.value.message_dict

    return call


def test_registers_person_participation_consent_offices_and_first_step(
    person, fk_caseworker, af_office, fk_office
):
    participation = register(
        person, fk_caseworker, af_office, fk_office, consent_date=d(2026, 10, 30)
    )
    saved = Person.objects.get()
    assert saved.personnummer == person.personnummer
    assert len(saved.personnummer) == 12
    assert (saved.first_name, saved.last_name) == ("Greta", "Provsson")
    assert saved.sex == "K"
    assert saved.birth_year == 1985
    assert participation.person == saved
    assert participation.current_type == "BGK"
    assert participation.started_on == participation.current_since == d(2026, 11, 2)
    assert participation.closed_on is None
    assert (participation.af_office, participation.fk_office) == (af_office, fk_office)
    assert participation.municipality.code == "1280"
    assert participation.age_at_start == 41
    assert participation.created_by == fk_caseworker
    consent = Consent.objects.get(participation=participation)
    assert (consent.given_on, consent.confirmed_by, consent.withdrawn_on) == (
        d(2026, 10, 30),
        fk_caseworker,
        None,
    )
    period = OfficePeriod.objects.get(participation=participation)
    assert (period.sequence, period.af_office, period.fk_office, period.valid_from) == (
        1,
        af_office,
        fk_office,
        d(2026, 11, 2),
    )
    first = Transition.objects.get(participation=participation)
    assert (first.sequence, first.from_type, first.to_type, first.date) == (
        1,
        None,
        "BGK",
        d(2026, 11, 2),
    )
    assert first.ended_on is None
    assert not first.answers_complete  # the Begäran set is still to be answered


def test_accepts_the_personnummer_in_any_accepted_form(fk_caseworker, af_office, fk_office):
    person = register_person(personnummer="198503129812")
    participation = register(
        person, fk_caseworker, af_office, fk_office, personnummer="850312-9812"
    )
    assert participation.person.personnummer == "198503129812"
    assert participation.person.sex == "M"


def test_an_af_caseworker_registers_at_its_own_arbetsformedling_and_any_kontor(
    person, af_caseworker, af_office, fk_office_other
):
    participation = register(person, af_caseworker, af_office, fk_office_other)
    assert (participation.af_office, participation.fk_office) == (af_office, fk_office_other)


def test_the_new_participation_is_seen_by_its_offices_only(
    person, fk_caseworker, af_caseworker, other_caseworker, af_office, fk_office
):
    participation = register(person, fk_caseworker, af_office, fk_office)
    assert list(participations_for_user(fk_caseworker)) == [participation]
    assert list(participations_for_user(af_caseworker)) == [participation]
    assert list(participations_for_user(other_caseworker)) == []


# --- consent ----------------------------------------------------------------------------------


def test_refuses_without_confirmed_consent(person, fk_caseworker, af_office, fk_office, refused):
    errors = refused(register, person, fk_caseworker, af_office, fk_office, consent_confirmed=False)
    assert errors == {"consent_confirmed": ["Ange att deltagaren har lämnat skriftligt samtycke."]}


def test_refuses_without_consent_date(person, fk_caseworker, af_office, fk_office, refused):
    errors = refused(register, person, fk_caseworker, af_office, fk_office, consent_date=None)
    assert errors == {"consent_date": ["Ange datum för samtycke."]}


def test_refuses_consent_dated_in_the_future(person, fk_caseworker, af_office, fk_office, refused):
    errors = refused(
        register,
        person,
        fk_caseworker,
        af_office,
        fk_office,
        consent_date=TODAY + datetime.timedelta(days=1),
    )
    assert errors == {"consent_date": ["Datum för samtycke kan inte vara ett framtida datum."]}


# --- who can be registered --------------------------------------------------------------------


def test_refuses_a_person_with_protected_identity(fk_caseworker, af_office, fk_office, refused):
    person = register_person(protected=True)
    errors = refused(register, person, fk_caseworker, af_office, fk_office)
    assert errors == {
        "personnummer": [
            "Deltagaren har skyddade personuppgifter och ska registreras som anonym deltagare."
        ]
    }
    assert not Person.objects.exists()


def test_refuses_a_valid_number_nobody_is_registered_under(
    fk_caseworker, af_office, fk_office, refused
):
    errors = refused(
        participation_start,
        personnummer="850312-9804",
        af_office=af_office,
        fk_office=fk_office,
        date=d(2026, 11, 2),
        consent_confirmed=True,
        consent_date=d(2026, 11, 2),
        actor=fk_caseworker,
    )
    assert errors == {"personnummer": ["Det finns ingen person med detta personnummer."]}


@pytest.mark.parametrize("raw", ["850312-9805", "19850230-9803", "", "abc"])
def test_refuses_an_invalid_personnummer(raw, fk_caseworker, af_office, fk_office, refused):
    errors = refused(
        participation_start,
        personnummer=raw,
        af_office=af_office,
        fk_office=fk_office,
        date=d(2026, 11, 2),
        consent_confirmed=True,
        consent_date=d(2026, 11, 2),
        actor=fk_caseworker,
    )
    assert errors == {"personnummer": ["Personnumret är inte giltigt."]}


# --- stadsdel -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kommun", ["0180", "1480"])
def test_refuses_stockholm_and_goteborg_without_stadsdel(
    kommun, fk_caseworker, af_office, fk_office, refused
):
    person = register_person(municipality=kommun)
    errors = refused(register, person, fk_caseworker, af_office, fk_office, stadsdel=None)
    assert errors == {"stadsdel": [STADSDEL_REQUIRED]}


def test_refuses_a_stadsdel_of_the_other_city(fk_caseworker, af_office, fk_office, refused):
    person = register_person(municipality="0180")
    angered = Stadsdel.objects.get(municipality__code="1480", name="Angered")
    errors = refused(register, person, fk_caseworker, af_office, fk_office, stadsdel=angered)
    assert errors == {"stadsdel": [STADSDEL_REQUIRED]}


@pytest.mark.parametrize(("kommun", "name"), [("0180", "Bromma"), ("1480", "Angered")])
def test_stores_the_stadsdel_for_stockholm_and_goteborg(
    kommun, name, fk_caseworker, af_office, fk_office
):
    person = register_person(municipality=kommun)
    stadsdel = Stadsdel.objects.get(municipality__code=kommun, name=name)
    participation = register(person, fk_caseworker, af_office, fk_office, stadsdel=stadsdel)
    assert participation.stadsdel == stadsdel


def test_refuses_a_stadsdel_for_other_municipalities(
    person, fk_caseworker, af_office, fk_office, refused
):
    bromma = Stadsdel.objects.get(municipality__code="0180", name="Bromma")
    errors = refused(register, person, fk_caseworker, af_office, fk_office, stadsdel=bromma)
    assert errors == {
        "stadsdel": ["Stadsdel anges bara för deltagare folkbokförda i Stockholm eller Göteborg."]
    }


# --- one open participation -------------------------------------------------------------------


def test_refuses_a_second_first_registration_while_one_is_open(
    person, fk_caseworker, af_office, fk_office, refused
):
    register(person, fk_caseworker, af_office, fk_office)
    errors = refused(register, person, fk_caseworker, af_office, fk_office, date=TODAY)
    assert errors == {"personnummer": [ALREADY_OPEN]}
    assert Participation.objects.count() == 1


def test_refuses_another_offices_caseworker_without_telling_about_the_participant(
    person, fk_caseworker, other_caseworker, af_office, fk_office, fk_office_other, domain_rows
):
    register(person, fk_caseworker, af_office, fk_office)
    before = domain_rows()
    with pytest.raises(NoAccess) as error:
        register(person, other_caseworker, af_office, fk_office_other, date=TODAY)
    assert "Du saknar uppdrag i organisation" in str(error.value.message)
    assert domain_rows() == before


def test_database_refuses_a_second_open_participation_inserted_directly(
    person, fk_caseworker, af_office, fk_office
):
    first = register(person, fk_caseworker, af_office, fk_office)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            person=first.person,
            started_on=TODAY,
            current_type="BGK",
            current_since=TODAY,
            af_office=af_office,
            fk_office=fk_office,
            period_from=TODAY,
            municipality=first.municipality,
            age_at_start=41,
        )
    assert Participation.objects.count() == 1


def test_a_returning_person_starts_a_new_participation_after_the_closing_one(
    person, fk_caseworker, af_office, fk_office
):
    first = register(person, fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(first, fk_caseworker, [("AVB", d(2026, 11, 10))])
    RegisterPerson.objects.filter(pk=person.pk).update(last_name="Nygift")
    second = register(
        person,
        fk_caseworker,
        af_office,
        fk_office,
        date=d(2026, 11, 10),
        consent_date=d(2026, 11, 10),
    )
    assert second.pk != first.pk
    assert second.person == first.person
    assert Person.objects.count() == 1
    assert Person.objects.get().last_name == "Nygift"  # refreshed from the register
    assert Consent.objects.filter(participation=second, given_on=d(2026, 11, 10)).exists()


def test_refuses_a_returning_persons_start_dated_before_the_previous_closing(
    person, fk_caseworker, af_office, fk_office, refused
):
    first = register(person, fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(first, fk_caseworker, [("AVB", d(2026, 11, 10))])
    errors = refused(register, person, fk_caseworker, af_office, fk_office, date=d(2026, 11, 9))
    assert errors == {
        "date": [
            "Datum för övergång kan inte vara tidigare än datum för föregående övergång "
            "(2026-11-10)."
        ]
    }


def test_refuses_a_returning_persons_old_consent(
    person, fk_caseworker, af_office, fk_office, refused
):
    first = register(person, fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(first, fk_caseworker, [("AVB", d(2026, 11, 10))])
    errors = refused(
        register,
        person,
        fk_caseworker,
        af_office,
        fk_office,
        date=d(2026, 11, 12),
        consent_date=d(2026, 11, 2),
    )
    assert errors == {
        "consent_date": [
            "En återkommande deltagare behöver ett nytt samtycke. Datum för samtycke kan inte "
            "vara tidigare än när den förra medverkan avslutades (2026-11-10)."
        ]
    }


# --- date ---------------------------------------------------------------------------------------


def test_allows_a_first_registration_dated_today(person, fk_caseworker, af_office, fk_office):
    participation = register(person, fk_caseworker, af_office, fk_office, date=TODAY)
    assert participation.started_on == TODAY


def test_refuses_a_first_registration_dated_tomorrow(
    person, fk_caseworker, af_office, fk_office, refused
):
    errors = refused(
        register,
        person,
        fk_caseworker,
        af_office,
        fk_office,
        date=TODAY + datetime.timedelta(days=1),
    )
    assert errors == {"date": ["Datum för övergång kan inte vara ett framtida datum."]}


def test_refuses_a_first_registration_without_date(
    person, fk_caseworker, af_office, fk_office, refused
):
    errors = refused(register, person, fk_caseworker, af_office, fk_office, date=None)
    assert errors == {"date": ["Ange datum för övergång."]}


# --- offices ------------------------------------------------------------------------------------


def test_refuses_an_fk_kontor_the_fk_caseworker_holds_no_uppdrag_for(
    person, fk_caseworker, af_office, fk_office_other, refused
):
    errors = refused(register, person, fk_caseworker, af_office, fk_office_other)
    assert errors == {"fk_office": [NOT_OWN]}


def test_refuses_an_arbetsformedling_the_af_caseworker_holds_no_uppdrag_for(
    person, af_caseworker, af_office_other, fk_office, refused
):
    errors = refused(register, person, af_caseworker, af_office_other, fk_office)
    assert errors == {"af_office": [NOT_OWN]}


def test_refuses_a_user_without_any_caseworker_uppdrag(
    person, fk_insatsansvarig, af_office, fk_office, refused
):
    errors = refused(register, person, fk_insatsansvarig, af_office, fk_office)
    assert errors == {"fk_office": [NOT_OWN]}


def test_refuses_a_closed_arbetsformedling(person, fk_caseworker, fk_office, refused):
    closed = AfOfficeFactory(is_active=False)
    errors = refused(register, person, fk_caseworker, closed, fk_office)
    assert errors == {"af_office": ["Kontoret är stängt och kan inte väljas."]}


def test_refuses_a_closed_kontor_even_with_an_uppdrag_there(
    person, fk_caseworker, af_office, fk_office, refused
):
    fk_office.is_active = False
    fk_office.save()
    errors = refused(register, person, fk_caseworker, af_office, fk_office)
    assert errors["fk_office"] == ["Kontoret är stängt och kan inte väljas."]


def test_refuses_missing_offices(person, fk_caseworker, refused):
    errors = refused(register, person, fk_caseworker, None, None)
    assert errors["af_office"] == ["Ange arbetsförmedling."]
    assert errors["fk_office"] == ["Ange kontor."]


def test_refuses_offices_of_the_wrong_agency(person, fk_caseworker, fk_office, refused):
    errors = refused(register, person, fk_caseworker, FkOfficeFactory(), AfOfficeFactory())
    assert errors["af_office"] == ["Ange arbetsförmedling."]
    assert errors["fk_office"] == ["Ange kontor."]


def test_reports_all_problems_of_the_form_at_once(person, fk_caseworker, fk_office, refused):
    errors = refused(
        register,
        person,
        fk_caseworker,
        None,
        fk_office,
        consent_confirmed=False,
        date=TODAY + datetime.timedelta(days=1),
    )
    assert set(errors) == {"af_office", "consent_confirmed", "date"}


def test_another_office_is_not_told_when_the_earlier_participation_closed(
    person, fk_caseworker, other_caseworker, af_office, fk_office, fk_office_other, refused
):
    first = register(person, fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(first, fk_caseworker, [("AVB", d(2026, 11, 10))])
    errors = refused(
        register, person, other_caseworker, af_office, fk_office_other, date=d(2026, 11, 9)
    )
    assert errors == {
        "date": [
            "Datum för övergång kan inte vara tidigare än när deltagarens förra medverkan "
            "avslutades."
        ]
    }
    errors = refused(
        register,
        person,
        other_caseworker,
        af_office,
        fk_office_other,
        date=d(2026, 11, 12),
        consent_date=d(2026, 11, 2),
    )
    assert errors == {
        "consent_date": [
            "En återkommande deltagare behöver ett nytt samtycke, lämnat efter att den förra "
            "medverkan avslutades."
        ]
    }
