"""Protected identity with an open participation (SPEC §3.3 and the rule in README "Known
consequences"): the participation is closed that day with "Avbrutet samarbete", kept for the
statistics without personal data, and the nightly sweep applies it without a search."""

import io

import pytest
from django.core.management import call_command

from participants.models import Person, RegisterPerson
from tests.builders import d, register_person, start, walk
from transitions.consistency import check_participations
from transitions.models import AvbrutetAnswers, Participation
from transitions.table import ParticipantStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def sweep() -> str:
    out = io.StringIO()
    call_command("sweep_protected_identities", stdout=out)
    return out.getvalue()


@pytest.fixture
def open_at_gk(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    return participation


def test_the_sweep_closes_the_open_participation_and_removes_the_personal_data(open_at_gk):
    RegisterPerson.objects.filter(personnummer=open_at_gk.person.personnummer).update(
        protected_identity=True
    )
    assert "1 personer" in sweep()
    participation = Participation.objects.get(pk=open_at_gk.pk)
    assert (participation.current_type, participation.closed_on) == ("AVB", d(2026, 11, 23))
    closing = participation.latest_transition()
    assert AvbrutetAnswers.objects.get(transition=closing).avbrottsorsak == "OVRIGT"
    person = Person.objects.get(pk=participation.person_id)
    assert (person.personnummer, person.first_name, person.last_name) == (None, "", "")
    assert not Participation.objects.with_status(ParticipantStatus.CURRENT).exists()
    assert list(check_participations()) == []


def test_the_sweep_is_safe_to_run_twice(open_at_gk):
    RegisterPerson.objects.filter(personnummer=open_at_gk.person.personnummer).update(
        protected_identity=True
    )
    sweep()
    steps = open_at_gk.transitions.count()
    assert "0 personer" in sweep()
    assert open_at_gk.transitions.count() == steps


def test_people_without_protected_identity_are_left_alone(open_at_gk):
    assert "0 personer" in sweep()
    assert Participation.objects.get(pk=open_at_gk.pk).is_open
    assert Person.objects.get(pk=open_at_gk.person_id).personnummer is not None


def test_a_closed_participation_gets_no_new_step(fk_caseworker, af_office, fk_office):
    person = register_person()
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2), person=person)
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 3))])
    RegisterPerson.objects.filter(pk=person.pk).update(protected_identity=True)
    sweep()
    assert participation.transitions.count() == 2
    assert Person.objects.get(pk=participation.person_id).personnummer is None
