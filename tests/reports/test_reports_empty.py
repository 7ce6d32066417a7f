"""The report building blocks on a selection that can match nothing (a condition such as
`__in=[]`, which Django does not even send to the database): no groups, or zeros, never an
error page."""

import pytest

from reports.queries.common import DaysBetween, distinct_counted, distribution
from reports.scope import Grouping
from transitions.models import Transition

pytestmark = pytest.mark.django_db

NONE = Transition.objects.filter(to_type__in=[])
UNGROUPED = Grouping(office=None, sex=None)
BY_OFFICE_AND_SEX = Grouping(office="fk_office", sex="participation__person__sex")


@pytest.mark.parametrize("grouping", [UNGROUPED, BY_OFFICE_AND_SEX], ids=["riket", "grouped"])
def test_a_distribution_of_nothing_has_no_groups(history, grouping):
    assert distribution(NONE, days=DaysBetween("date", "previous_date"), grouping=grouping) == {}


def test_distinct_counts_of_nothing_are_zeros_or_no_groups(history):
    counts = {"all": None}
    assert distinct_counted([NONE, NONE], UNGROUPED, **counts) == {(None, None): {"all": 0}}
    assert distinct_counted([NONE, NONE], BY_OFFICE_AND_SEX, **counts) == {}


def test_distinct_counts_skip_an_empty_part(history):
    """One part that can match nothing leaves the others' counts as they are."""
    gk = Transition.objects.filter(to_type="GK")
    alone = distinct_counted([gk], UNGROUPED, all=None)
    assert alone[(None, None)]["all"] > 0
    assert distinct_counted([gk, NONE], UNGROUPED, all=None) == alone
