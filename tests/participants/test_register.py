"""The population register interface (SPEC §3.1): the embedded backend answers from the table of
fictitious people, and the setting SUS_POPULATION_REGISTER swaps in another backend without any
caller changing. Today is 2026-11-23."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from participants.models import Municipality, Person
from participants.personnummer import parse
from participants.register import EmbeddedRegister, RegisterEntry, population_register
from participants.services import lookup_in_register
from tests.builders import d, register_person
from transitions.services import participation_start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

FAKE_NUMBER = "198503129812"


class FakeRegister:
    """A stand-in for a real register (Navet/SPAR): knows exactly one person, in Kiruna."""

    def lookup(self, personnummer):
        if personnummer.value != FAKE_NUMBER:
            return None
        return RegisterEntry(
            personnummer=personnummer,
            first_name="Fia",
            last_name="Fejksson",
            municipality=Municipality.objects.get(code="2584"),
            protected_identity=False,
        )


class ProtectingRegister:
    """A register where everyone has protected identity."""

    def lookup(self, personnummer):
        return RegisterEntry(
            personnummer=personnummer,
            first_name="Skyddad",
            last_name="Person",
            municipality=Municipality.objects.get(code="1280"),
            protected_identity=True,
        )


FAKE = f"{__name__}.FakeRegister"
PROTECTING = f"{__name__}.ProtectingRegister"


def test_the_embedded_register_finds_a_fictitious_person():
    row = register_person(first_name="Tova", last_name="Testdotter", municipality="0180")
    entry = EmbeddedRegister().lookup(parse(row.personnummer))
    assert entry.name == "Tova Testdotter"
    assert entry.municipality.name == "Stockholm"
    assert entry.personnummer.value == row.personnummer
    assert not entry.protected_identity


def test_the_embedded_register_reports_protected_identity():
    row = register_person(protected=True)
    assert EmbeddedRegister().lookup(parse(row.personnummer)).protected_identity


def test_the_embedded_register_answers_none_for_an_unknown_number():
    register_person()
    assert EmbeddedRegister().lookup(parse("850312-9804")) is None


def test_the_embedded_register_is_the_default():
    assert isinstance(population_register(), EmbeddedRegister)


@override_settings(SUS_POPULATION_REGISTER=FAKE)
def test_the_setting_chooses_the_backend():
    assert isinstance(population_register(), FakeRegister)
    assert lookup_in_register("850312-9812").name == "Fia Fejksson"


@override_settings(SUS_POPULATION_REGISTER=FAKE)
def test_another_backend_ignores_the_embedded_table():
    row = register_person()
    with pytest.raises(ValidationError) as refused:
        lookup_in_register(row.personnummer)
    assert refused.value.message_dict == {
        "personnummer": ["Det finns ingen person med detta personnummer."]
    }


@override_settings(SUS_POPULATION_REGISTER=FAKE)
def test_a_first_registration_takes_name_and_kommun_from_the_chosen_backend(
    fk_caseworker, af_office, fk_office
):
    participation = participation_start(
        personnummer="850312-9812",
        af_office=af_office,
        fk_office=fk_office,
        date=d(2026, 11, 2),
        consent_confirmed=True,
        consent_date=d(2026, 11, 2),
        actor=fk_caseworker,
    )
    person = Person.objects.get()
    assert (person.personnummer, person.name) == (FAKE_NUMBER, "Fia Fejksson")
    assert participation.municipality.code == "2584"


@override_settings(SUS_POPULATION_REGISTER=PROTECTING)
def test_protected_identity_from_the_chosen_backend_is_refused(fk_caseworker, af_office, fk_office):
    with pytest.raises(ValidationError) as refused:
        participation_start(
            personnummer="850312-9812",
            af_office=af_office,
            fk_office=fk_office,
            date=d(2026, 11, 2),
            consent_confirmed=True,
            consent_date=d(2026, 11, 2),
            actor=fk_caseworker,
        )
    assert refused.value.message_dict == {
        "personnummer": [
            "Deltagaren har skyddade personuppgifter och ska registreras som anonym deltagare."
        ]
    }
    assert not Person.objects.exists()


@override_settings(SUS_POPULATION_REGISTER=FAKE)
def test_an_invalid_number_never_reaches_the_backend():
    with pytest.raises(ValidationError) as refused:
        lookup_in_register("850312-9813")
    assert refused.value.message_dict == {"personnummer": ["Personnumret är inte giltigt."]}
