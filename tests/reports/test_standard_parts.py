"""Standardrapport's participants counted once (current, waiting, all) from stored parts: the
same numbers as from the rows for every period between the history's days, with episodes that
start and end inside, around and on the period's edges, gaps inside it and around its first
day, and steps on one day."""

import datetime
import itertools

import pytest

from offices.choices import Agency
from reports import parts
from reports.models import ReportChange, ReportPart
from reports.queries import standard
from reports.queries.standard import (
    _participants_from_parts,
    _participants_from_rows,
    gap_types,
    standard_report,
)
from tests.builders import d, walk
from tests.builders import start as start_participation
from tests.reports.test_reports_history import numbers
from transitions.services.transitions import transition_delete_latest
from transitions.table import ACTIVE_TYPES, TRANSITIONS, WAITING_TYPES, Insatstyp, Rule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settled(history, monkeypatch):
    monkeypatch.setattr(parts, "FILL_SECONDS", 3600)
    ReportChange.objects.all().delete()
    ReportPart.objects.all().delete()


def _one_day_steps(history):
    """GK, PAF and ARF on one day: an active episode of no days, a gap of none."""
    participation = start_participation(
        history.caseworker,
        history.offices["af_malmo"],
        history.offices["fk_malmo"],
        date=d(2026, 2, 2),
    )
    walk(
        participation,
        history.caseworker,
        [("GK", d(2026, 2, 20)), ("PAF", d(2026, 2, 20)), ("ARF", d(2026, 2, 20))],
    )
    ReportChange.objects.all().delete()


# The history's step days and the days around them (tests/reports/test_reports_history.py)
DAYS = [
    d(2025, 12, 1),
    d(2026, 1, 5),
    d(2026, 1, 14),
    d(2026, 1, 15),
    d(2026, 2, 9),
    d(2026, 2, 14),
    d(2026, 2, 19),
    d(2026, 2, 20),
    d(2026, 2, 21),
    d(2026, 3, 1),
    d(2026, 3, 6),
    d(2026, 3, 7),
    d(2026, 5, 5),
]


@pytest.mark.parametrize("split", [False, True], ids=["riket", "kön"])
def test_every_period_between_the_days_counts_as_the_rows(history, split):
    _one_day_steps(history)
    choices = {"sex": "UPPDELAT"} if split else {}
    periods = [(first, last) for first, last in itertools.product(DAYS, DAYS) if first <= last]
    differing = []
    for first, last in periods:
        scope = history.scope(start=first, end=last, **choices)
        from_parts = _participants_from_parts(scope)
        assert from_parts is not None
        if from_parts != _participants_from_rows(scope):
            differing.append((first, last))
    assert differing == []
    assert ReportPart.objects.filter(key=parts.part_key("standard-gaps", scope)).exists()


def test_a_participant_active_twice_in_the_period_is_counted_once(history):
    # A: GK 15 Jan, PAF 14 Feb, ARF 6 Mar: two active episodes, one gap wholly inside
    scope = history.scope(start=d(2026, 2, 1), end=d(2026, 3, 10))
    episodes = parts.computed("standard-episodes", scope, standard.episode_counts)
    gaps = parts.computed("standard-gaps", scope, standard.gap_counts)
    assert episodes[(None, None)]["current_start"] >= 1
    assert gaps[(None, None)][("current_gap", d(2026, 2, 14).toordinal())] == 1
    assert _participants_from_parts(scope) == _participants_from_rows(scope)


def test_the_stored_report_is_the_report_of_the_rows(history, monkeypatch):
    scope = history.scope(start=d(2026, 1, 15), end=d(2026, 3, 6))
    with monkeypatch.context() as patched:
        patched.setattr(parts, "adds_up", lambda scope: False)
        rows = numbers(standard_report(scope))
    assert ReportPart.objects.count() == 0
    assert numbers(standard_report(scope)) == rows
    assert ReportPart.objects.filter(key=parts.part_key("standard-episodes", scope)).exists()
    assert numbers(standard_report(scope)) == rows


@pytest.mark.parametrize(
    "choices",
    [
        {"compare": "AF"},
        {"level": "KONTOR", "office": "af_malmo"},
        {"level": "OMRADE", "area": "mo_syd"},
        {"status": "AKTUELLA"},
    ],
)
def test_offices_and_status_read_the_rows(history, choices):
    """At an office a move between offices splits an episode: those count from the rows."""
    assert _participants_from_parts(history.scope(**choices)) is None
    assert numbers(standard_report(history.scope(**choices)))
    assert not ReportPart.objects.filter(
        key=parts.part_key("standard-episodes", history.scope(**choices))
    ).exists()


def test_with_parts_still_missing_it_reads_the_rows(history, monkeypatch):
    monkeypatch.setattr(parts, "FILL_SECONDS", 0)
    scope = history.scope()
    assert _participants_from_parts(scope) is None
    assert numbers(standard_report(scope))


def test_gaps_are_one_period_by_the_transition_table():
    assert gap_types(ACTIVE_TYPES) == (Insatstyp.PAF, Insatstyp.PAL)
    assert gap_types(WAITING_TYPES) == (Insatstyp.GK,)
    assert None not in standard.GAP_TYPES.values()


def test_a_table_with_a_gap_of_two_periods_does_not_add_up():
    # PAF → PAL → ARF would make a gap of two periods between GK and ARF
    rules = (*TRANSITIONS, Rule("TX", Insatstyp.PAF, Insatstyp.PAL, Agency.AF))
    assert gap_types(ACTIVE_TYPES, rules) is None
    # a type entered both first and after the episode type: its period is no sure gap
    rules = (*TRANSITIONS, Rule("TY", Insatstyp.GK, Insatstyp.BGK, Agency.FK))
    assert gap_types(ACTIVE_TYPES, rules) is None


def test_an_empty_history_counts_no_one(history):
    scope = history.scope(start=d(2010, 1, 1), end=d(2010, 12, 31))
    assert _participants_from_parts(scope) is None  # before the first participation
    assert _participants_from_rows(scope) == {(None, None): {"current": 0, "waiting": 0, "all": 0}}


def test_the_days_of_a_period_start_are_exact(history):
    """The first day belongs to the period: an episode ending on it is not counted, a
    participation closing on it is."""
    h_closed = d(2025, 12, 1)  # H closed (AVS) on this day
    scope = history.scope(start=h_closed, end=h_closed)
    assert _participants_from_parts(scope) == _participants_from_rows(scope)
    assert _participants_from_parts(scope)[(None, None)]["all"] >= 1
    next_day = h_closed + datetime.timedelta(days=1)
    after = history.scope(start=next_day, end=next_day)
    assert _participants_from_parts(after) == _participants_from_rows(after)


def test_a_few_changed_days_are_read_from_their_rows_not_the_whole_period(history, monkeypatch):
    """After a change, with no time to fill, the stale month is read from its days' rows; the
    period is not read from its rows again."""
    scope = history.scope()
    assert _participants_from_parts(scope) == _participants_from_rows(scope)  # all stored
    transition_delete_latest(participation=history.participations["A"], actor=history.caseworker)
    expected = _participants_from_rows(scope)
    monkeypatch.setattr(parts, "FILL_SECONDS", 0)
    stored = ReportPart.objects.count()

    def no_rows(scope):
        raise AssertionError("read the whole period from its rows")

    monkeypatch.setattr(standard, "_participants_from_rows", no_rows)
    assert standard._participants_from_parts(scope) == expected
    assert numbers(standard_report(scope))
    assert ReportPart.objects.count() == stored  # nothing computed to store
