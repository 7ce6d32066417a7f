"""The masking rule (one place for page, diagram, CSV and Excel) and the portable day count."""

import pytest

from reports.masking import display, masked
from reports.queries.common import DaysBetween
from reports.tables import Days, Number
from tests.builders import d, start, walk
from transitions.models import Transition


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (12, 12), (1000, 1000)]
)
def test_counts_from_one_to_four_are_shown_as_less_than_five(count, shown):
    assert masked(Number(count)) == shown


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (Days(None, 0), "–"),
        (Days(7.0, 1), ".."),
        (Days(13.25, 4, whole=True), ".."),
        (Days(11.0, 6, whole=True), 11),
        (Days(17.5, 6, whole=True), 17.5),
        (Days(14.0, 6), 14.0),
        (Days(38.8, 5), 38.8),
        (Days(63.333, 5), 63.3),
    ],
)
def test_medians_and_means_need_five_observations(cell, shown):
    assert masked(cell) == shown


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (11, "11"), (14.0, "14,0"), (17.5, "17,5"), ("<5", "<5")]
)
def test_values_are_shown_with_decimal_comma(value, text):
    assert display(value) == text


@pytest.mark.django_db
def test_days_between_counts_whole_days_across_month_and_year_ends(
    fk_caseworker, af_office, fk_office
):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2024, 12, 30))
    walk(participation, fk_caseworker, [("GK", d(2025, 3, 1)), ("PAF", d(2025, 3, 1))])
    days = dict(
        Transition.objects.filter(participation=participation, ended_on__isnull=False)
        .annotate(days=DaysBetween("ended_on", "date"))
        .values_list("to_type", "days")
    )
    assert days == {"BGK": 61, "GK": 0}  # 2 days of 2024, 59 of Jan–Feb 2025
