"""Registering a step (transition_register, T2–T15) through the database: every (from, to) pair
allowed exactly as SPEC §4.2, the refusal message otherwise, the date rules of §4.3 at their
boundaries, and what a saved step changes. Today is 2026-11-23."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.builders import d, start, walk
from transitions.access import NoAccess
from transitions.models import Participation, Transition
from transitions.services import transition_register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

TODAY = d(2026, 11, 23)
STARTED = d(2026, 11, 2)

LABELS = {
    "BGK": "Begäran om gemensam kartläggning",
    "GK": "Gemensam kartläggning",
    "PAF": "Planerad arbetsförberedande",
    "PAL": "Planerad arbetslivsinriktad",
    "ARF": "Arbetsförberedande",
    "ARL": "Arbetslivsinriktad",
    "AVS": "Avslutat samarbete",
    "AVB": "Avbrutet samarbete",
    "KS": "Konsultativt stöd",
}

# SPEC §4.2, written out by hand: from → the insatstyper that may follow.
ALLOWED = {
    "BGK": {"GK", "AVB"},
    "GK": {"PAF", "PAL", "AVS", "KS", "AVB"},
    "PAF": {"ARF", "ARL", "AVS", "AVB"},
    "PAL": {"ARL", "ARF", "AVS", "AVB"},
    "ARF": {"ARL", "AVS", "AVB"},
    "ARL": {"ARF", "AVS", "AVB"},
    "AVS": set(),
    "AVB": set(),
    "KS": set(),
}
# How to reach each state from the first registration (all steps allowed by SPEC).
PATHS = {
    "BGK": [],
    "GK": ["GK"],
    "PAF": ["GK", "PAF"],
    "PAL": ["GK", "PAL"],
    "ARF": ["GK", "PAF", "ARF"],
    "ARL": ["GK", "PAL", "ARL"],
    "AVS": ["GK", "AVS"],
    "AVB": ["AVB"],
    "KS": ["GK", "KS"],
}
PAIRS = [(f, t) for f in PATHS for t in LABELS]


def in_state(state, actor, af_office, fk_office) -> Participation:
    """A participation started on 2 November whose current insatstyp is `state`, one step a
    day."""
    participation = start(actor, af_office, fk_office, date=STARTED)
    walk(
        participation,
        actor,
        [(to, STARTED + datetime.timedelta(days=i + 1)) for i, to in enumerate(PATHS[state])],
    )
    participation.refresh_from_db()
    assert participation.current_type == state
    return participation


def refusal(excinfo) -> dict:
    return excinfo.value.message_dict


@pytest.mark.parametrize(("from_type", "to_type"), PAIRS, ids=[f"{f}->{t}" for f, t in PAIRS])
def test_registers_exactly_the_steps_of_the_table(
    from_type, to_type, fk_caseworker, af_office, fk_office, domain_rows
):
    participation = in_state(from_type, fk_caseworker, af_office, fk_office)
    before = domain_rows()
    if to_type in ALLOWED[from_type]:
        transition = transition_register(
            participation=participation, to_type=to_type, date=TODAY, actor=fk_caseworker
        )
        assert (transition.from_type, transition.to_type) == (from_type, to_type)
        participation.refresh_from_db()
        assert participation.current_type == to_type
    else:
        with pytest.raises(ValidationError) as refused:
            transition_register(
                participation=participation, to_type=to_type, date=TODAY, actor=fk_caseworker
            )
        assert refusal(refused) == {
            "to_type": [
                f"Övergång från {LABELS[from_type]} till {LABELS[to_type]} är inte tillåten."
            ]
        }
        assert domain_rows() == before
        participation.refresh_from_db()
        assert participation.current_type == from_type


def test_the_allowed_sets_above_are_complete():
    allowed = sum(len(targets) for targets in ALLOWED.values())
    assert allowed == 21  # T2–T15: 22 rows of the table minus T1


# --- what a saved step records -------------------------------------------------------------


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=STARTED)


def test_saving_a_step_ends_the_previous_period_and_moves_the_current_type(
    participation, af_caseworker
):
    transition = transition_register(
        participation=participation, to_type="GK", date=d(2026, 11, 10), actor=af_caseworker
    )
    first = participation.transitions.get(sequence=1)
    assert first.ended_on == d(2026, 11, 10)
    assert transition.sequence == 2
    assert transition.ended_on is None
    assert transition.registered_by == af_caseworker
    assert (transition.af_office, transition.fk_office) == (
        participation.af_office,
        participation.fk_office,
    )
    participation.refresh_from_db()
    assert participation.current_type == "GK"
    assert participation.current_since == d(2026, 11, 10)
    assert participation.closed_on is None


def test_a_closing_step_closes_the_participation_on_its_date(participation, fk_caseworker):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("KS", d(2026, 11, 20))])
    participation.refresh_from_db()
    assert participation.closed_on == d(2026, 11, 20)
    assert not Participation.objects.open().filter(pk=participation.pk).exists()


def test_a_step_with_questions_is_flagged_until_answered(participation, fk_caseworker):
    gk, paf = walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 9))])
    assert gk.answers_complete
    assert not paf.answers_complete
    assert list(Transition.objects.answers_missing().filter(participation=participation)) == [
        participation.transitions.get(sequence=1),
        paf,
    ]


def test_another_agency_may_register_a_step_normally_registered_by_the_other(
    participation, af_caseworker
):
    # T2 is normally registered by FK; Af may register it too (an agreement, not a rule).
    transition = transition_register(
        participation=participation, to_type="GK", date=TODAY, actor=af_caseworker
    )
    assert transition.registered_by == af_caseworker


def test_a_caseworker_of_another_office_gets_no_access(
    participation, other_caseworker, domain_rows
):
    before = domain_rows()
    with pytest.raises(NoAccess):
        transition_register(
            participation=participation, to_type="GK", date=TODAY, actor=other_caseworker
        )
    assert domain_rows() == before


def test_a_stale_view_of_the_history_is_refused(participation, fk_caseworker, domain_rows):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_register(
            participation=participation,
            to_type="AVB",
            date=TODAY,
            actor=fk_caseworker,
            expected_sequence=1,
        )
    assert refused.value.messages == [
        "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting "
        "sparades. Kontrollera uppgifterna nedan och försök igen."
    ]
    assert domain_rows() == before


# --- the date rules at their boundaries ------------------------------------------------------


def test_allows_a_step_on_the_same_day_as_the_previous(participation, fk_caseworker):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    transition = transition_register(
        participation=participation, to_type="PAF", date=d(2026, 11, 10), actor=fk_caseworker
    )
    assert transition.date == d(2026, 11, 10)


def test_allows_a_step_on_the_same_day_as_the_first_registration(participation, fk_caseworker):
    transition = transition_register(
        participation=participation, to_type="GK", date=STARTED, actor=fk_caseworker
    )
    assert transition.date == STARTED


def test_refuses_a_step_dated_one_day_before_the_previous(
    participation, fk_caseworker, domain_rows
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_register(
            participation=participation, to_type="PAF", date=d(2026, 11, 9), actor=fk_caseworker
        )
    assert refusal(refused) == {
        "date": [
            "Datum för övergång kan inte vara tidigare än datum för föregående övergång "
            "(2026-11-10)."
        ]
    }
    assert domain_rows() == before


def test_allows_a_step_dated_today(participation, fk_caseworker):
    transition = transition_register(
        participation=participation, to_type="GK", date=TODAY, actor=fk_caseworker
    )
    assert transition.date == TODAY


def test_refuses_a_step_dated_tomorrow(participation, fk_caseworker, domain_rows):
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_register(
            participation=participation,
            to_type="GK",
            date=TODAY + datetime.timedelta(days=1),
            actor=fk_caseworker,
        )
    assert refusal(refused) == {"date": ["Datum för övergång kan inte vara ett framtida datum."]}
    assert domain_rows() == before


def test_refuses_a_step_without_a_date(participation, fk_caseworker, domain_rows):
    before = domain_rows()
    with pytest.raises(ValidationError) as refused:
        transition_register(
            participation=participation, to_type="GK", date=None, actor=fk_caseworker
        )
    assert refusal(refused) == {"date": ["Ange datum för övergång."]}
    assert domain_rows() == before


def test_tomorrow_becomes_allowed_when_it_is_today(participation, fk_caseworker, time_machine):
    tomorrow = TODAY + datetime.timedelta(days=1)
    time_machine.move_to(datetime.datetime(2026, 11, 24, 8, 0, tzinfo=datetime.UTC))
    transition = transition_register(
        participation=participation, to_type="GK", date=tomorrow, actor=fk_caseworker
    )
    assert transition.date == tomorrow
