""" "Byt kontor" racing a transition on the same participation (SPEC §5.5, §4.3): real threads
with their own database connections on committed data, released together. Whichever commits
first, the history stays consistent: a step dated before "Datum för flytt" is never saved after
the move, a move is never dated before a step saved before it, and the offices agree with the
office history. Runs on SQLite (a file database: the threads wait for the write lock) and on
PostgreSQL (row locks)."""

import datetime
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.builders import start
from tests.conftest import load_migration_data
from transitions.consistency import check_participations
from transitions.models import OfficePeriod, Participation, Transition
from transitions.services import participation_move, transition_register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("today")]

TODAY = datetime.date(2026, 11, 23)
YESTERDAY = TODAY - datetime.timedelta(days=1)
STARTED = datetime.date(2026, 11, 2)


def at_once(*calls: Callable) -> list:
    """Run the calls in threads released together by a barrier; return each one's result or
    the exception it raised, in the order given. Each thread closes its own connection."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # reported to the test, which checks the kind
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


@pytest.fixture(autouse=True)
def reference_data(transactional_db, migration_data_restored):
    """A transactional test ends by emptying every table, the reference data and lookup lists
    of the migrations included: put them back first."""
    load_migration_data()


@pytest.fixture
def participation(fk_caseworker, af_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=STARTED)


def race(participation, *, mover, stepper, af_office, fk_office, move_on, step_on):
    """The FK caseworker moves the case to a new kontor while the Af caseworker (who keeps
    access: the arbetsförmedling stays) registers "Gemensam kartläggning"."""
    return at_once(
        lambda: participation_move(
            participation=participation,
            af_office=af_office,
            fk_office=fk_office,
            date=move_on,
            actor=mover,
        ),
        lambda: transition_register(
            participation=participation, to_type="GK", date=step_on, actor=stepper
        ),
    )


def assert_consistent(participation) -> None:
    assert list(check_participations(Participation.objects.filter(pk=participation.pk))) == []
    assert list(check_participations()) == []


@pytest.mark.parametrize("repeat", range(3))
def test_a_move_racing_a_step_dated_before_it_never_saves_the_step_after_the_move(
    participation, fk_caseworker, af_caseworker, af_office, fk_office, fk_office_other, repeat
):
    moved, stepped = race(
        participation,
        mover=fk_caseworker,
        stepper=af_caseworker,
        af_office=af_office,
        fk_office=fk_office_other,
        move_on=TODAY,
        step_on=YESTERDAY,
    )
    assert isinstance(moved, OfficePeriod), moved
    assert OfficePeriod.objects.filter(participation=participation).count() == 2
    if isinstance(stepped, Exception):
        # the move came first: the step dated before it is refused, nothing half-saved
        assert isinstance(stepped, ValidationError), stepped
        assert stepped.message_dict == {
            "date": ["Datum för övergång kan inte vara tidigare än datum för flytt (2026-11-23)."]
        }
        assert participation.transitions.count() == 1
    else:
        # the step came first, under the old offices
        assert (stepped.date, stepped.fk_office) == (YESTERDAY, fk_office)
        assert stepped.registered_at < moved.registered_at
        assert participation.transitions.count() == 2
    participation.refresh_from_db()
    assert (participation.af_office, participation.fk_office) == (af_office, fk_office_other)
    assert_consistent(participation)


@pytest.mark.parametrize("repeat", range(3))
def test_a_step_racing_a_move_dated_before_it_never_saves_the_move_after_the_step(
    participation, fk_caseworker, af_caseworker, af_office, fk_office, fk_office_other, repeat
):
    moved, stepped = race(
        participation,
        mover=fk_caseworker,
        stepper=af_caseworker,
        af_office=af_office,
        fk_office=fk_office_other,
        move_on=YESTERDAY,
        step_on=TODAY,
    )
    assert isinstance(stepped, Transition), stepped
    assert participation.transitions.count() == 2
    if isinstance(moved, Exception):
        # the step came first: the move dated before it is refused
        assert isinstance(moved, ValidationError), moved
        assert moved.message_dict == {
            "date": [
                "Datum för flytt kan inte vara tidigare än datum för senaste övergång (2026-11-23)."
            ]
        }
        assert OfficePeriod.objects.filter(participation=participation).count() == 1
        assert stepped.fk_office == fk_office
    else:
        # the move came first: the step is registered for the new offices
        assert moved.registered_at < stepped.registered_at
        assert (stepped.af_office, stepped.fk_office) == (af_office, fk_office_other)
        assert OfficePeriod.objects.filter(participation=participation).count() == 2
    assert_consistent(participation)
