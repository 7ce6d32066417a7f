"""Correcting mistakes (SPEC §4.4): only the latest step can be deleted, its answers go with it,
deleting T1 removes the participation, and the previous period is current again. Today is
2026-11-23."""

import pytest
from django.core.exceptions import ValidationError

from participants.models import Person
from tests.builders import answer_all, d, latest, register_person, start, walk
from transitions.access import NoAccess
from transitions.models import (
    Avbrottsorsak,
    AvbrutetAnswers,
    AvslutatAnswers,
    AvslutGKAnswers,
    BegaranAnswers,
    Consent,
    OfficePeriod,
    Participation,
    Transition,
)
from transitions.services import transition_delete_latest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

STARTED = d(2026, 11, 2)


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=STARTED)


def sequences(participation) -> list[tuple[int, str, object]]:
    return list(participation.transitions.values_list("sequence", "to_type", "ended_on"))


def test_deletes_the_latest_step_and_makes_the_previous_period_current(
    participation, fk_caseworker
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 9))])
    result = transition_delete_latest(participation=participation, actor=fk_caseworker)
    assert sequences(participation) == [(1, "BGK", d(2026, 11, 5)), (2, "GK", None)]
    result.refresh_from_db()
    assert result == participation
    assert result.current_type == "GK"
    assert result.current_since == d(2026, 11, 5)
    assert result.closed_on is None


def test_deletes_one_step_at_a_time_from_the_end(participation, fk_caseworker):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAL", d(2026, 11, 9))])
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    assert sequences(participation) == [(1, "BGK", None)]
    participation.refresh_from_db()
    assert (participation.current_type, participation.current_since) == ("BGK", STARTED)


def test_refuses_when_the_latest_step_is_not_the_one_the_user_saw(
    participation, fk_caseworker, domain_rows
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 9))])
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_delete_latest(
            participation=participation, actor=fk_caseworker, expected_sequence=2
        )
    assert refused.value.messages == [
        "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting "
        "sparades. Kontrollera uppgifterna nedan och försök igen."
    ]
    assert domain_rows() == before


def test_the_answers_go_with_the_deleted_step(participation, fk_caseworker):
    _, paf = walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 9))])
    answer_all(paf, fk_caseworker)
    assert AvslutGKAnswers.objects.filter(transition=paf).exists()
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    assert not Transition.objects.filter(pk=paf.pk).exists()
    assert not AvslutGKAnswers.objects.exists()


def test_deleting_the_closing_step_reopens_the_participation(participation, fk_caseworker):
    _, avs = walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 9))])
    answer_all(avs, fk_caseworker)
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    participation.refresh_from_db()
    assert participation.closed_on is None
    assert participation.current_type == "GK"
    assert participation.transitions.get(sequence=2).ended_on is None
    assert not AvslutatAnswers.objects.exists()
    assert not AvslutGKAnswers.objects.exists()


def test_deleting_an_interruption_for_withdrawn_consent_restores_the_consent(
    participation, fk_caseworker
):
    (avb,) = walk(participation, fk_caseworker, [("AVB", d(2026, 11, 9))])
    answer_all(
        avb, fk_caseworker, AVBRUTET=({"avbrottsorsak": Avbrottsorsak.ATERTAGIT_SAMTYCKE}, {})
    )
    assert Consent.objects.get().withdrawn_on == d(2026, 11, 9)
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    assert Consent.objects.get().withdrawn_on is None
    assert not AvbrutetAnswers.objects.exists()


def test_deleting_the_first_step_removes_the_participation_and_the_person(
    participation, fk_caseworker
):
    answer_all(latest(participation), fk_caseworker)
    result = transition_delete_latest(participation=participation, actor=fk_caseworker)
    assert result is None
    assert not Participation.objects.exists()
    assert not Transition.objects.exists()
    assert not BegaranAnswers.objects.exists()
    assert not Consent.objects.exists()
    assert not OfficePeriod.objects.exists()
    assert not Person.objects.exists()


def test_deleting_a_returning_persons_first_step_keeps_the_person_and_earlier_participation(
    fk_caseworker, af_office, fk_office
):
    person = register_person()
    earlier = start(fk_caseworker, af_office, fk_office, date=STARTED, person=person)
    walk(earlier, fk_caseworker, [("AVB", d(2026, 11, 5))])
    later = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 10), person=person)
    transition_delete_latest(participation=later, actor=fk_caseworker)
    assert list(Participation.objects.all()) == [earlier]
    assert Person.objects.get().personnummer == person.personnummer
    earlier.refresh_from_db()
    assert (earlier.current_type, earlier.closed_on) == ("AVB", d(2026, 11, 5))


def test_refuses_to_reopen_a_closed_participation_when_a_later_one_is_open(
    fk_caseworker, af_office, fk_office, domain_rows
):
    person = register_person()
    earlier = start(fk_caseworker, af_office, fk_office, date=STARTED, person=person)
    walk(earlier, fk_caseworker, [("GK", d(2026, 11, 3)), ("KS", d(2026, 11, 5))])
    start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 10), person=person)
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_delete_latest(participation=earlier, actor=fk_caseworker)
    assert refused.value.messages == [
        "Övergången kan inte raderas eftersom deltagaren har en senare medverkan i "
        "Af/FK-samarbetet."
    ]
    assert domain_rows() == before
    earlier.refresh_from_db()
    assert (earlier.current_type, earlier.closed_on) == ("KS", d(2026, 11, 5))


def test_refuses_to_reopen_a_closed_participation_when_a_later_one_closed_too(
    fk_caseworker, af_office, fk_office, domain_rows
):
    person = register_person()
    earlier = start(fk_caseworker, af_office, fk_office, date=STARTED, person=person)
    walk(earlier, fk_caseworker, [("AVB", d(2026, 11, 5))])
    later = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 10), person=person)
    walk(later, fk_caseworker, [("AVB", d(2026, 11, 12))])
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_delete_latest(participation=earlier, actor=fk_caseworker)
    assert refused.value.messages == [
        "Övergången kan inte raderas eftersom deltagaren har en senare medverkan i "
        "Af/FK-samarbetet."
    ]
    assert domain_rows() == before


def test_the_latest_participation_can_be_reopened_after_an_earlier_one(
    fk_caseworker, af_office, fk_office
):
    person = register_person()
    earlier = start(fk_caseworker, af_office, fk_office, date=STARTED, person=person)
    walk(earlier, fk_caseworker, [("AVB", d(2026, 11, 5))])
    later = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 5), person=person)
    walk(later, fk_caseworker, [("AVB", d(2026, 11, 12))])
    transition_delete_latest(participation=later, actor=fk_caseworker)
    later.refresh_from_db()
    assert (later.current_type, later.closed_on) == ("BGK", None)


def test_a_caseworker_of_another_office_cannot_delete(
    participation, fk_caseworker, other_caseworker, domain_rows
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    before = domain_rows()
    with pytest.raises(NoAccess):
        transition_delete_latest(participation=participation, actor=other_caseworker)
    assert domain_rows() == before


def test_the_arbetsformedling_of_the_participation_may_delete(participation, af_caseworker):
    walk(participation, af_caseworker, [("GK", d(2026, 11, 5))])
    transition_delete_latest(participation=participation, actor=af_caseworker)
    assert sequences(participation) == [(1, "BGK", None)]


def test_a_step_can_be_registered_anew_after_deleting_it(participation, fk_caseworker):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 9))])
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    walk(participation, fk_caseworker, [("PAL", d(2026, 11, 9))])
    assert sequences(participation) == [
        (1, "BGK", d(2026, 11, 5)),
        (2, "GK", d(2026, 11, 9)),
        (3, "PAL", None),
    ]
