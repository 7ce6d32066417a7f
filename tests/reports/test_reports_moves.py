"""Flöde and Ledtider count each step at the office pair it was registered at, so a move does
not rewrite earlier office statistics. One participant, moved from FK Alfa to FK Beta on
2026-02-01: BGK 01-05 and GK 01-15 at Alfa, PAF 02-10 and ARF 03-01 at Beta."""

import datetime

import pytest

from offices.models import Agency, Role
from reports.queries import PARTICIPANT_REPORTS, ReportType
from reports.scope import Comparison, Level, Scope
from tests.builders import d, start, walk
from tests.factories import AfOfficeFactory, FkOfficeFactory, UserFactory, grant
from tests.reports.test_reports_history import numbers
from transitions.services import participation_move

pytestmark = pytest.mark.django_db

flow = PARTICIPANT_REPORTS[ReportType.FLOW]
lead_times = PARTICIPANT_REPORTS[ReportType.LEAD_TIMES]
NEW_TO_BGK = "Ny medverkan → Begäran om gemensam kartläggning"
BGK_TO_GK = "Begäran om gemensam kartläggning → Gemensam kartläggning"
GK_TO_PAF = "Gemensam kartläggning → Planerad arbetsförberedande"
PAF_TO_ARF = "Planerad arbetsförberedande → Arbetsförberedande"


@pytest.fixture
def offices(db):
    return {
        "af": AfOfficeFactory(name="Af Gamma"),
        "alfa": FkOfficeFactory(name="Alfa"),
        "beta": FkOfficeFactory(name="Beta"),
    }


@pytest.fixture
def moved(offices):
    actor = grant(
        UserFactory(username="flytt-hl", agency=Agency.FK),
        Role.DELTAGARANSVARIG,
        offices["alfa"],
        offices["beta"],
    )
    participation = start(actor, offices["af"], offices["alfa"], date=d(2026, 1, 5))
    walk(participation, actor, [("GK", d(2026, 1, 15))])
    participation_move(
        participation=participation,
        af_office=offices["af"],
        fk_office=offices["beta"],
        date=d(2026, 2, 1),
        actor=actor,
    )
    walk(participation, actor, [("PAF", d(2026, 2, 10)), ("ARF", d(2026, 3, 1))])
    return participation


def at(office, **choices) -> Scope:
    return Scope(
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        level=Level.OFFICE,
        office=office,
        **choices,
    )


def test_flow_counts_each_step_at_the_office_it_was_registered_at(moved, offices):
    alfa = numbers(flow(at(offices["alfa"])))
    beta = numbers(flow(at(offices["beta"])))
    assert (alfa[NEW_TO_BGK], alfa[BGK_TO_GK], alfa[GK_TO_PAF], alfa[PAF_TO_ARF]) == (
        [1],
        [1],
        [0],
        [0],
    )
    assert (beta[NEW_TO_BGK], beta[BGK_TO_GK], beta[GK_TO_PAF], beta[PAF_TO_ARF]) == (
        [0],
        [0],
        [1],
        [1],
    )


def test_flow_compared_over_fk_offices_splits_the_moved_history(moved, offices):
    table = flow(
        Scope(
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 6, 30),
            compare=Comparison.FK,
        )
    )
    rows = numbers(table)
    assert rows[f"Alfa TA / {BGK_TO_GK}"] == [1]
    assert rows[f"Alfa TA / {GK_TO_PAF}"] == [0]
    assert rows[f"Beta TA / {BGK_TO_GK}"] == [0]
    assert rows[f"Beta TA / {GK_TO_PAF}"] == [1]


def test_lead_times_count_each_period_where_its_step_was_registered(moved, offices):
    alfa = numbers(lead_times(at(offices["alfa"])))
    beta = numbers(lead_times(at(offices["beta"])))
    # BGK 01-05 → 01-15 and GK 01-15 → 02-10 began at Alfa; PAF 02-10 → 03-01 at Beta.
    assert alfa["Begäran om gemensam kartläggning"] == [1, 10, 10.0]
    assert alfa["Gemensam kartläggning"] == [1, 26, 26.0]
    assert alfa["Planerad arbetsförberedande"][0] == 0
    assert beta["Planerad arbetsförberedande"] == [1, 19, 19.0]
    assert beta["Begäran om gemensam kartläggning"][0] == 0
    # Steps between types: where the step that ends the lead time was registered.
    assert alfa["Begäran om gemensam kartläggning → gemensam kartläggning"] == [1, 10, 10.0]
    assert beta["Gemensam kartläggning → första aktiva insats"] == [1, 45, 45.0]
    assert alfa["Gemensam kartläggning → första aktiva insats"][0] == 0
