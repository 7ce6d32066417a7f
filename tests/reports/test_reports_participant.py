"""Deltagarrapport – Flöde, Sysselsättning och försörjning efter samarbetet, Bakgrund and the
participant filters, on the hand-built history (see test_reports_history)."""

import pytest

from participants.models import Municipality
from reports.queries import PARTICIPANT_REPORTS, ReportType
from tests.reports.test_reports_history import numbers
from transitions.models import Forsorjning

pytestmark = pytest.mark.django_db

flow = PARTICIPANT_REPORTS[ReportType.FLOW]
outcome = PARTICIPANT_REPORTS[ReportType.OUTCOME]
background = PARTICIPANT_REPORTS[ReportType.BACKGROUND]

NEW = "Ny medverkan → Begäran om gemensam kartläggning"
BGK_GK = "Begäran om gemensam kartläggning → Gemensam kartläggning"
GK_PAF = "Gemensam kartläggning → Planerad arbetsförberedande"


def counts(table) -> dict[str, int]:
    return {label: values[-1] for label, values in numbers(table).items()}


def nonzero(table) -> dict[str, int]:
    return {label: n for label, n in counts(table).items() if n}


def test_flow_counts_each_transition_dated_in_the_period(history):
    table = flow(history.scope())
    assert len(table.rows) == 22  # every pair of the transition table, zeros included
    assert nonzero(table) == {
        NEW: 7,  # A B C D E G I (F and H started in 2025)
        BGK_GK: 5,  # A B C D I
        GK_PAF: 2,  # A F
        "Gemensam kartläggning → Planerad arbetslivsinriktad": 2,  # B I
        "Begäran om gemensam kartläggning → Avbrutet samarbete": 1,  # G
        "Gemensam kartläggning → Avbrutet samarbete": 1,  # C
        "Planerad arbetsförberedande → Arbetsförberedande": 2,  # A F
        "Planerad arbetslivsinriktad → Arbetslivsinriktad": 1,  # B
        "Arbetsförberedande → Avslutat samarbete": 1,  # A
        "Planerad arbetslivsinriktad → Avslutat samarbete": 1,  # I
    }


def test_flow_is_split_by_kon_and_office(history):
    values = numbers(flow(history.scope(sex="UPPDELAT", compare="AF")))
    assert values[f"Af Malmö / {NEW}"] == [3, 0, 3]  # A B G
    assert values[f"Af Lund / {NEW}"] == [0, 2, 2]  # C D
    assert values[f"Af Umeå / {GK_PAF}"] == [0, 1, 1]  # F


def test_outcome_after_the_collaboration(history):
    assert nonzero(outcome(history.scope())) == {
        "Avslutade": 4,  # A C G I
        "Avslut: Avslutat samarbete": 2,  # A I
        "Avslut: Avbrutet samarbete": 2,  # C G
        "Med uppgifter om situationen efter": 1,  # A (I not answered)
        "Arbetar": 1,
        "Arbetar, varav ej subventionerat arbete": 1,
        "Försörjning: Ingen offentlig försörjning": 1,
    }


def test_outcome_for_an_office(history):
    assert nonzero(outcome(history.scope(level="KONTOR", office="af_umea"))) == {
        "Avslutade": 1,  # I
        "Avslut: Avslutat samarbete": 1,
    }


def test_background_of_everyone_in_the_collaboration_in_the_period(history):
    assert nonzero(background(history.scope())) == {
        "Samtliga deltagare": 8,  # all but H (closed 2025-12-01)
        "Med uppgifter från begäran": 7,  # D's Begäran is not answered
        "Ålder vid start: 25–34 år": 1,  # E
        "Ålder vid start: 35–44 år": 6,  # A B C D F I
        "Ålder vid start: 55 år och äldre": 1,  # G
        "Initierad av: Arbetsförmedlingen": 2,  # B E
        "Initierad av: Försäkringskassan": 5,  # A C F G I
        "Anställd": 3,  # A B C
        "Eget företag": 1,  # G
        "Inskriven hos Arbetsförmedlingen": 6,  # all answered but C
        "Arbetar": 7,
        "Försörjning: Sjukpenning": 6,
        "Försörjning: Arbetslöshetsersättning": 1,  # F
        "Tid med offentlig försörjning: 1–2 år": 7,
        "Utbildningsnivå: Gymnasial": 7,
    }


@pytest.mark.parametrize(
    ("choices", "new", "expected"),
    [
        ({}, 7, "all but F and H, who started in 2025"),
        ({"sex": "K"}, 4, "A B E G"),
        ({"age": "25-34"}, 1, "E"),
        ({"age": "55-"}, 1, "G"),
        ({"initierad_av": "AF"}, 2, "B E"),
        ({"inskriven_af": "NEJ"}, 1, "C (D has no answers)"),
        ({"inskriven_af": "JA"}, 5, "A B E G I"),
        ({"employment": "ANSTALLD"}, 3, "A B C"),
        ({"employment": "EGET_FORETAG"}, 1, "G"),
        ({"employment": "INGETDERA"}, 2, "E I (F started in 2025)"),
        ({"status": "AKTUELLA"}, 2, "B D: in an active type on 06-30 (F started in 2025)"),
        ({"status": "VANTAN"}, 1, "E"),
        ({"status": "AVSLUTADE"}, 4, "A C G I"),
    ],
)
def test_participant_filters_change_the_flow(history, choices, new, expected):
    assert counts(flow(history.scope(**choices)))[NEW] == new, expected


def test_kommun_filter(history):
    umea = Municipality.objects.get(code="2480")
    assert counts(flow(history.scope(municipality=umea)))[NEW] == 1  # E


def test_forsorjning_before_filter(history):
    unemployment = Forsorjning.objects.get(label="Arbetslöshetsersättning")
    assert nonzero(flow(history.scope(forsorjning=unemployment))) == {
        GK_PAF: 1,  # F
        "Planerad arbetsförberedande → Arbetsförberedande": 1,
    }


def test_deltagarstatus_is_the_status_on_the_last_day(history):
    # On 03-15 in an active type: A B C D F; their BGK → GK steps in P: A B C D
    on_march_15 = history.scope(end=history.scope().start.replace(month=3, day=15))
    assert counts(flow(on_march_15))[BGK_GK] == 5
    active = history.scope(end=on_march_15.end, status="AKTUELLA")
    assert counts(flow(active))[BGK_GK] == 4


def test_the_caption_names_the_period_place_and_filters(history):
    scope = history.scope(
        level="OMRADE", area="mo_syd", sex="K", status="AKTUELLA", age="35-44", initierad_av="AF"
    )
    assert flow(scope).caption == (
        "Flöde, 2026-01-01–2026-06-30, Marknadsområde Syd, kvinnor, Deltagarstatus: Aktuella, "
        "Ålder: 35–44 år, Initierad av: Arbetsförmedlingen"
    )
