"""Which constraint an IntegrityError broke, told apart on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, OperationalError, transaction

from sus.db import unavailability, violated_constraint
from tests.builders import d, start
from transitions.models import Participation, Transition
from transitions.models.participation import ONE_OPEN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def broken(write) -> str | None:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    return violated_constraint(caught.value)


def test_a_second_open_participation_is_the_one_open_constraint(
    fk_caseworker, af_office, fk_office
):
    first = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))

    def second():
        Participation.objects.create(
            person=first.person,
            started_on=first.started_on,
            current_type="BGK",
            current_since=first.started_on,
            af_office=af_office,
            fk_office=fk_office,
            period_from=first.started_on,
            municipality=first.municipality,
            age_at_start=40,
        )

    assert broken(second) == ONE_OPEN


def test_a_check_constraint_is_named(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))

    def same_type():
        Transition.objects.filter(participation=participation).update(from_type="BGK")

    assert broken(same_type) in {
        "transitions_transition_from_differs_to",
        "transitions_transition_allowed_pair",
        "transitions_transition_first_has_no_from",
    }


class _Cause(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("sqlstate", "kind"),
    [("55P03", "busy"), ("40P01", "busy"), ("40001", "busy"), ("57014", "slow"), (None, "down")],
)
def test_database_errors_about_waiting_are_told_apart(sqlstate, kind):
    error = OperationalError("from the database")
    error.__cause__ = _Cause(sqlstate)
    assert unavailability(error) == kind


def test_other_errors_are_not_about_waiting():
    assert unavailability(IntegrityError("duplicate")) is None
    assert unavailability(ValueError("not a database error")) is None
