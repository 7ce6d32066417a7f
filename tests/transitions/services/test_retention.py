"""Gallring (SPEC §8): personal data goes, the statistics stay."""

import pytest
from django.core.management import call_command

from participants.models import Person
from tests.builders import d, register_person, start, walk
from transitions.models import Participation, Transition
from transitions.services import retention_apply

pytestmark = pytest.mark.django_db


def test_removes_personal_data_of_people_closed_longer_ago_than_the_setting(
    today, fk_caseworker, af_office, fk_office, settings
):
    settings.SUS_RETENTION_YEARS = 3
    old = start(
        fk_caseworker,
        af_office,
        fk_office,
        date=d(2023, 1, 5),
        person=register_person(municipality="0180"),
    )
    walk(old, fk_caseworker, [("AVB", d(2023, 11, 22))])
    recent = start(fk_caseworker, af_office, fk_office, date=d(2023, 1, 5))
    walk(recent, fk_caseworker, [("AVB", d(2023, 11, 23))])  # exactly three years: kept
    ongoing = start(fk_caseworker, af_office, fk_office, date=d(2020, 1, 5))

    call_command("apply_retention")

    old_person = Person.objects.get(pk=old.person_id)
    assert old_person.personnummer is None
    assert old_person.name == ""
    assert old_person.personal_data_removed_at is not None
    assert Participation.objects.get(pk=old.pk).stadsdel is None
    # the statistical shell stays
    assert (old_person.sex, old_person.birth_year) == ("K", 1985)
    assert Transition.objects.filter(participation=old).count() == 2
    assert Person.objects.get(pk=recent.person_id).personnummer is not None
    assert Person.objects.get(pk=ongoing.person_id).personnummer is not None


def test_is_idempotent(today, fk_caseworker, af_office, fk_office):
    old = start(fk_caseworker, af_office, fk_office, date=d(2020, 1, 5))
    walk(old, fk_caseworker, [("AVB", d(2020, 2, 1))])
    assert retention_apply(years=3) == 1
    assert retention_apply(years=3) == 0
