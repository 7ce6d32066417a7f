"""Ledtider on the hand-built history: counts, medians and means worked out by hand."""

import pytest

from reports.masking import masked_rows
from reports.queries import PARTICIPANT_REPORTS, ReportType
from tests.reports.test_reports_history import numbers

pytestmark = pytest.mark.django_db

lead_times = PARTICIPANT_REPORTS[ReportType.LEAD_TIMES]
BGK_TO_GK = "Begäran om gemensam kartläggning → gemensam kartläggning"
GK_TO_ACTIVE = "Gemensam kartläggning → första aktiva insats"
PLANNED_TO_ACTIVE = "Planerad insats (PAF/PAL) → aktiv insats (ARF/ARL)"


def test_each_insatstyp_counts_the_periods_that_ended_in_the_period(history):
    values = numbers(lead_times(history.scope()))
    # BGK periods ended in P: C 5, G 7, A 10, I 12, B 20, D 30 (E still waits; F's ended 2025)
    #   median of six = (10 + 12) / 2 = 11; mean 84 / 6 = 14.0
    assert values["Begäran om gemensam kartläggning"] == [6, 11, 14.0]
    # GK periods ended in P: I 10, A 30, B 30, C 54, F 70 → median 30, mean 194 / 5 = 38.8
    assert values["Gemensam kartläggning"] == [5, 30, 38.8]
    assert values["Planerad arbetsförberedande"] == [2, 25, 25.0]  # A 20, F 30
    assert values["Planerad arbetslivsinriktad"] == [2, 10, 10.0]  # B 10, I 10
    assert values["Arbetsförberedande"] == [1, 60, 60.0]  # A
    assert values["Arbetslivsinriktad"] == [0, None, None]  # B is still in ARL


def test_steps_between_insatstyper(history):
    values = numbers(lead_times(history.scope()))
    # GK steps in P: C 5, A 10, I 12, B 20, D 30 → median 12, mean 77 / 5 = 15.4
    assert values[BGK_TO_GK] == [5, 12, 15.4]
    # first ARF/ARL in P: B 40 (01-30 → 03-11), A 50, F 100 (2025-11-01 → 2026-02-09)
    assert values[GK_TO_ACTIVE] == [3, 50, 63.3]
    # PAF/PAL ended by ARF/ARL: B 10, A 20, F 30 (I's PAL ended in AVS and is left out)
    assert values[PLANNED_TO_ACTIVE] == [3, 20, 20.0]


def test_statistics_over_fewer_than_five_are_withheld(history):
    rows = {row[0]: row[1:] for row in masked_rows(lead_times(history.scope()))}
    assert rows["Begäran om gemensam kartläggning"] == [6, 11, 14.0]
    assert rows["Gemensam kartläggning"] == [5, 30, 38.8]
    assert rows[GK_TO_ACTIVE] == ["<5", "..", ".."]
    assert rows["Arbetsförberedande"] == ["<5", "..", ".."]
    assert rows["Arbetslivsinriktad"] == [0, "–", "–"]


def test_split_by_kon_keeps_an_exact_total(history):
    table = lead_times(history.scope(sex="UPPDELAT"))
    assert table.columns == (
        "Kvinnor – antal",
        "Kvinnor – median (dagar)",
        "Kvinnor – medelvärde (dagar)",
        "Män – antal",
        "Män – median (dagar)",
        "Män – medelvärde (dagar)",
        "Totalt – antal",
        "Totalt – median (dagar)",
        "Totalt – medelvärde (dagar)",
    )
    values = numbers(table)
    # BGK women A 10, B 20, G 7 → median 10, mean 37/3; men C 5, D 30, I 12 → 12, 47/3
    assert values["Begäran om gemensam kartläggning"] == [3, 10, 12.3, 3, 12, 15.7, 6, 11, 14.0]
    # GK→first active: women A 50, B 40; men F 100
    assert values[GK_TO_ACTIVE] == [2, 45, 45.0, 1, 100, 100.0, 3, 50, 63.3]


def test_filters_and_levels_change_the_lead_times(history):
    syd = numbers(lead_times(history.scope(level="OMRADE", area="mo_syd")))
    # Af Malmö and Lund: BGK A 10, B 20, C 5, D 30, G 7 → median 10, mean 72/5
    assert syd["Begäran om gemensam kartläggning"] == [5, 10, 14.4]
    assert syd[GK_TO_ACTIVE] == [2, 45, 45.0]  # A 50, B 40
    initiated_by_af = numbers(lead_times(history.scope(initierad_av="AF")))
    assert initiated_by_af["Begäran om gemensam kartläggning"] == [1, 20, 20.0]  # B
    by_office = numbers(lead_times(history.scope(compare="AF")))
    assert by_office["Af Umeå / Gemensam kartläggning"] == [2, 40, 40.0]  # I 10, F 70
    assert by_office["Af Lund / " + BGK_TO_GK] == [2, 17.5, 17.5]  # C 5, D 30


def test_a_shorter_period_counts_only_periods_ending_in_it(history):
    values = numbers(lead_times(history.scope(end=history.scope().start.replace(month=1, day=31))))
    # ended in January: BGK I 12 (01-14), A 10 (01-15), B 20 (01-30); GK F 70 (01-10), I 10
    assert values["Begäran om gemensam kartläggning"] == [3, 12, 14.0]
    assert values["Gemensam kartläggning"] == [2, 40, 40.0]
    assert values[BGK_TO_GK] == [3, 12, 14.0]
