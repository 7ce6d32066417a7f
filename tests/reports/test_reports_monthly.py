"""Ledtider and Flöde per månad on the hand-built history: the numbers month by month (worked out
by hand), the masking, one query per report, the page (line diagram and table), the files and
the form's refusals."""

import re

import pytest
from django.urls import reverse

from reports.masking import masked_rows
from reports.queries import PARTICIPANT_REPORTS, ReportType
from reports.queries.monthly import flow_by_month, lead_times_by_month
from tests.reports.test_reports_history import P_END, P_START, numbers
from tests.reports.test_reports_views import PERIOD, add_participants, csv_file, page_rows

pytestmark = pytest.mark.django_db

MONTHS = ["januari 2026", "februari 2026", "mars 2026", "april 2026", "maj 2026", "juni 2026"]
MONTHLY = {**PERIOD, "view": "MANAD"}


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def get(client, **params):
    return client.get(reverse("reports:participants"), params)


def test_flow_per_month_counts_the_steps_dated_in_each_month(history):
    table = flow_by_month(history.scope(), "")
    # Jan: A BGK GK, B BGK GK, F PAF, I BGK GK PAL; Feb: A PAF, C BGK GK, D BGK, F ARF, I AVS;
    # Mar: A ARF, B PAL ARL, D GK, E BGK; Apr: C AVB, G BGK AVB; May: A AVS
    assert numbers(table) == {
        "januari 2026": [8],
        "februari 2026": [6],
        "mars 2026": [5],
        "april 2026": [3],
        "maj 2026": [1],
        "juni 2026": [0],
    }
    new = numbers(flow_by_month(history.scope(), ">BGK"))
    assert [new[month][0] for month in MONTHS] == [3, 2, 1, 1, 0, 0]  # A B I, C D, E, G
    # the months add up to the period's own Flöde report
    period = numbers(PARTICIPANT_REPORTS[ReportType.FLOW](history.scope()))
    assert period["Ny medverkan → Begäran om gemensam kartläggning"] == [7]
    assert sum(values[0] for values in numbers(table).values()) == sum(
        values[0] for values in period.values()
    )


def test_lead_times_per_month_put_a_period_in_the_month_it_ended(history):
    bgk = numbers(lead_times_by_month(history.scope(), "BGK"))
    # BGK periods ended: Jan A 10, I 12, B 20; Feb C 5; Mar D 30; Apr G 7
    assert bgk["januari 2026"] == [3, 12, 14.0]
    assert bgk["februari 2026"] == [1, 5, 5.0]
    assert bgk["mars 2026"] == [1, 30, 30.0]
    assert bgk["april 2026"] == [1, 7, 7.0]
    assert bgk["juni 2026"] == [0, None, None]
    # BGK → GK, in the month of the GK step: Jan A 10, I 12, B 20; Feb C 5; Mar D 30
    steps = numbers(lead_times_by_month(history.scope(), "BGK-GK"))
    assert [steps[month][0] for month in MONTHS] == [3, 1, 1, 0, 0, 0]
    assert steps["januari 2026"] == [3, 12, 14.0]
    split = numbers(lead_times_by_month(history.scope(sex="UPPDELAT"), "BGK"))
    # January: women A 10, B 20; men I 12
    assert split["januari 2026"] == [2, 15, 15.0, 1, 12, 12.0, 3, 12, 14.0]


def test_monthly_values_are_masked_like_the_period_reports(history, settings):
    rows = {row[0]: row[1:] for row in masked_rows(lead_times_by_month(history.scope(), "BGK"))}
    assert rows["januari 2026"] == ["<5", "..", ".."]
    assert rows["juni 2026"] == [0, "–", "–"]
    settings.SUS_REPORT_ROUNDING = 5
    rows = {row[0]: row[1:] for row in masked_rows(flow_by_month(history.scope(), ""))}
    assert [rows[month][0] for month in MONTHS] == [5, 5, 5, "<5", "<5", "<5"]


@pytest.mark.parametrize(
    ("report", "measure"),
    [(lead_times_by_month, "BGK"), (lead_times_by_month, "GK-AKTIV"), (flow_by_month, "")],
)
def test_each_monthly_report_is_one_query(history, django_assert_num_queries, report, measure):
    filtered = {"initierad_av": "FK", "status": "AVSLUTADE", "age": "35-44", "sex": "UPPDELAT"}
    with django_assert_num_queries(1):
        report(history.scope(), measure)
    with django_assert_num_queries(1):
        report(history.scope(**filtered), measure)
    add_participants(history, 12)
    with django_assert_num_queries(1):
        report(history.scope(start=P_START.replace(year=2024), end=P_END), measure)


def test_the_monthly_page_shows_a_line_diagram_and_a_table_of_months(reader_client, history):
    response = get(reader_client, **MONTHLY, report_type="FLODE", flow_step=">BGK")
    content = response.content.decode()
    assert response.status_code == 200
    caption = (
        "Flöde per månad: Ny medverkan → Begäran om gemensam kartläggning, "
        "2026-01-01–2026-06-30, riket"
    )
    assert f"<caption>{caption}</caption>" in content
    assert "Diagram: Antal per månad, period 2026-01-01–2026-06-30, nivå Riket." in content
    svg = content[content.index("<svg") : content.index("</svg>")]
    assert "<polyline" in svg
    for month in ("jan", "feb", "mar", "apr", "maj", "jun"):
        assert f">{month}</text>" in svg
    rows = page_rows(content)
    assert rows[0] == ["Månad", "Antal"]
    assert [row[0] for row in rows[1:]] == MONTHS
    assert rows[1] == ["januari 2026", "<5"]
    assert "style=" not in content


def test_a_masked_month_is_a_gap_in_the_line(reader_client, history, settings):
    settings.SUS_REPORT_ROUNDING = 5
    content = get(reader_client, **MONTHLY, report_type="FLODE").content.decode()
    svg = content[content.index("<svg") : content.index("</svg>")]
    # Jan–Mar 5 each (three points on one line); Apr–Jun "<5": no point, no line to them
    assert svg.count('class="report-point series-0"') == 3
    assert svg.count("<polyline") == 1


def test_the_monthly_files_say_what_they_hold(reader_client, history):
    response = get(reader_client, **MONTHLY, report_type="LEDTIDER", lead_time="BGK", format="csv")
    head, rows = csv_file(response)
    assert head["Rapport"] == "Deltagarrapport – Ledtider"
    assert head["Period"] == "2026-01-01–2026-06-30"
    assert head["Nivå"] == "Riket"
    assert rows[0] == ["Månad", "Antal", "Median (dagar)", "Medelvärde (dagar)"]
    assert rows[1] == ["januari 2026", "<5", "..", ".."]
    assert response["Content-Disposition"] == (
        'attachment; filename="deltagarrapport-ledtider-per-manad-bgk-riket-'
        '2026-01-01-2026-06-30.csv"'
    )


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"start": "2023-01-01", "end": "2026-06-30"},
            "end",
            "Per månad kan visa högst 36 månader, och perioden omfattar 42. Välj en kortare "
            "period.",
        ),
        (
            {"start": "2026-06-30", "end": "2026-01-01"},
            "end",
            "Till och med kan inte vara före från och med.",
        ),
        ({"start": "2026-01-01", "end": "2099-01-01"}, "end", "Rapporten gäller det som har hänt"),
        (
            {**PERIOD, "report_type": "BAKGRUND"},
            "view",
            "Per månad finns för Ledtider och Flöde. Välj en av dem eller Hela perioden.",
        ),
        (
            {**PERIOD, "compare": "AF"},
            "compare",
            "Jämförelse mellan kontor finns inte per månad. Välj Ingen jämförelse eller Hela "
            "perioden.",
        ),
    ],
)
def test_bad_monthly_input_gets_a_swedish_error(reader_client, history, params, field, message):
    response = get(reader_client, **{"report_type": "FLODE", **params, "view": "MANAD"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<table" not in content
    assert content.startswith("<!DOCTYPE html>")
    assert "<title>Fel:" in content
    assert re.search(rf'id="error_\d+_id_{field}"[^>]*>[^<]*{re.escape(message)}', content) or (
        message in content
    )
    assert f'href="#id_{field}' in content


def test_36_months_are_allowed_and_the_form_keeps_the_choices(reader_client, history):
    response = get(
        reader_client,
        report_type="LEDTIDER",
        view="MANAD",
        lead_time="GK",
        start="2023-07-01",
        end="2026-06-30",
    )
    content = response.content.decode()
    rows = page_rows(content)
    assert len(rows) == 1 + 36
    assert rows[1][0] == "juli 2023" and rows[-1][0] == "juni 2026"
    assert re.search(r'<option value="GK" selected>', content)
    assert re.search(r'value="MANAD"[^>]*checked', content)
