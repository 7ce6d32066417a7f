"""Two caseworkers saving at the same moment (SPEC §4.3): exactly one succeeds, the other gets a
clear message, and nothing is half-saved. Real threads with their own database connections, on
committed data (transactional tests); each thread closes its connection when done."""

import itertools
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from participants.models import Person
from tests.builders import latest, register_person, start
from tests.conftest import load_migration_data
from transitions.access import NoAccess
from transitions.models import Participation, Transition
from transitions.services import transition_register

pytestmark = pytest.mark.django_db(transaction=True)

STALE = (
    "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting sparades. "
    "Kontrollera uppgifterna nedan och försök igen."
)


def at_once(*calls: Callable) -> list:
    """Run the calls in parallel threads released together; return each one's result or the
    exception it raised, in the order given."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def split(outcomes, expected=(ValidationError,)):
    saved = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    unexpected = [o for o in refused if not isinstance(o, expected)]
    assert not unexpected, unexpected
    return saved, refused


def assert_consistent_history(participation):
    transitions = list(participation.transitions.order_by("sequence"))
    assert [t.sequence for t in transitions] == list(range(1, len(transitions) + 1))
    assert [t for t in transitions if t.ended_on is None] == [transitions[-1]]
    for previous, current in itertools.pairwise(transitions):
        assert previous.ended_on == current.date
        assert current.from_type == previous.to_type
    participation.refresh_from_db()
    assert participation.current_type == transitions[-1].to_type
    assert participation.current_since == transitions[-1].date


@pytest.fixture(autouse=True)
def reference_data(transactional_db, migration_data_restored):
    """A transactional test ends by emptying every table, the reference data and lookup lists
    of the migrations included: put them back first."""
    load_migration_data()


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=timezone.localdate())


def test_two_caseworkers_registering_the_same_step_save_it_once(
    participation, fk_caseworker, af_caseworker
):
    today = timezone.localdate()
    outcomes = at_once(
        lambda: transition_register(
            participation=participation, to_type="GK", date=today, actor=fk_caseworker
        ),
        lambda: transition_register(
            participation=participation, to_type="GK", date=today, actor=af_caseworker
        ),
    )
    saved, refused = split(outcomes)
    assert len(saved) == 1
    assert len(refused) == 1
    assert refused[0].message_dict == {
        "to_type": [
            "Övergång från Gemensam kartläggning till Gemensam kartläggning är inte tillåten."
        ]
    }
    assert Transition.objects.filter(participation=participation, to_type="GK").count() == 1
    assert_consistent_history(participation)


def test_two_caseworkers_registering_from_the_same_view_the_second_is_told_to_reread(
    participation, fk_caseworker, af_caseworker
):
    today = timezone.localdate()
    seen = latest(participation).sequence
    outcomes = at_once(
        lambda: transition_register(
            participation=participation,
            to_type="GK",
            date=today,
            actor=fk_caseworker,
            expected_sequence=seen,
        ),
        lambda: transition_register(
            participation=participation,
            to_type="AVB",
            date=today,
            actor=af_caseworker,
            expected_sequence=seen,
        ),
    )
    saved, refused = split(outcomes)
    assert len(saved) == 1
    assert [error.messages for error in refused] == [[STALE]]
    assert participation.transitions.count() == 2
    assert_consistent_history(participation)


def test_two_first_registrations_of_the_same_person_make_one_participation(
    fk_caseworker, other_caseworker, af_office, fk_office, fk_office_other
):
    person = register_person()
    today = timezone.localdate()
    outcomes = at_once(
        lambda: start(fk_caseworker, af_office, fk_office, date=today, person=person),
        lambda: start(other_caseworker, af_office, fk_office_other, date=today, person=person),
    )
    saved, refused = split(outcomes, expected=(NoAccess,))
    assert len(saved) == 1
    # The other office's caseworker learns nothing about the person (SPEC §5.1).
    assert [str(error.message) for error in refused] == [
        "Du saknar uppdrag i organisation (kontor eller Arbetsförmedling) som ansvarar för denna "
        "deltagare. Du får därför inte se uppgifter om denna deltagare."
    ]
    assert Person.objects.count() == 1
    assert Participation.objects.count() == 1
    assert Transition.objects.count() == 1
    assert_consistent_history(saved[0])
