"""The one query that answers "which offices may this user act for today, as which role"."""

import datetime

import pytest

from offices.models import Role, RoleGrant, Uppdrag
from offices.selectors import offices_for_user, uppdrag_for_user
from tests.factories import FkOfficeFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def test_lists_each_valid_uppdrag_with_office_and_role(fk_caseworker, fk_office):
    second = FkOfficeFactory(name="Extra")
    grant(fk_caseworker, Role.DELTAGARANSVARIG, second)
    rows = {(u.office, u.role) for u in uppdrag_for_user(user=fk_caseworker, on=TODAY)}
    assert rows == {(fk_office, Role.DELTAGARANSVARIG), (second, Role.DELTAGARANSVARIG)}


def test_answers_in_one_query(fk_caseworker, django_assert_num_queries):
    grant(fk_caseworker, Role.DELTAGARANSVARIG, FkOfficeFactory(), FkOfficeFactory())
    with django_assert_num_queries(1):
        offices = [u.office.name for u in uppdrag_for_user(user=fk_caseworker, on=TODAY)]
    assert len(offices) == 3


def test_ended_and_future_uppdrag_do_not_count(db):
    user = UserFactory()
    RoleGrant.objects.create(
        user=user, role=Role.DELTAGARANSVARIG, valid_from=datetime.date(2020, 1, 1)
    )
    ended, future, current = FkOfficeFactory(), FkOfficeFactory(), FkOfficeFactory()
    Uppdrag.objects.create(
        user=user,
        role=Role.DELTAGARANSVARIG,
        office=ended,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=TODAY - datetime.timedelta(days=1),
    )
    Uppdrag.objects.create(
        user=user,
        role=Role.DELTAGARANSVARIG,
        office=future,
        valid_from=TODAY + datetime.timedelta(days=1),
    )
    Uppdrag.objects.create(
        user=user, role=Role.DELTAGARANSVARIG, office=current, valid_from=TODAY, valid_to=TODAY
    )
    assert list(offices_for_user(user=user, role=Role.DELTAGARANSVARIG, on=TODAY)) == [current]


def test_uppdrag_without_a_valid_role_does_not_count(db, fk_office):
    user = UserFactory()
    RoleGrant.objects.create(
        user=user,
        role=Role.DELTAGARANSVARIG,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2025, 12, 31),
    )
    Uppdrag.objects.create(
        user=user,
        role=Role.DELTAGARANSVARIG,
        office=fk_office,
        valid_from=datetime.date(2020, 1, 1),
    )
    assert list(uppdrag_for_user(user=user, on=datetime.date(2025, 12, 31)))
    assert not list(uppdrag_for_user(user=user, on=datetime.date(2026, 1, 1)))


def test_filters_by_role(fk_caseworker, fk_insatsansvarig, fk_office):
    assert list(offices_for_user(user=fk_insatsansvarig, role=Role.INSATSANSVARIG, on=TODAY)) == [
        fk_office
    ]
    assert not offices_for_user(user=fk_insatsansvarig, role=Role.DELTAGARANSVARIG, on=TODAY)


def test_inactive_user_acts_nowhere(fk_caseworker):
    fk_caseworker.is_active = False
    fk_caseworker.save()
    assert not uppdrag_for_user(user=fk_caseworker, on=TODAY).exists()
