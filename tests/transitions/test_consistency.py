"""The consistency checker finds every kind of broken history, and passes good ones."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from tests.builders import d, start, walk
from transitions.consistency import check_participations, problems_of
from transitions.models import Consent, OfficePeriod, Participation, Transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(today, fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 1, 5))
    walk(
        participation,
        fk_caseworker,
        [("GK", d(2026, 1, 20)), ("PAF", d(2026, 3, 1)), ("ARF", d(2026, 4, 1))],
    )
    return participation


def messages_for(participation) -> list[str]:
    return [
        p.message for p in check_participations() if p.participation == str(participation.public_id)
    ]


def test_a_history_made_by_the_services_passes(history):
    assert messages_for(history) == []
    call_command("check_histories")


def test_check_histories_checks_a_random_sample_when_asked(history):
    out = io.StringIO()
    call_command("check_histories", sample=5, stdout=out)
    assert "Inga fel i historiken (urval om 1 medverkan)." in out.getvalue()
    _raw_update(Participation, history.pk, current_type="PAL")
    with pytest.raises(CommandError, match="1 fel i historiken"):
        call_command("check_histories", sample=1, stdout=io.StringIO())
    with pytest.raises(CommandError, match="--sample 1 eller fler"):
        call_command("check_histories", sample=0)


def _raw_update(model, pk, **values):
    """Break a row behind the services' back (the database constraints allow these)."""
    model.objects.filter(pk=pk).update(**values)


def test_finds_from_not_equal_to_previous_to(history):
    third = history.transitions.get(sequence=3)
    # PAF → ARF stays an allowed pair only if from is PAF; make it PAL → ARF (allowed, T11)
    _raw_update(Transition, third.pk, from_type="GK", to_type="PAL")
    fourth = history.transitions.get(sequence=4)
    _raw_update(Transition, fourth.pk, from_type="PAF")
    assert any("föregående gick till" in m for m in messages_for(history))


def test_finds_dates_going_backwards(history):
    """The database refuses a step dated before the earlier dates it carries, so all are
    broken (as in rows loaded from an older system)."""
    third = history.transitions.get(sequence=3)
    day = d(2026, 1, 10)
    _raw_update(Transition, third.pk, date=day, previous_date=day, gk_date=day)
    found = messages_for(history)
    assert any("daterad före föregående övergång" in m for m in found)
    assert "övergång 3 har fel datum för föregående övergång" in found


def test_the_steps_carry_the_dates_their_lead_times_start_from(history):
    steps = list(history.transitions.order_by("sequence"))
    assert [t.previous_date for t in steps] == [None, d(2026, 1, 5), d(2026, 1, 20), d(2026, 3, 1)]
    assert [t.gk_date for t in steps] == [None, *[d(2026, 1, 20)] * 3]


def test_finds_a_wrong_previous_date(history):
    fourth = history.transitions.get(sequence=4)
    _raw_update(Transition, fourth.pk, previous_date=d(2026, 2, 1))
    assert messages_for(history) == ["övergång 4 har fel datum för föregående övergång"]


def test_finds_a_wrong_gk_date(history):
    _raw_update(Transition, history.transitions.get(sequence=3).pk, gk_date=None)
    _raw_update(Transition, history.transitions.get(sequence=1).pk, gk_date=d(2026, 1, 5))
    assert messages_for(history) == [
        "övergång 1 har fel datum för gemensam kartläggning",
        "övergång 3 har fel datum för gemensam kartläggning",
    ]


def test_finds_anything_after_a_closing_type(history):
    third = history.transitions.get(sequence=3)
    _raw_update(Transition, third.pk, to_type="AVS")  # GK → AVS is an allowed pair (T5)
    assert "övergång efter avslutande insatstyp Avslutat samarbete" in messages_for(history)


def test_finds_a_pair_outside_the_table():
    """The database refuses such rows, so the checker is shown one held in memory (as rows
    loaded from an older system would be)."""
    first = Transition(sequence=1, from_type=None, to_type="BGK", date=d(2026, 1, 5))
    second = Transition(
        sequence=2, from_type="BGK", to_type="ARF", date=d(2026, 1, 9), ended_on=None
    )
    first.ended_on = second.date
    participation = SimpleNamespace(
        transitions=SimpleNamespace(all=lambda: [first, second]),
        office_periods=SimpleNamespace(all=list),
        consent=object(),
        current_type="ARF",
        current_since=second.date,
        closed_on=None,
        started_on=first.date,
        answers_due_since=None,
        personal_data_held=True,
        person=SimpleNamespace(personnummer="199001019802"),
    )
    found = problems_of(participation)
    assert any("finns inte i övergångstabellen" in m for m in found)


def test_finds_a_wrong_answers_due_date(history):
    """Att göra reads the stored date; the checker finds one that disagrees with the steps."""
    Participation.objects.filter(pk=history.pk).update(answers_due_since=d(2020, 1, 1))
    assert "datum för saknade svar stämmer inte med stegen" in messages_for(history)


def test_finds_a_participation_shown_after_its_personal_data_went(history):
    """Visa deltagare counts the stored flag; the checker finds one the person contradicts,
    both ways, and none after the service removed the data."""
    from participants.models import Person
    from transitions.services import participant_protect

    Participation.objects.filter(pk=history.pk).update(personal_data_held=False)
    expected = "uppgiften om kvarvarande personuppgifter stämmer inte med personen"
    assert expected in messages_for(history)
    Participation.objects.filter(pk=history.pk).update(personal_data_held=True)
    Person.objects.filter(pk=history.person_id).update(personnummer=None)
    assert expected in messages_for(history)
    Person.objects.filter(pk=history.person_id).update(personnummer=history.person.personnummer)
    participant_protect(person=history.person)
    assert not Participation.objects.get(pk=history.pk).personal_data_held
    assert messages_for(history) == []


def test_finds_missing_consent(history):
    Consent.objects.filter(participation=history).delete()
    assert "saknar samtycke" in messages_for(history)


def test_finds_overlapping_office_periods(history, fk_caseworker, af_office, fk_office_other):
    from transitions.services import participation_move

    participation_move(
        participation=history,
        af_office=af_office,
        fk_office=fk_office_other,
        date=d(2026, 4, 10),
        actor=fk_caseworker,
    )
    second = OfficePeriod.objects.get(participation=history, sequence=2)
    _raw_update(OfficePeriod, second.pk, valid_from=d(2025, 12, 1))
    assert any("överlappar" in m for m in messages_for(history))


def test_a_move_stores_its_period_on_the_participation(
    history, fk_caseworker, af_office, fk_office_other
):
    from transitions.services import participation_move

    latest = history.transitions.order_by("sequence").last()
    participation_move(
        participation=history,
        af_office=af_office,
        fk_office=fk_office_other,
        date=d(2026, 4, 10),
        actor=fk_caseworker,
    )
    history.refresh_from_db()
    period = history.current_office_period()
    assert (period.sequence, period.valid_from, period.fenced_sequence) == (
        2,
        d(2026, 4, 10),
        latest.sequence,
    )
    assert (period.af_office_id, period.fk_office_id) == (af_office.pk, fk_office_other.pk)
    assert messages_for(history) == []


@pytest.mark.parametrize(
    "stored",
    [{"period_from": d(2026, 1, 2)}, {"period_sequence": 2}, {"period_fenced_sequence": 3}],
    ids=["date", "sequence", "fence"],
)
def test_finds_a_stored_current_period_out_of_step(history, stored):
    _raw_update(Participation, history.pk, **stored)
    assert "aktuell kontorsperiod stämmer inte med kontorshistoriken" in messages_for(history)


def test_finds_stored_state_out_of_step_and_the_command_fails(history):
    _raw_update(Participation, history.pk, current_type="PAL")
    assert "aktuell insatstyp stämmer inte med historiken" in messages_for(history)
    with pytest.raises(CommandError, match="1 fel"):
        call_command("check_histories")
