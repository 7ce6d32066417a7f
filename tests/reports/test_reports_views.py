"""The report screens: access, the page (diagram and accessible table), CSV and Excel equal to
the shown table, no personal data anywhere, and a constant number of queries."""

import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from offices.models import Role
from offices.selectors import forget_readings
from reports import parts
from reports.masking import display_rows, masked_rows
from reports.models import ReportChange, ReportPart
from reports.queries import PARTICIPANT_REPORTS, ReportType, standard_report
from reports.tables import by_office
from tests.builders import answer_all, register_person, start, walk
from tests.factories import UserFactory, grant
from tests.reports.test_reports_history import (
    P_END,
    P_START,
    SECRET_NAME,
)

pytestmark = pytest.mark.django_db

PERIOD = {"start": P_START.isoformat(), "end": P_END.isoformat()}
URLS = ("reports:standard", "reports:participants")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def get(client, url_name, **params):
    return client.get(reverse(url_name), params)


def _after_head(rows: list[list]) -> tuple[dict, list[list]]:
    """An exported file's head (label: text, up to the first empty line) and its table."""
    blank = next(i for i, row in enumerate(rows) if not any(row))
    return {row[0]: row[1] for row in rows[:blank]}, rows[blank + 1 :]


def csv_file(response) -> tuple[dict, list[list[str]]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return _after_head(list(csv.reader(io.StringIO(text[1:]), delimiter=";")))


def csv_rows(response) -> list[list[str]]:
    return csv_file(response)[1]


def page_rows(content: str) -> list[list[str]]:
    """The texts of the page's report table: header row, then body rows."""
    table = content[content.index("<table") : content.index("</table>")]
    return [
        [html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def excel_file(response) -> tuple[dict, list[list]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return _after_head([list(row) for row in sheet.iter_rows(values_only=True)])


def excel_rows(response) -> list[list]:
    return excel_file(response)[1]


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", URLS)
@pytest.mark.parametrize(
    "persona",
    ["reader", "fk_caseworker", "af_caseworker", "fk_insatsansvarig", "fk_samverkansadmin"],
)
def test_every_role_may_open_the_reports(client, request, url_name, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", URLS)
def test_a_user_without_role_is_refused(client, no_role_user, url_name):
    client.force_login(no_role_user)
    assert client.get(reverse(url_name), {**PERIOD, "format": "csv"}).status_code == 403


@pytest.mark.parametrize("url_name", URLS)
def test_reports_require_login(client, url_name):
    response = client.get(reverse(url_name), {**PERIOD, "format": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the page --------------------------------------------------------------------------------


def test_the_form_shows_the_swedish_labels_of_spec(reader_client):
    content = get(reader_client, "reports:participants").content.decode()
    for label in (
        "Från och med",
        "Till och med",
        "Nivå",
        "Riket",
        "Jämförelse mellan kontor",
        "Kön",
        "Rapporttyp",
        "Ledtider",
        "Flöde",
        "Sysselsättning och försörjning efter samarbetet",
        "Bakgrund",
        "Folkbokföringskommun",
        "Deltagarstatus",
        "I väntan på insats",
        "Ålder",
        "Initierad av",
        "Inskriven hos Af före samarbetet",
        "Anställd/Eget företag",
        "Försörjning före samarbetet",
    ):
        assert label in content, label
    assert content.count("<h1") == 1
    assert "<table" not in content  # no report before the form is sent


def test_the_page_shows_diagram_and_table_of_the_same_numbers(reader_client, history):
    response = get(reader_client, "reports:standard", **PERIOD, sex="UPPDELAT")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Standardrapport – status – SUS Af/FK-samarbete</title>" in content
    assert content.count("<h1") == 1
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="report-chart-title"', content)
    assert (
        '<title id="report-chart-title">Antal per situation, period 2026-01-01–2026-06-30, '
        "nivå Riket, uppdelat på kön.</title>"
    ) in content
    assert "<caption>Standardrapport – status, 2026-01-01–2026-06-30, riket</caption>" in content
    assert '<th scope="col" class="text-end">Kvinnor</th>' in content
    assert '<th scope="row">Aktuella deltagare</th>' in content
    # women A B, men C D F I: 2 → "<5", 4 → "<5", total 6
    assert (
        '<th scope="row">Aktuella deltagare</th>\n'
        '              <td class="text-end">&lt;5</td><td class="text-end">&lt;5</td>'
        '<td class="text-end">6</td>'
    ) in content


def test_the_page_has_no_inline_style_or_script(reader_client, history):
    for url_name, params in (
        ("reports:standard", {**PERIOD, "compare": "AF", "sex": "UPPDELAT"}),
        ("reports:participants", {**PERIOD, "report_type": "LEDTIDER", "sex": "UPPDELAT"}),
    ):
        content = get(reader_client, url_name, **params).content.decode()
        assert "<svg" in content
        assert "style=" not in content
        assert "<style" not in content
        assert all(' src="' in tag for tag in re.findall(r"<script[^>]*>", content))
        assert "/static/css/reports.css" in content
        assert "http://" not in content.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in content


def test_the_diagram_draws_no_bar_for_a_masked_count(reader_client, history):
    # Single day 2026-03-15: 5 active (a bar), 1 waiting (no bar, only "<5")
    content = get(reader_client, "reports:standard", start="2026-03-15").content.decode()
    svg = content[content.index("<svg") : content.index("</svg>")]
    assert svg.count('class="report-bar series-0"') == 3  # Aktuella 5, Anonyma 7, Samtliga 6
    assert ">&lt;5</text>" in svg


def test_an_invalid_form_is_shown_again_with_its_errors(reader_client):
    response = get(reader_client, "reports:standard", start="2026-06-30", end="2026-01-01")
    assert response.status_code == 200
    assert "Till och med kan inte vara före från och med." in response.content.decode()
    assert "<table" not in response.content.decode()
    response = get(
        reader_client,
        "reports:participants",
        **PERIOD,
        report_type="FLODE",
        level="OMRADE",
        format="csv",
    )
    assert response["Content-Type"].startswith("text/html")
    assert "Välj ett marknadsområde eller verksamhetsområde." in response.content.decode()


def test_level_and_comparison_from_the_form_change_the_numbers(reader_client, history):
    riket = csv_rows(get(reader_client, "reports:standard", **PERIOD, format="csv"))
    assert riket[1] == ["Aktuella deltagare", "6"]
    area = history.areas["mo_syd"].pk
    syd = csv_rows(
        get(reader_client, "reports:standard", **PERIOD, level="OMRADE", area=area, format="csv")
    )
    assert syd[1] == ["Aktuella deltagare", "<5"]  # A B C D
    assert syd[2] == ["Deltagare i väntan på planerad insats", "5"]  # A B C D G
    compared = csv_rows(
        get(
            reader_client,
            "reports:standard",
            **PERIOD,
            level="OMRADE",
            area=area,
            compare="AF",
            format="csv",
        )
    )
    # one column per office of the area, Ystad with its zeros
    assert compared[0] == ["Situation", "Af Lund", "Af Malmö", "Af Ystad"]
    assert ["Samtliga", "<5", "<5", "0"] in compared


# --- export ----------------------------------------------------------------------------------

EXPORTS = [
    ("reports:standard", {}, lambda h: standard_report(h.scope())),
    (
        "reports:standard",
        {"start": "2026-03-15", "end": ""},
        lambda h: standard_report(
            h.scope(P_START.replace(month=3, day=15), P_START.replace(month=3, day=15))
        ),
    ),
    *(
        (
            "reports:participants",
            {"report_type": t.value, "sex": "UPPDELAT", "compare": "FK"},
            lambda h, t=t: PARTICIPANT_REPORTS[t](h.scope(sex="UPPDELAT", compare="FK")),
        )
        for t in ReportType
    ),
]


@pytest.mark.parametrize(("url_name", "params", "build"), EXPORTS)
def test_csv_is_exactly_the_shown_table(reader_client, history, url_name, params, build):
    response = get(reader_client, url_name, **{**PERIOD, **params, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    table = by_office(build(history))
    assert csv_rows(response) == [table.header, *display_rows(table)]
    page = page_rows(get(reader_client, url_name, **{**PERIOD, **params}).content.decode())
    body = display_rows(table)
    assert page[-len(body) :] == body
    header = page[: -len(body)]  # one row, or offices over their columns when compared
    assert [*header[0][: len(table.row_titles)], *header[-1]][-len(table.columns) :] == (
        [column.split(" – ", 1)[-1] for column in table.columns]
    )


@pytest.mark.parametrize(("url_name", "params", "build"), EXPORTS)
def test_excel_is_exactly_the_shown_table(reader_client, history, url_name, params, build):
    response = get(reader_client, url_name, **{**PERIOD, **params, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    table = by_office(build(history))
    assert excel_rows(response) == [table.header, *masked_rows(table)]


def test_exports_mask_small_counts_like_the_page(reader_client, history):
    params = {**PERIOD, "report_type": "LEDTIDER"}
    rows = csv_rows(get(reader_client, "reports:participants", **params, format="csv"))
    excel = excel_rows(get(reader_client, "reports:participants", **params, format="xlsx"))
    gk_to_active = "Gemensam kartläggning → första aktiva insats"
    assert [gk_to_active, "<5", "..", ".."] in rows
    assert [gk_to_active, "<5", "..", ".."] in excel
    assert ["Begäran om gemensam kartläggning", "6", "11", "14,0"] in rows
    assert ["Begäran om gemensam kartläggning", 6, 11, 14.0] in excel


# --- privacy ---------------------------------------------------------------------------------


def test_no_personal_data_in_any_report_output(reader_client, history):
    person = register_person(municipality="1480", first_name="Sigrid", last_name="Stadsdelsson")
    goteborg = start(
        history.caseworker,
        history.offices["af_malmo"],
        history.offices["fk_malmo"],
        date=P_START.replace(month=2, day=2),
        person=person,
    )
    walk(goteborg, history.caseworker, [("GK", P_START.replace(month=2, day=20))])
    answer_all(goteborg.transitions.get(sequence=1), history.caseworker)
    goteborg.refresh_from_db()
    secrets = [
        SECRET_NAME,
        "Hemlig",
        "Sigrid",
        "Stadsdelsson",
        goteborg.stadsdel.name,
        str(goteborg.public_id),
    ]
    for pnr in [*history.personnummer.values(), person.personnummer]:
        secrets += [pnr, pnr[2:], f"{pnr[:8]}-{pnr[8:]}", f"{pnr[2:8]}-{pnr[8:]}"]
    for participation in history.participations.values():
        secrets.append(str(participation.public_id))
    outputs = []
    for url_name, params in [
        ("reports:standard", {"sex": "UPPDELAT", "compare": "AF"}),
        *(("reports:participants", {"report_type": t.value, "compare": "FK"}) for t in ReportType),
    ]:
        for fmt in ("", "csv"):
            outputs.append(
                get(reader_client, url_name, **PERIOD, **params, format=fmt).content.decode()
            )
        excel = excel_rows(get(reader_client, url_name, **PERIOD, **params, format="xlsx"))
        outputs.append(repr(excel))
    for output in outputs:
        for secret in secrets:
            assert secret not in output


# --- queries ---------------------------------------------------------------------------------

REPORT_QUERIES = [
    # (report, queries without comparison): standard = the first start + the stored parts of
    # the episodes before, on and after the first day + those of the gaps + those of the
    # closings with their answers + anonymous counts;
    # ledtider = per-type periods + three steps; flöde = 1; efter = counts + försörjning +
    # aktörer + their two lookup lists; bakgrund = counts + försörjning + three lookup lists.
    # Efter, Bakgrund and Ledtider add up their stored parts (reports.parts): ledtider = the
    # stored parts (histograms of days, for the medians); efter = the stored parts +
    # the two lookup lists; bakgrund = the first start + the parts of those started and of
    # those closed + the three lookup lists. Computing missing parts takes more, as many
    # whatever the number of participants.
    (standard_report, 7),
    (PARTICIPANT_REPORTS[ReportType.LEAD_TIMES], 1),
    (PARTICIPANT_REPORTS[ReportType.FLOW], 1),  # its stored parts
    (PARTICIPANT_REPORTS[ReportType.OUTCOME], 3),
    (PARTICIPANT_REPORTS[ReportType.BACKGROUND], 6),
]
# With "Deltagarstatus" (read on the last day) they do not add up: read from the rows.
FROM_ROWS = {
    standard_report: 3,  # participants + closings with their answers + anonymous counts
    PARTICIPANT_REPORTS[ReportType.FLOW]: 1,
    PARTICIPANT_REPORTS[ReportType.LEAD_TIMES]: 4,
    PARTICIPANT_REPORTS[ReportType.OUTCOME]: 5,
    PARTICIPANT_REPORTS[ReportType.BACKGROUND]: 5,
}


def add_participants(history, count: int) -> None:
    actor = history.caseworker
    for i in range(count):
        participation = start(
            actor,
            history.offices["af_lund"],
            history.offices["fk_umea"],
            date=P_START.replace(month=2, day=1 + i),
            person=register_person(sex="M" if i % 2 else "K"),
        )
        steps = [
            ("GK", P_START.replace(month=3, day=1 + i)),
            ("PAL", P_START.replace(month=4)),
            ("ARL", P_START.replace(month=5, day=1 + i)),
            ("AVS", P_START.replace(month=6)),
        ]
        for transition in [participation.transitions.get(), *walk(participation, actor, steps)]:
            answer_all(transition, actor)


def settle() -> None:
    """Forget the stored parts, and the changes this test's own transaction made: on
    PostgreSQL a part computed inside a transaction that changed the history is stale at once
    (its snapshot is at most the transaction's own number), which no request is."""
    ReportPart.objects.all().delete()
    ReportChange.objects.all().delete()


def queries_without_stored_parts(report, scope) -> int:
    settle()
    with CaptureQueriesContext(connection) as context:
        report(scope)
    return len(context)


@pytest.mark.parametrize(("report", "queries"), REPORT_QUERIES)
def test_each_report_runs_a_constant_number_of_queries(
    history, django_assert_num_queries, monkeypatch, report, queries
):
    monkeypatch.setattr(parts, "FILL_SECONDS", 3600)  # every missing part computed
    filtered = {"initierad_av": "FK", "status": "AVSLUTADE", "age": "35-44", "sex": "UPPDELAT"}
    from_rows = FROM_ROWS.get(report, queries)
    cold = queries_without_stored_parts(report, history.scope())
    with django_assert_num_queries(queries):
        report(history.scope())
    with django_assert_num_queries(from_rows + 1):  # + the compared offices
        report(history.scope(compare="AF", **filtered))
    add_participants(history, 12)
    assert queries_without_stored_parts(report, history.scope()) == cold  # and stored again
    with django_assert_num_queries(queries):
        report(history.scope())
    with django_assert_num_queries(from_rows + 1):
        report(history.scope(compare="AF", **filtered))


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("reports:standard", {"compare": "FK", "sex": "UPPDELAT"}),
        ("reports:participants", {"report_type": "LEDTIDER", "compare": "AF"}),
        ("reports:participants", {"report_type": "BAKGRUND", "initierad_av": "FK"}),
        ("reports:participants", {"report_type": "LEDTIDER", "view": "MANAD", "sex": "UPPDELAT"}),
        ("reports:participants", {"report_type": "FLODE", "view": "MANAD", "flow_step": ">BGK"}),
    ],
)
def test_a_report_page_needs_as_many_queries_for_more_participants(
    reader_client, history, monkeypatch, url_name, params
):
    monkeypatch.setattr(parts, "FILL_SECONDS", 3600)

    def queries_of(**extra):
        settle()  # each page computes its stored parts afresh
        forget_readings()  # and reads the user's roles and uppdrag
        with CaptureQueriesContext(connection) as context:
            assert get(reader_client, url_name, **PERIOD, **params, **extra).status_code == 200
        return len(context.captured_queries)

    small = {fmt: queries_of(format=fmt) for fmt in ("", "csv", "xlsx")}
    add_participants(history, 12)
    assert {fmt: queries_of(format=fmt) for fmt in ("", "csv", "xlsx")} == small


def test_the_reports_open_for_a_user_with_only_the_lasbehorig_role(client, history):
    user = grant(UserFactory(username="bara-las"), Role.LASBEHORIG)
    client.force_login(user)
    response = get(client, "reports:participants", **PERIOD, report_type="FLODE")
    assert response.status_code == 200
    assert "Ny medverkan → Begäran om gemensam kartläggning" in response.content.decode()
