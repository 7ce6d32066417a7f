"""The masking rule (one place for page, diagram, CSV and Excel) and the portable day count."""

import pytest
from django.urls import reverse

from reports.masking import display, masked, protect_totals
from reports.queries.common import DaysBetween
from reports.tables import Days, Number
from tests.builders import d, register_person, start, walk
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


@pytest.mark.parametrize(
    ("women", "men", "total_shown"),
    [
        (3, 8, "x"),  # women = total − men: the total would give the masked count away
        (8, 3, "x"),
        (2, 3, 5),  # both masked: the total tells only their sum
        (0, 7, 7),  # nothing masked
        (3, 0, "<5"),  # the total is itself masked
        (6, 9, 15),
    ],
)
def test_a_total_beside_one_masked_part_is_withheld(women, men, total_shown):
    assert masked(protect_totals([women, men], women + men)) == total_shown


def test_the_split_report_withholds_such_totals_on_page_and_in_csv(
    client, today, reader, fk_caseworker, af_office, fk_office
):
    for index in range(3):
        start(
            fk_caseworker,
            af_office,
            fk_office,
            date=d(2026, 11, 2),
            person=register_person(sex="K", first_name=f"K{index}"),
        )
    for index in range(8):
        start(
            fk_caseworker,
            af_office,
            fk_office,
            date=d(2026, 11, 2),
            person=register_person(sex="M", first_name=f"M{index}"),
        )
    client.force_login(reader)
    params = {"start": "2026-11-23", "level": "RIKET", "sex": "UPPDELAT"}
    csv = client.get(reverse("reports:standard"), {**params, "format": "csv"})
    rows = [line.split(";") for line in csv.content.decode("utf-8-sig").splitlines()]
    waiting = next(row for row in rows if row[0] == "Deltagare i väntan på planerad insats")
    assert waiting[1:] == ["<5", "8", "x"]
    page = client.get(reverse("reports:standard"), params).content.decode()
    assert "visas inte, eftersom ett dolt antal annars kunde räknas ut" in page
