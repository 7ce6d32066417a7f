"""Standardrapport – status on the hand-built history (see test_reports_history for the table).
Every expected number is worked out by hand from that table."""

import pytest

from reports.queries import standard_report
from tests.reports.test_reports_history import DAY_X, numbers

pytestmark = pytest.mark.django_db

ROWS = (
    "Aktuella deltagare",
    "Deltagare i väntan på planerad insats",
    "Avslutade",
    "Avslutade, varav arbetar",
    "Avslutade, varav studerar",
    "Avslutade, varav arbetssökande",
    "Avslutade, varav i arbetsmarknadspolitiskt program",
    "Avslutade, varav ingen av dessa",
    "Avslutade, varav avbrutet samarbete",
    "Avslutade, varav uppgifter saknas",
    "Anonyma deltagare",
    "Samtliga",
)


def column(table, index=0) -> dict[str, int]:
    return {label: values[index] for label, values in numbers(table).items()}


def test_single_day_counts_who_was_where_that_day(history):
    # On 2026-03-15: A ARF, B ARL, C GK, D GK (since 03-12), F ARF are in an active type;
    # E waits in BGK; G has not started, H and I are closed. Anonymous 2026: 3 + 4.
    table = standard_report(history.scope(DAY_X, DAY_X))
    assert table.caption == "Standardrapport – status, den 2026-03-15, riket"
    assert table.columns == ("Antal",)
    counts = column(table)
    assert list(counts) == list(ROWS)
    assert counts["Aktuella deltagare"] == 5
    assert counts["Deltagare i väntan på planerad insats"] == 1
    assert counts["Avslutade"] == 0
    assert counts["Anonyma deltagare"] == 7
    assert counts["Samtliga"] == 6


def test_the_day_a_step_is_taken_belongs_to_the_new_insatstyp(history):
    # D moves BGK → GK on 03-12; B moved PAL → ARL on 03-11.
    on_11th, on_12th = DAY_X.replace(day=11), DAY_X.replace(day=12)
    counts = column(standard_report(history.scope(on_11th, on_11th)))
    assert counts["Aktuella deltagare"] == 4  # A ARF, B ARL, C GK, F ARF
    assert counts["Deltagare i väntan på planerad insats"] == 2  # D BGK, E BGK
    counts = column(standard_report(history.scope(on_12th, on_12th)))
    assert counts["Aktuella deltagare"] == 5  # and D in GK
    assert counts["Deltagare i väntan på planerad insats"] == 1  # E


def test_period_counts_everyone_who_was_there_at_some_time(history):
    # Active at some time in P: A, B, C, D, F (GK until 01-10, then ARF), I (GK 01-14–01-24).
    # Waiting at some time: A, B, C, D, E, F (PAF), G, I. Closed in P: A (AVS, answered:
    # arbetar), C and G (AVB), I (AVS, not answered). H closed in 2025 and is not counted.
    counts = column(standard_report(history.scope()))
    assert counts == {
        "Aktuella deltagare": 6,
        "Deltagare i väntan på planerad insats": 8,
        "Avslutade": 4,
        "Avslutade, varav arbetar": 1,
        "Avslutade, varav studerar": 0,
        "Avslutade, varav arbetssökande": 0,
        "Avslutade, varav i arbetsmarknadspolitiskt program": 0,
        "Avslutade, varav ingen av dessa": 0,
        "Avslutade, varav avbrutet samarbete": 2,
        "Avslutade, varav uppgifter saknas": 1,
        "Anonyma deltagare": 7,
        "Samtliga": 8,
    }


def test_anonymous_participants_count_for_the_years_the_period_touches(history):
    counts = column(standard_report(history.scope(DAY_X.replace(year=2025), DAY_X)))
    assert counts["Anonyma deltagare"] == 9  # 2025: 2 women in Umeå; 2026: 7 in Malmö
    assert counts["Samtliga"] == 8  # all but G (starts 2026-04-01); H closed 2025-12-01


def test_split_by_kon_gives_women_men_and_total(history):
    table = standard_report(history.scope(sex="UPPDELAT"))
    assert table.columns == ("Kvinnor", "Män", "Totalt")
    values = numbers(table)
    # women A, B (active), A, B, E, G (waiting); men C, D, F, I (active), C, D, F, I (waiting)
    assert values["Aktuella deltagare"] == [2, 4, 6]
    assert values["Deltagare i väntan på planerad insats"] == [4, 4, 8]
    assert values["Avslutade"] == [2, 2, 4]  # A, G / C, I
    assert values["Anonyma deltagare"] == [3, 4, 7]
    assert values["Samtliga"] == [4, 4, 8]


def test_kon_filter_counts_one_kon(history):
    counts = column(standard_report(history.scope(sex="M")))
    assert counts["Aktuella deltagare"] == 4
    assert counts["Anonyma deltagare"] == 4
    assert counts["Samtliga"] == 4


def test_area_level_counts_only_its_offices(history):
    # Marknadsområde Syd = Af Malmö and Af Lund: A, B, C, D, G (H closed before P).
    counts = column(standard_report(history.scope(level="OMRADE", area="mo_syd")))
    assert counts["Aktuella deltagare"] == 4  # A, B, C, D
    assert counts["Deltagare i väntan på planerad insats"] == 5  # A, B, C, D, G
    assert counts["Avslutade"] == 3  # A, C, G
    assert counts["Anonyma deltagare"] == 7
    assert counts["Samtliga"] == 5


def test_verksamhetsomrade_level_reads_the_fk_office(history):
    counts = column(standard_report(history.scope(level="OMRADE", area="vo_nord")))
    assert counts["Aktuella deltagare"] == 2  # F, I
    assert counts["Deltagare i väntan på planerad insats"] == 3  # E, F, I
    assert counts["Anonyma deltagare"] == 0  # Umeå's anonymous are of 2025
    assert counts["Samtliga"] == 3


def test_office_level_counts_one_office(history):
    counts = column(standard_report(history.scope(level="KONTOR", office="af_lund")))
    assert counts["Aktuella deltagare"] == 2  # C, D
    assert counts["Avslutade, varav avbrutet samarbete"] == 1  # C
    assert counts["Samtliga"] == 2


def test_comparison_gives_each_office_its_rows_and_shows_empty_offices_of_the_area(history):
    table = standard_report(history.scope(level="OMRADE", area="mo_syd", compare="AF"))
    assert table.row_titles == ("Arbetsförmedling", "Situation")
    values = numbers(table)
    offices = list(dict.fromkeys(row.headers[0] for row in table.rows))
    assert offices == ["Af Lund", "Af Malmö", "Af Ystad"]
    assert values["Af Lund / Aktuella deltagare"] == [2]
    assert values["Af Malmö / Aktuella deltagare"] == [2]
    assert values["Af Malmö / Samtliga"] == [3]  # A, B, G
    assert values["Af Malmö / Anonyma deltagare"] == [7]
    assert values["Af Ystad / Samtliga"] == [0]


def test_comparison_at_riket_shows_the_offices_with_participants(history):
    table = standard_report(history.scope(compare="FK", sex="UPPDELAT"))
    values = numbers(table)
    assert values["Malmö TA / Samtliga"] == [3, 2, 5]  # A, B, G / C, D
    assert values["Umeå TA / Samtliga"] == [1, 2, 3]  # E / F, I
