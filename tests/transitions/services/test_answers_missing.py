"""The participation's stored "answers due since" (what Att göra lists from) follows every
service that changes a step or its answers: set by a step with questions (to the earliest such
step's date), cleared when the last due answers are saved or the step lacking them is deleted.
Today is 2026-11-23."""

import pytest

from tests.builders import answer_all, d, latest, start, walk
from transitions.consistency import problems_of
from transitions.models import Participation
from transitions.selectors import transitions_missing_answers
from transitions.services import participant_protect, transition_delete_latest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def missing(participation):
    """The stored date since which answers are due (None: none are)."""
    return Participation.objects.get(pk=participation.pk).answers_due_since


def listed(actor) -> list[tuple[str, int]]:
    return [
        (str(t.participation.public_id), t.sequence)
        for t in transitions_missing_answers(actor, limit=50)
    ]


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1))


def test_a_new_participation_waits_for_its_request_answers(participation, fk_caseworker):
    assert missing(participation) == d(2026, 10, 1)
    assert listed(fk_caseworker) == [(str(participation.public_id), 1)]


def test_answering_the_last_due_step_clears_it(participation, fk_caseworker):
    answer_all(latest(participation), fk_caseworker)
    assert not missing(participation)
    assert listed(fk_caseworker) == []
    walk(participation, fk_caseworker, [("GK", d(2026, 10, 5))])
    assert not missing(participation)  # BGK → GK asks nothing
    (paf,) = walk(participation, fk_caseworker, [("PAF", d(2026, 10, 9))])
    assert missing(participation) == d(2026, 10, 9)
    assert listed(fk_caseworker) == [(str(participation.public_id), paf.sequence)]
    answer_all(paf, fk_caseworker)
    assert not missing(participation)
    assert problems_of(Participation.objects.get(pk=participation.pk)) == []


def test_it_stays_while_an_earlier_step_still_lacks_answers(participation, fk_caseworker):
    walk(participation, fk_caseworker, [("GK", d(2026, 10, 5)), ("PAF", d(2026, 10, 9))])
    answer_all(latest(participation), fk_caseworker)
    assert missing(participation) == d(2026, 10, 1)  # the request's answers are still due
    assert listed(fk_caseworker) == [(str(participation.public_id), 1)]


def test_deleting_the_step_that_lacked_answers_clears_it(participation, fk_caseworker):
    answer_all(latest(participation), fk_caseworker)
    walk(participation, fk_caseworker, [("GK", d(2026, 10, 5)), ("PAF", d(2026, 10, 9))])
    assert missing(participation)
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    assert not missing(participation)
    assert listed(fk_caseworker) == []


def test_the_protected_identity_close_answers_its_own_step(participation, fk_caseworker):
    answer_all(latest(participation), fk_caseworker)
    participant_protect(person=participation.person)
    closed = Participation.objects.get(pk=participation.pk)
    assert closed.closed_on is not None
    assert problems_of(closed) == []
